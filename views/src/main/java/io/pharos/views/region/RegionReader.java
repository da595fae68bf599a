package io.pharos.views.region;

import io.pharos.engine.EngineStatus;
import io.pharos.engine.dashboard.DashboardService;
import io.pharos.engine.dashboard.RegionHealth;
import io.pharos.engine.fleet.FleetAdjustment;
import io.pharos.engine.fleet.HostMetric;
import io.pharos.engine.fleet.RegionMetric;
import io.pharos.engine.ingest.SourceStatus;
import io.pharos.engine.model.Labels;
import io.pharos.engine.model.Matcher;
import io.pharos.engine.query.Aggregation;
import io.pharos.engine.query.QueryService;
import io.pharos.engine.query.SeriesValue;
import io.pharos.engine.query.TimeSeries;
import io.pharos.views.region.ChartData.Unit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The regional dashboard's reads, all through the engine's query API and {@link DashboardService} (for
 * health, so both dashboards judge alike). Runs off the FX thread; keeps nothing between reads.
 *
 * <p>Definitions: latency, errors and requests are those of the user-facing services (the dashboard's
 * {@code backendServices} excluded), as the health figures are; the traffic share is the region's
 * user-facing requests over all regions'; CPU and memory are the mean over the region's hosts and the
 * busiest host, per step; hosts reporting is the number of hosts with a CPU sample in a step. The load
 * balancer weight comes from the simulated fleet's routing ({@link FleetAdjustment.FailOver}), the only
 * source of routing Pharos has; without it the weight is unknown and the screen says so.
 */
final class RegionReader {
    static final String REGION = "region";
    static final String HOST = "host";
    static final String SERVICE = "service";

    private final QueryService query;
    private final DashboardService dashboard;
    private final Supplier<List<FleetAdjustment>> adjustments;
    private final Supplier<EngineStatus> status;

    /** @param adjustments the simulated fleet's adjustments, or null when there is no simulated fleet */
    RegionReader(QueryService query, DashboardService dashboard, Supplier<List<FleetAdjustment>> adjustments,
                 Supplier<EngineStatus> status) {
        this.query = Objects.requireNonNull(query, "query");
        this.dashboard = Objects.requireNonNull(dashboard, "dashboard");
        this.adjustments = adjustments;
        this.status = Objects.requireNonNull(status, "status");
    }

    RegionSnapshot read(String wanted, long from, long to, int points, String detailHost) {
        List<RegionHealth> regions = dashboard.regions(from, to);
        String region = wanted != null ? wanted : worst(regions);
        String problem = sourceProblem();
        if (region == null) {
            return new RegionSnapshot(from, to, regions, null, null, Double.NaN, "", List.of(), List.of(), List.of(),
                    null, 0, false, problem);
        }
        RegionHealth health = regions.stream().filter(r -> r.region().equals(region)).findFirst().orElse(null);
        Matcher in = Matcher.eq(REGION, region);
        Matcher userFacing = Matcher.notRegex(SERVICE, dashboard.config().backendServices());
        boolean[] simulated = {health != null && health.simulated()};

        List<ChartData> charts = new ArrayList<>();
        List<Line> latency = new ArrayList<>();
        for (RegionMetric m : List.of(RegionMetric.LATENCY_P50, RegionMetric.LATENCY_P95, RegionMetric.LATENCY_P99)) {
            TimeSeries s = one(aggregate(m.metricName(), List.of(), Aggregation.AVG, from, to, points, in, userFacing));
            if (s != null) {
                latency.add(new Line(m.metricName().replace("region_latency_", "").replace("_seconds", ""), s));
                simulated[0] |= s.simulated();
            }
        }
        charts.add(new ChartData("Latency", Unit.SECONDS, "mean of the user-facing services", latency, from, to));

        List<TimeSeries> requestsByRegion = aggregate(RegionMetric.REQUESTS.metricName(), List.of(REGION),
                Aggregation.SUM, from, to, points, userFacing);
        TimeSeries requests = requestsByRegion.stream().filter(t -> region.equals(t.labels().get(REGION)))
                .findFirst().orElse(null);
        charts.add(new ChartData("Requests", Unit.PER_SECOND, "user-facing services",
                requests == null ? List.of() : List.of(new Line("requests/s", requests)), from, to));
        TimeSeries errors = one(aggregate(RegionMetric.ERROR.metricName(), List.of(), Aggregation.AVG, from, to, points,
                in, userFacing));
        charts.add(new ChartData("Errors", Unit.RATIO, "share of user-facing requests failing, mean of the services",
                errors == null ? List.of() : List.of(new Line("error ratio", errors)), from, to));

        List<TimeSeries> cpuByHost = aggregate(HostMetric.CPU_UTILIZATION.metricName(), List.of(HOST), Aggregation.AVG,
                from, to, points, in);
        List<TimeSeries> memoryByHost = aggregate(HostMetric.MEMORY_UTILIZATION.metricName(), List.of(HOST),
                Aggregation.AVG, from, to, points, in);
        charts.add(new ChartData("CPU", Unit.RATIO, "hosts' utilisation: mean over the hosts and the busiest host (max)",
                meanAndMax(cpuByHost), from, to));
        charts.add(new ChartData("Memory", Unit.RATIO, "hosts' utilisation: mean over the hosts and the fullest host (max)",
                meanAndMax(memoryByHost), from, to));
        TimeSeries share = share(requests, requestsByRegion);
        TimeSeries reporting = count(cpuByHost);
        List<Line> traffic = new ArrayList<>();
        if (share != null) {
            traffic.add(new Line("share of all requests", share));
        }
        charts.add(new ChartData("Traffic share", Unit.RATIO, "its requests over all regions' requests", traffic, from, to));
        simulated[0] |= cpuByHost.stream().anyMatch(TimeSeries::simulated)
                || requestsByRegion.stream().anyMatch(TimeSeries::simulated);

        List<HostFigures> hosts = hosts(in);
        long last = hosts.stream().mapToLong(HostFigures::lastSampleMs).max().orElse(0);
        for (SeriesValue v : query.latest(List.of(Matcher.metric(RegionMetric.REQUESTS.metricName()), in))) {
            last = Math.max(last, v.timestampMs());
        }

        double trafficShare = trafficShareNow(health, regions);
        List<RegionEvent> events = new ArrayList<>(hostCountEvents(reporting));
        events.addAll(adjustmentEvents(region, from, to));
        events.sort(java.util.Comparator.comparingLong(RegionEvent::atMs).reversed());

        HostDetail detail = detailHost == null ? null : detail(region, detailHost, cpuByHost, memoryByHost, from, to);
        return new RegionSnapshot(from, to, regions, region, health, trafficShare, weight(region, to), charts, hosts,
                events, detail, last, simulated[0], problem);
    }

