package io.pharos.engine.dashboard;

import static io.pharos.engine.dashboard.SeriesReads.BY_REGION;
import static io.pharos.engine.dashboard.SeriesReads.BY_RESOURCE;
import static io.pharos.engine.dashboard.SeriesReads.BY_SERVICE;

import io.pharos.engine.dashboard.Kpi.Measure;
import io.pharos.engine.fleet.HostMetric;
import io.pharos.engine.fleet.RegionMetric;
import io.pharos.engine.incident.Incident;
import io.pharos.engine.incident.Severity;
import io.pharos.engine.model.Durations;
import io.pharos.engine.model.Labels;
import io.pharos.engine.model.Matcher;
import io.pharos.engine.query.QueryService;
import io.pharos.engine.query.TimeSeries;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Computes the executive dashboard's figures for a range [from, to) and the previous period of the
 * same length, headless, through the query API only. Region-level series carry most figures (the
 * reference fleet's names: {@code region_requests_per_second{service=...}}, {@code region_success_ratio},
 * ...); host CPU series only the capacity headroom. How each figure is defined: docs/dashboards.md.
 *
 * <p>Thread-safe: each call reads afresh and keeps nothing.
 */
public final class DashboardService {
    /** Hours in an average month (365.25 × 24 / 12): the monthly run rate is the hourly cost times this. */
    public static final double HOURS_PER_MONTH = 730.5;
    /** Steps of the "now" window: one per minute of the default five, read from the minute rollups. */
    private static final int NOW_POINTS = 5;