    /** The least healthy region (unhealthy, degraded, unknown, healthy), the first by name among equals. */
    static String worst(List<RegionHealth> regions) {
        List<io.pharos.engine.dashboard.Health> order = List.of(io.pharos.engine.dashboard.Health.UNHEALTHY,
                io.pharos.engine.dashboard.Health.DEGRADED, io.pharos.engine.dashboard.Health.UNKNOWN,
                io.pharos.engine.dashboard.Health.HEALTHY);
        return regions.stream().min(java.util.Comparator.comparingInt((RegionHealth r) -> order.indexOf(r.health()))
                .thenComparing(RegionHealth::region)).map(RegionHealth::region).orElse(null);
    }

    // ---- reads ----

    private List<TimeSeries> aggregate(String metric, List<String> by, Aggregation fn, long from, long to, int points,
                                       Matcher... extra) {
        List<Matcher> matchers = new ArrayList<>();
        matchers.add(Matcher.metric(metric));
        matchers.addAll(dashboard.config().scope());
        matchers.addAll(List.of(extra));
        return query.aggregate(matchers, by, fn, from, to, points);
    }

    private static TimeSeries one(List<TimeSeries> found) {
        return found.isEmpty() ? null : found.getFirst();
    }

    /** Latest CPU, memory, requests, errors and p99 latency of every host of the region. */
    private List<HostFigures> hosts(Matcher in) {
        HostMetric[] metrics = {HostMetric.CPU_UTILIZATION, HostMetric.MEMORY_UTILIZATION, HostMetric.REQUESTS,
                HostMetric.ERRORS, HostMetric.LATENCY_P99};
        Map<String, double[]> values = new LinkedHashMap<>();
        Map<String, String> services = new LinkedHashMap<>();
        Map<String, Long> last = new LinkedHashMap<>();
        for (int m = 0; m < metrics.length; m++) {
            List<Matcher> matchers = new ArrayList<>();
            matchers.add(Matcher.metric(metrics[m].metricName()));
            matchers.addAll(dashboard.config().scope());
            matchers.add(in);
            for (SeriesValue v : query.latest(matchers)) {
                String host = v.labels().get(HOST);
                if (host == null) {
                    continue;
                }
                double[] row = values.computeIfAbsent(host, h -> {
                    double[] r = new double[metrics.length];
                    java.util.Arrays.fill(r, Double.NaN);
                    return r;
                });
                row[m] = v.value();
                String service = v.labels().get(SERVICE);
                services.putIfAbsent(host, service == null ? "" : service);
                last.merge(host, v.timestampMs(), Math::max);
            }
        }
        List<HostFigures> out = new ArrayList<>(values.size());
        for (var e : values.entrySet()) {
            double[] r = e.getValue();
            out.add(new HostFigures(e.getKey(), services.get(e.getKey()), r[0], r[1], r[2], r[3], r[4],
                    last.get(e.getKey())));
        }
        return out;
    }