    private final QueryService query;
    private final IncidentSource incidents;
    private final DashboardConfig config;
    private final ExecutiveSummary recorded;
    private static final long BUDGET_REUSE_MS = 60_000;
    private static final long NO_BUDGET_REUSE_MS = 5_000;
    /** Budgets by the minute their window ends in: the last few (now and the previous period's end). */
    private final java.util.Map<Long, Budget> budgets = new java.util.LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<Long, Budget> eldest) {
            return size() > 8;
        }
    };

    public DashboardService(QueryService query, IncidentSource incidents, DashboardConfig config) {
        this(query, incidents, config, null);
    }

    private DashboardService(QueryService query, IncidentSource incidents, DashboardConfig config,
                             ExecutiveSummary recorded) {
        this.query = Objects.requireNonNull(query, "query");
        this.incidents = Objects.requireNonNull(incidents, "incidents");
        this.config = Objects.requireNonNull(config, "config");
        this.recorded = recorded;
    }

    /**
     * This service, answering the summary of {@code recorded}'s range with {@code recorded}: a snapshot's
     * figures as computed at export from data that lies before the range (the trends' previous period,
     * the error budget's window), which the snapshot does not hold. Any other range is computed.
     */
    public DashboardService withRecorded(ExecutiveSummary recorded) {
        return new DashboardService(query, incidents, config, Objects.requireNonNull(recorded, "recorded"));
    }

    public DashboardService(QueryService query, IncidentSource incidents) {
        this(query, incidents, DashboardConfig.DEFAULTS);
    }

    public DashboardConfig config() {
        return config;
    }

    public ExecutiveSummary summarize(Instant from, Instant to) {
        return summarize(from.toEpochMilli(), to.toEpochMilli());
    }

    /** The summary of [fromMs, toMs) against [fromMs − (toMs − fromMs), fromMs). */
    public ExecutiveSummary summarize(long fromMs, long toMs) {
        if (recorded != null && recorded.fromMs() == fromMs && recorded.toMs() == toMs) {
            return recorded;
        }
        if (toMs <= fromMs) {
            throw new IllegalArgumentException("the range must end after it starts: from " + Instant.ofEpochMilli(fromMs)
                    + " to " + Instant.ofEpochMilli(toMs));
        }
        long length = toMs - fromMs;
        long previousFrom = fromMs - length;
        SeriesReads reads = new SeriesReads(query, config);

        Now now = readNow(reads, toMs);
        Now before = readNow(reads, fromMs);
        Map<String, Weighted> availability = availability(reads, fromMs, toMs, config.points());
        Map<String, Weighted> availabilityBefore = availability(reads, previousFrom, fromMs, config.points());
        Budget budget = budget(reads, toMs);
        Budget budgetBefore = budget(reads, fromMs);
        Cpu cpu = cpu(reads, fromMs, toMs);
        Cpu cpuBefore = cpu(reads, previousFrom, fromMs);

        String range = "in the range";
        String previous = "in the previous period";
        Kpi availabilityKpi = Kpi.of(ExecutiveSummary.AVAILABILITY, "ratio", Basis.OVER_RANGE, true,
                        Measure.orMissing(SeriesReads.fleet(availability), noData(RegionMetric.SUCCESS, range)),
                        Measure.orMissing(SeriesReads.fleet(availabilityBefore), noData(RegionMetric.SUCCESS, previous)))
                .withSteadyWithin(config.objective().errorBudget() / 10);
        Kpi budgetKpi = Kpi.of(ExecutiveSummary.ERROR_BUDGET_REMAINING, "ratio", Basis.OBJECTIVE_WINDOW, true,
                        budget.remaining(), budgetBefore.remaining())
                .withSteadyWithin(0.001).withNote(budget.note()).withCaveat(budget.caveat());

        List<Incident> all = incidents.tracked() ? incidents.incidents() : List.of();
        List<Incident> openNow = IncidentFigures.openAt(all, toMs);
        List<Incident> openBefore = IncidentFigures.openAt(all, fromMs);
        RevenueAtRisk risk = revenueAtRisk(openNow, now.revenue);
        RevenueAtRisk riskBefore = revenueAtRisk(openBefore, before.revenue);

        List<Incident> started = IncidentFigures.startedIn(all, fromMs, toMs);
        List<Incident> startedBefore = IncidentFigures.startedIn(all, previousFrom, fromMs);

        double costNow = SeriesReads.total(now.cost);
        double costBefore = SeriesReads.total(before.cost);
        return new ExecutiveSummary(fromMs, toMs, previousFrom, config.objective(), reads.simulated(),
                availabilityKpi, budgetKpi,
                endOfRange(ExecutiveSummary.ACTIVE_USERS, "users", true, SeriesReads.total(now.users),
                        SeriesReads.total(before.users), RegionMetric.ACTIVE_USERS),
                endOfRange(ExecutiveSummary.REQUESTS_PER_SECOND, "requests/s", true, SeriesReads.total(now.requests),
                        SeriesReads.total(before.requests), RegionMetric.REQUESTS),
                endOfRange(ExecutiveSummary.LATENCY_P95, "seconds", false, SeriesReads.fleet(now.p95),
                        SeriesReads.fleet(before.p95), RegionMetric.LATENCY_P95),
                endOfRange(ExecutiveSummary.LATENCY_P99, "seconds", false, SeriesReads.fleet(now.p99),
                        SeriesReads.fleet(before.p99), RegionMetric.LATENCY_P99),
                endOfRange(ExecutiveSummary.ERROR_RATE, "ratio", false, now.fleetErrorRatio(),
                        before.fleetErrorRatio(), RegionMetric.ERROR),
                endOfRange(ExecutiveSummary.REVENUE_PER_MINUTE, "$/min", true, SeriesReads.total(now.revenue),
                        SeriesReads.total(before.revenue), RegionMetric.REVENUE),
                Kpi.of(ExecutiveSummary.REVENUE_AT_RISK, "$/min", Basis.END_OF_RANGE, false, risk.measure(),
                        riskBefore.measure()).withNote(risk.note()),
                endOfRange(ExecutiveSummary.COST_PER_HOUR, "$/h", false, costNow, costBefore, RegionMetric.COST),
                endOfRange(ExecutiveSummary.MONTHLY_RUN_RATE, "$/month", false, costNow * HOURS_PER_MONTH,
                        costBefore * HOURS_PER_MONTH, RegionMetric.COST),
                Kpi.of(ExecutiveSummary.CPU_HEADROOM, "ratio", Basis.PEAK_OF_RANGE, true,
                        Measure.orMissing(1 - cpu.fleetPeak(), noData(HostMetric.CPU_UTILIZATION.metricName(), range)),
                        Measure.orMissing(1 - cpuBefore.fleetPeak(),
                                noData(HostMetric.CPU_UTILIZATION.metricName(), previous))),
                incidentKpi(ExecutiveSummary.OPEN_INCIDENTS, "incidents", Basis.END_OF_RANGE,
                        Measure.of(openNow.size()), Measure.of(openBefore.size()), "")
                        .withSteadyWithin(0),
                incidentKpi(ExecutiveSummary.MEAN_TIME_TO_ACKNOWLEDGE, "seconds", Basis.OVER_RANGE,
                        IncidentFigures.meanTimeToAcknowledge(started, toMs),
                        IncidentFigures.meanTimeToAcknowledge(startedBefore, fromMs),
                        IncidentFigures.coverage(started, toMs, true)),
                incidentKpi(ExecutiveSummary.MEAN_TIME_TO_RESOLVE, "seconds", Basis.OVER_RANGE,
                        IncidentFigures.meanTimeToResolve(started, toMs),
                        IncidentFigures.meanTimeToResolve(startedBefore, fromMs),
                        IncidentFigures.coverage(started, toMs, false)),
                incidents.tracked() ? IncidentFigures.bySeverity(openNow) : Map.<Severity, Integer>of(),
                regions(reads, now, cpu));
    }

    /**
     * Only the regions of {@link #summarize(long, long)}: each region's health with its reasons and its
     * figures, the same values the summary gives, without the fleet-wide figures, the previous period or
     * the error budget's long window. For screens that refresh often and show regions only.
     */
    public List<RegionHealth> regions(long fromMs, long toMs) {
        if (toMs <= fromMs) {
            throw new IllegalArgumentException("the range must end after it starts: from " + Instant.ofEpochMilli(fromMs)
                    + " to " + Instant.ofEpochMilli(toMs));
        }
        SeriesReads reads = new SeriesReads(query, config);
        return regions(reads, readNow(reads, toMs), cpu(reads, fromMs, toMs));
    }

    // ---- "now": the last minutes before a time ----

    /** Region figures over [t − nowWindow, t). NaN-free maps: a region without data for a figure is absent. */
    private static final class Now {
        final long fromMs;
        final long toMs;
        final Map<String, String> providers = new TreeMap<>();
        Map<String, Weighted> responseTime;
        Map<String, Weighted> success;
        Map<String, Weighted> error;
        Map<String, Weighted> userSuccess;
        Map<String, Weighted> p95;
        Map<String, Weighted> p99;
        Map<String, Double> requests;
        Map<String, Double> users;
        Map<String, Double> revenue;
        Map<String, Double> cost;

        Now(long fromMs, long toMs) {
            this.fromMs = fromMs;
            this.toMs = toMs;
        }

        /** The user-facing error ratio; 1 − their success ratio where no error ratio series exist. */
        double fleetErrorRatio() {
            double e = SeriesReads.fleet(error);
            return Double.isNaN(e) ? 1 - SeriesReads.fleet(userSuccess) : e;
        }

        double errorRatio(String region) {
            double e = mean(error, region);
            return Double.isNaN(e) ? 1 - mean(userSuccess, region) : e;
        }

        Set<String> regions() {
            Set<String> out = new TreeSet<>();
            for (Map<String, ?> m : List.of(responseTime, success, error, p95, p99, requests, users, revenue, cost)) {
                out.addAll(m.keySet());
            }
            out.remove("");
            return out;
        }
    }

    private Now readNow(SeriesReads reads, long t) {
        long window = Math.max(1_000, config.nowWindow().toMillis());
        Now now = new Now(t - window, t);
        Matcher userFacing = Matcher.notRegex(SeriesReads.SERVICE, config.backendServices());
        List<TimeSeries> requests = reads.read(RegionMetric.REQUESTS.metricName(), BY_SERVICE, now.fromMs, t,
                NOW_POINTS);
        List<TimeSeries> success = reads.read(RegionMetric.SUCCESS.metricName(), BY_SERVICE, now.fromMs, t,
                NOW_POINTS);
        List<TimeSeries> error = reads.read(RegionMetric.ERROR.metricName(), BY_SERVICE, now.fromMs, t, NOW_POINTS,
                userFacing);
        Predicate<Labels> users = reads.userFacing();
        Predicate<Labels> every = l -> true;
        now.success = SeriesReads.weightedByRegion(success, requests, every);
        now.userSuccess = SeriesReads.weightedByRegion(success, requests, users);
        now.error = SeriesReads.weightedByRegion(error, requests, users);
        now.responseTime = SeriesReads.weightedByRegion(reads.read(RegionMetric.LATENCY_P50.metricName(), BY_SERVICE,
                now.fromMs, t, NOW_POINTS, userFacing), requests, users);
        now.p95 = SeriesReads.weightedByRegion(reads.read(RegionMetric.LATENCY_P95.metricName(), BY_SERVICE,
                now.fromMs, t, NOW_POINTS, userFacing), requests, users);
        now.p99 = SeriesReads.weightedByRegion(reads.read(RegionMetric.LATENCY_P99.metricName(), BY_SERVICE,
                now.fromMs, t, NOW_POINTS, userFacing), requests, users);
        now.requests = SeriesReads.sumOfMeansByRegion(requests, users);
        List<TimeSeries> activeUsers = reads.read(RegionMetric.ACTIVE_USERS.metricName(), BY_REGION, now.fromMs, t,
                NOW_POINTS);
        List<TimeSeries> revenue = reads.read(RegionMetric.REVENUE.metricName(), BY_REGION, now.fromMs, t, NOW_POINTS);
        List<TimeSeries> cost = reads.read(RegionMetric.COST.metricName(), BY_RESOURCE, now.fromMs, t, NOW_POINTS);
        now.users = SeriesReads.sumOfMeansByRegion(activeUsers, every);
        now.revenue = SeriesReads.sumOfMeansByRegion(revenue, every);
        now.cost = SeriesReads.sumOfMeansByRegion(cost, every);
        for (List<TimeSeries> l : List.of(requests, activeUsers, revenue, cost)) {
            SeriesReads.providers(l, now.providers);
        }
        return now;
    }

    // ---- availability and error budget ----

    /** Request-weighted success ratio of every service, per region, over [from, to). */
    private static Map<String, Weighted> availability(SeriesReads reads, long fromMs, long toMs, int points) {
        List<TimeSeries> requests = reads.read(RegionMetric.REQUESTS.metricName(), BY_SERVICE, fromMs, toMs, points);
        List<TimeSeries> success = reads.read(RegionMetric.SUCCESS.metricName(), BY_SERVICE, fromMs, toMs, points);
        return SeriesReads.weightedByRegion(success, requests, l -> true);
    }

    private record Budget(Measure remaining, String note, String caveat, long readAtMs) {
    }

    /**
     * The budget of the window ending at {@code t}, read at most once a minute: thirty days of rollups
     * every second for a figure that moves by a minute's share of the window (the console refreshes
     * at 1 Hz) cost more CPU and garbage than the rest of the summary.
     */
    private Budget budget(SeriesReads reads, long t) {
        long minute = Math.floorDiv(t, BUDGET_REUSE_MS);
        synchronized (budgets) {
            Budget known = budgets.get(minute);
            // "No data yet" is kept a few seconds only: at a fresh start the first summary comes
            // before the first samples, and the tile would say so for a minute after they arrived.
            if (known != null && (known.remaining().value().isPresent() || t - known.readAtMs() < NO_BUDGET_REUSE_MS)) {
                return known;
            }
        }
        Budget b = readBudget(reads, t);
        synchronized (budgets) {
            budgets.put(minute, b);
        }
        return b;
    }

    /** The share of the objective's error budget not spent over its window ending at {@code t}. */
    private Budget readBudget(SeriesReads reads, long t) {
        long window = config.objective().window().toMillis();
        long from = t - window;
        List<TimeSeries> requests = reads.read(RegionMetric.REQUESTS.metricName(), BY_SERVICE, from, t,
                config.points());
        List<TimeSeries> success = reads.read(RegionMetric.SUCCESS.metricName(), BY_SERVICE, from, t, config.points());
        double availability = SeriesReads.fleet(SeriesReads.weightedByRegion(success, requests, l -> true));
        if (Double.isNaN(availability)) {
            // No instant in the text: the window ends where the range does, and the console shows
            // times in the zone the user chose, which an engine's text cannot follow.
            return new Budget(Measure.missing("no " + RegionMetric.SUCCESS.metricName() + " data in the "
                    + Durations.human(window) + " window up to the end of the range"), "", "", t);
        }
        double spent = (1 - availability) / config.objective().errorBudget();
        long covered = coveredMs(requests, from, t);
        // coverage counts whole steps: data in part of a step counts it all, hence "at most"
        boolean partial = covered < window;
        String note = partial
                ? "the data covers at most " + Durations.human(covered) + " of the " + Durations.human(window)
                        + " window; the rest is assumed to run alike" : "";
        // Beside the value, not only in the tooltip: a new store's budget is a minute's, scaled to 30 days.
        String caveat = partial ? "from at most " + Durations.human(roundedUp(covered)) + " of data" : "";
        return new Budget(Measure.of(1 - spent), note, caveat, t);
    }

    /** Up to the whole hour (the whole minute below an hour): "at most" stays true, and short. */
    private static long roundedUp(long ms) {
        long unit = ms >= 3_600_000 ? 3_600_000 : 60_000;
        return Math.ceilDiv(ms, unit) * unit;
    }

    /** How much of [from, to) the series have data for: the steps where any of them has a value. */
    private static long coveredMs(List<TimeSeries> series, long fromMs, long toMs) {
        if (series.isEmpty()) {
            return 0;
        }
        TimeSeries first = series.getFirst();
        long covered = 0;
        for (int i = 0; i < first.size(); i++) {
            for (TimeSeries s : series) {
                if (i < s.size() && !Double.isNaN(s.values()[i])) {
                    long start = Math.max(fromMs, first.time(i));
                    long end = Math.min(toMs, first.time(i) + first.stepMs());
                    covered += Math.max(0, end - start);
                    break;
                }
            }
        }
        return covered;
    }

    // ---- capacity ----

    /**
     * Per region and step, the sum of the hosts' CPU utilisation and the number of hosts summed: each
     * host that has a value for that step, its own or carried forward (see {@link #CPU_LOOKBACK_MS}).
     * A region without a host in any step is absent.
     */
    private record Cpu(Map<String, double[]> sumByRegion, Map<String, int[]> hostsByRegion) {
        double regionPeak(String region) {
            double[] sums = sumByRegion.get(region);
            int[] hosts = hostsByRegion.get(region);
            if (sums == null) {
                return Double.NaN;
            }
            double peak = Double.NaN;
            for (int i = 0; i < sums.length; i++) {
                if (hosts[i] > 0) {
                    double mean = sums[i] / hosts[i];
                    peak = Double.isNaN(peak) ? mean : Math.max(peak, mean);
                }
            }
            return peak;
        }

        double fleetPeak() {
            int steps = sumByRegion.values().stream().mapToInt(a -> a.length).max().orElse(0);
            double peak = Double.NaN;
            for (int i = 0; i < steps; i++) {
                double sum = 0;
                int n = 0;
                for (var e : sumByRegion.entrySet()) {
                    sum += e.getValue()[i];
                    n += hostsByRegion.get(e.getKey())[i];
                }
                if (n > 0) {
                    peak = Double.isNaN(peak) ? sum / n : Math.max(peak, sum / n);
                }
            }
            return peak;
        }
    }

    /**
     * How long a host's last value stands for it in steps where it has no sample (Prometheus's
     * default lookback): hosts sampled less often than a step, at offsets of their own, or not yet
     * at the newest timestamp must still count in each step, or the hosts that did report, e.g. one
     * busy machine alone, make that step's mean. A host silent for longer no longer counts.
     */
    private static final long CPU_LOOKBACK_MS = 5 * 60_000;

    private Cpu cpu(SeriesReads reads, long fromMs, long toMs) {
        String metric = HostMetric.CPU_UTILIZATION.metricName();
        // the step and grid of the range's other reads; read from a lookback earlier, so that the
        // first steps have the values carried from before the range
        long step = QueryService.stepFor(fromMs, toMs - 1, config.points());
        int lead = (int) (CPU_LOOKBACK_MS / step);
        Map<String, double[]> sums = new TreeMap<>();
        Map<String, int[]> hosts = new TreeMap<>();
        reads.eachSeries(metric, fromMs - lead * step, toMs, step, (labels, v) -> {
            int steps = v.length - lead;
            String region = SeriesReads.region(labels);
            double[] sum = sums.computeIfAbsent(region, r -> new double[steps]);
            int[] n = hosts.computeIfAbsent(region, r -> new int[steps]);
            double last = Double.NaN;
            int lastStep = Integer.MIN_VALUE;
            for (int i = 0; i < v.length; i++) {
                if (!Double.isNaN(v[i])) {
                    last = v[i];
                    lastStep = i;
                }
                if (i >= lead && !Double.isNaN(last) && (long) (i - lastStep) * step <= CPU_LOOKBACK_MS) {
                    sum[i - lead] += last;
                    n[i - lead]++;
                }
            }
        });
        hosts.entrySet().removeIf(e -> Arrays.stream(e.getValue()).allMatch(c -> c == 0));
        sums.keySet().retainAll(hosts.keySet());
        return new Cpu(sums, hosts);
    }

    // ---- incidents ----

    private record RevenueAtRisk(Measure measure, String note) {
    }

    /**
     * What the regions of open incidents earn per minute now: an incident that names regions puts their
     * whole revenue at risk (the dashboard cannot tell how much of a region an incident touches); a
     * region with several incidents counts once.
     */
    private RevenueAtRisk revenueAtRisk(List<Incident> open, Map<String, Double> revenue) {
        if (!incidents.tracked()) {
            return new RevenueAtRisk(Measure.missing("incidents are not tracked"), "");
        }
        if (open.isEmpty()) {
            return new RevenueAtRisk(Measure.of(0), "no open incidents");
        }
        Set<String> regions = IncidentFigures.regions(open);
        long withoutRegion = open.stream().filter(i -> i.regions().isEmpty()).count();
        if (regions.isEmpty()) {
            return new RevenueAtRisk(Measure.missing("the " + open.size() + " open incidents name no region"), "");
        }
        double sum = 0;
        List<String> counted = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String r : regions) {
            Double v = revenue.get(r);
            if (v == null) {
                missing.add(r);
            } else {
                sum += v;
                counted.add(r);
            }
        }
        if (counted.isEmpty()) {
            return new RevenueAtRisk(Measure.missing("no " + RegionMetric.REVENUE.metricName() + " data for "
                    + String.join(", ", missing)), "");
        }
        List<String> notes = new ArrayList<>();
        notes.add("revenue of " + String.join(", ", counted));
        if (!missing.isEmpty()) {
            notes.add("no revenue data for " + String.join(", ", missing));
        }
        if (withoutRegion > 0) {
            notes.add(withoutRegion + " open incidents name no region and are not counted");
        }
        return new RevenueAtRisk(Measure.of(sum), String.join("; ", notes));
    }

    private Kpi incidentKpi(String id, String unit, Basis basis, Measure now, Measure before, String note) {
        if (!incidents.tracked()) {
            Measure none = Measure.missing("incidents are not tracked");
            return Kpi.of(id, unit, basis, false, none, none);
        }
        return Kpi.of(id, unit, basis, false, now, before).withNote(note);
    }

    // ---- regions ----

    private List<RegionHealth> regions(SeriesReads reads, Now now, Cpu cpu) {
        List<RegionHealth> out = new ArrayList<>();
        Set<String> names = now.regions();
        names.addAll(cpu.sumByRegion().keySet());
        names.remove("");
        for (String r : names) {
            double response = mean(now.responseTime, r);
            double success = mean(now.success, r);
            HealthRule.Verdict verdict = config.health().judge(response, success);
            RegionFigures figures = new RegionFigures(opt(response), opt(success), opt(now.requests.get(r)),
                    opt(mean(now.p95, r)), opt(mean(now.p99, r)), opt(now.errorRatio(r)), opt(now.users.get(r)),
                    opt(now.revenue.get(r)), opt(now.cost.get(r)), opt(1 - cpu.regionPeak(r)));
            out.add(new RegionHealth(r, now.providers.getOrDefault(r, ""), verdict.health(), verdict.reasons(),
                    figures, reads.simulated(r)));
        }
        return out;
    }

    // ---- helpers ----

    private Kpi endOfRange(String id, String unit, boolean higherIsBetter, double now, double before,
            RegionMetric metric) {
        String window = Durations.human(config.nowWindow().toMillis());
        return Kpi.of(id, unit, Basis.END_OF_RANGE, higherIsBetter,
                Measure.orMissing(now, noData(metric, "in the " + window + " before the end of the range")),
                Measure.orMissing(before, noData(metric, "in the " + window + " before the start of the range")));
    }

    private static String noData(RegionMetric metric, String when) {
        return noData(metric.metricName(), when);
    }

    private static String noData(String metric, String when) {
        return "no " + metric + " data " + when;
    }

    private static double mean(Map<String, Weighted> byRegion, String region) {
        Weighted w = byRegion.get(region);
        return w == null ? Double.NaN : w.mean();
    }

    private static OptionalDouble opt(Double v) {
        return v == null || !Double.isFinite(v) ? OptionalDouble.empty() : OptionalDouble.of(v);
    }
}