    private HostDetail detail(String region, String host, List<TimeSeries> cpuByHost, List<TimeSeries> memoryByHost,
                             long from, long to) {
        List<Matcher> matchers = new ArrayList<>(dashboard.config().scope());
        matchers.add(Matcher.eq(HOST, host));
        List<HostDetail.Figure> figures = new ArrayList<>();
        String service = "";
        String provider = "";
        long last = 0;
        boolean simulated = false;
        List<SeriesValue> found = new ArrayList<>(query.latest(matchers));
        found.sort(java.util.Comparator.comparing(v -> v.labels().get(Matcher.NAME)));
        for (SeriesValue v : found) {
            String metric = v.labels().get(Matcher.NAME);
            figures.add(new HostDetail.Figure(metric, Unit.ofMetric(metric).format(v.value())));
            service = Objects.requireNonNullElse(v.labels().get(SERVICE), service);
            provider = Objects.requireNonNullElse(v.labels().get("provider"), provider);
            last = Math.max(last, v.timestampMs());
            simulated |= io.pharos.engine.model.SeriesKey.SIMULATED.equals(v.labels().get("source"));
        }
        List<ChartData> charts = new ArrayList<>();
        charts.add(new ChartData("CPU", Unit.RATIO, host, ofHost(cpuByHost, host, "cpu"), from, to));
        charts.add(new ChartData("Memory", Unit.RATIO, host, ofHost(memoryByHost, host, "memory"), from, to));
        return new HostDetail(host, service, region, provider, simulated, figures, charts, last);
    }

    private static List<Line> ofHost(List<TimeSeries> byHost, String host, String name) {
        return byHost.stream().filter(t -> host.equals(t.labels().get(HOST))).map(t -> new Line(name, t)).toList();
    }

    // ---- arithmetic over what was read ----

    /** Per step: the mean over the hosts, and the highest host. */
    static List<Line> meanAndMax(List<TimeSeries> byHost) {
        if (byHost.isEmpty()) {
            return List.of();
        }
        TimeSeries first = byHost.getFirst();
        int n = first.size();
        double[] mean = new double[n];
        double[] max = new double[n];
        boolean simulated = false;
        for (int i = 0; i < n; i++) {
            double[] column = new double[byHost.size()];
            for (int h = 0; h < byHost.size(); h++) {
                TimeSeries t = byHost.get(h);
                column[h] = i < t.size() ? t.values()[i] : Double.NaN;
            }
            mean[i] = Aggregation.AVG.apply(column, column.length);
            max[i] = Aggregation.MAX.apply(column, column.length);
        }
        for (TimeSeries t : byHost) {
            simulated |= t.simulated();
        }
        return List.of(new Line("mean", new TimeSeries(Labels.EMPTY, first.fromMs(), first.stepMs(), mean, mean, mean,
                        simulated)),
                new Line("max", new TimeSeries(Labels.EMPTY, first.fromMs(), first.stepMs(), max, max, max,
                        simulated)));
    }

    /** Hosts with a value per step (NaN where none has). */
    static TimeSeries count(List<TimeSeries> byHost) {
        if (byHost.isEmpty()) {
            return null;
        }
        TimeSeries first = byHost.getFirst();
        double[] counts = new double[first.size()];
        for (int i = 0; i < counts.length; i++) {
            int c = 0;
            for (TimeSeries t : byHost) {
                if (i < t.size() && !Double.isNaN(t.values()[i])) {
                    c++;
                }
            }
            counts[i] = c == 0 ? Double.NaN : c;
        }
        return new TimeSeries(Labels.EMPTY, first.fromMs(), first.stepMs(), counts, counts, counts, first.simulated());
    }

    /** The region's requests over every region's, per step. */
    static TimeSeries share(TimeSeries region, List<TimeSeries> all) {
        if (region == null) {
            return null;
        }
        double[] out = new double[region.size()];
        for (int i = 0; i < out.length; i++) {
            double total = 0;
            for (TimeSeries t : all) {
                double v = i < t.size() ? t.values()[i] : Double.NaN;
                total += Double.isNaN(v) ? 0 : v;
            }
            double mine = region.values()[i];
            out[i] = Double.isNaN(mine) || total <= 0 ? Double.NaN : mine / total;
        }
        return new TimeSeries(Labels.EMPTY, region.fromMs(), region.stepMs(), out, out, out, region.simulated());
    }

    /** The region's requests/s now over all regions' (the health figures' requests). */
    static double trafficShareNow(RegionHealth health, List<RegionHealth> all) {
        if (health == null || health.figures().requestsPerSecond().isEmpty()) {
            return Double.NaN;
        }
        double total = 0;
        for (RegionHealth r : all) {
            total += r.figures().requestsPerSecond().orElse(0);
        }
        return total > 0 ? health.figures().requestsPerSecond().getAsDouble() / total : Double.NaN;
    }

    /**
     * A change in the number of hosts reporting, from one step with data to the next. The first and
     * last steps are left out: a step the range cuts, or one still being written, holds only some hosts.
     */
    static List<RegionEvent> hostCountEvents(TimeSeries reporting) {
        List<RegionEvent> out = new ArrayList<>();
        if (reporting == null) {
            return out;
        }
        double previous = Double.NaN;
        for (int i = 1; i < reporting.size() - 1; i++) {
            double c = reporting.values()[i];
            if (Double.isNaN(c)) {
                continue;
            }
            if (!Double.isNaN(previous) && c != previous) {
                out.add(new RegionEvent(reporting.time(i), "scaling", String.format("hosts reporting %,.0f → %,.0f",
                        previous, c)));
            }
            previous = c;
        }
        return out;
    }

    /** What an operator or an automated response changed in the simulated fleet for this region. */
    private List<RegionEvent> adjustmentEvents(String region, long from, long to) {
        List<RegionEvent> out = new ArrayList<>();
        if (adjustments == null) {
            return out;
        }
        for (FleetAdjustment a : adjustments.get()) {
            if (a.fromMs() < from || a.fromMs() > to) {
                continue;
            }
            switch (a) {
                case FleetAdjustment.AddHosts h when h.region().id().equals(region) ->
                        out.add(new RegionEvent(h.fromMs(), "scaling", String.format("%+d hosts of %s", h.hosts(),
                                h.service().id())));
                case FleetAdjustment.FailOver f when f.region().id().equals(region) ->
                        out.add(new RegionEvent(f.fromMs(), "traffic", f.share() == 0 ? "failed back from " + f.to().id()
                                : "failed " + percent(f.share()) + " of its traffic over to " + f.to().id()));
                case FleetAdjustment.FailOver f when f.to().id().equals(region) ->
                        out.add(new RegionEvent(f.fromMs(), "traffic", f.share() == 0
                                ? f.region().id() + " failed back" : "takes " + percent(f.share()) + " of "
                                + f.region().id() + "'s traffic"));
                case FleetAdjustment.Throttle t when t.region().id().equals(region) ->
                        out.add(new RegionEvent(t.fromMs(), "traffic", t.share() == 0 ? "throttling lifted"
                                : "throttled " + percent(t.share()) + " of requests at the edge"));
                default -> { }
            }
        }
        return out;
    }

    /**
     * The global load balancer's weight for the region at {@code t}, from the simulated fleet's fail-overs:
     * the share of its own users it serves, and what it takes of other regions', e.g. "40 % (60 % to
     * eu-central-1)" or "100 % + 60 % of eu-west-1's".
     */
    String weight(String region, long t) {
        if (adjustments == null) {
            return "";
        }
        FleetAdjustment.FailOver out = null;
        Map<String, FleetAdjustment.FailOver> in = new LinkedHashMap<>();
        for (FleetAdjustment a : adjustments.get()) {
            if (a instanceof FleetAdjustment.FailOver f && f.fromMs() <= t) {
                if (f.region().id().equals(region) && (out == null || f.fromMs() >= out.fromMs())) {
                    out = f;
                }
                FleetAdjustment.FailOver seen = in.get(f.region().id());
                if (seen == null || f.fromMs() >= seen.fromMs()) {
                    in.put(f.region().id(), f);
                }
            }
        }
        double kept = out == null ? 1 : 1 - out.share();
        StringBuilder text = new StringBuilder(percent(kept));
        if (out != null && out.share() > 0) {
            text.append(" (").append(percent(out.share())).append(" to ").append(out.to().id()).append(")");
        }
        for (FleetAdjustment.FailOver f : in.values()) {
            if (f.to().id().equals(region) && f.share() > 0) {
                text.append(" + ").append(percent(f.share())).append(" of ").append(f.region().id()).append("'s");
            }
        }
        return text.toString();
    }

    private static String percent(double share) {
        return String.format("%.0f %%", share * 100);
    }

    /** Sources that failed or stopped, e.g. "reference fleet failed: ...". */
    private String sourceProblem() {
        List<String> problems = new ArrayList<>();
        for (EngineStatus.SourceInfo s : status.get().sources()) {
            SourceStatus.State state = s.status().state();
            if (state == SourceStatus.State.FAILED || state == SourceStatus.State.STOPPED) {
                String message = s.status().message();
                problems.add(s.name() + " " + state.name().toLowerCase(java.util.Locale.ROOT)
                        + (message == null || message.isBlank() ? "" : ": " + message));
            }
        }
        return String.join("; ", problems);
    }
}
