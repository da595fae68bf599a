package io.pharos.bench;

import io.pharos.engine.alerting.AlertPolicy;
import io.pharos.engine.fleet.FleetRegion;
import io.pharos.engine.fleet.FleetService;
import io.pharos.engine.fleet.ReferenceFleet;
import io.pharos.engine.fleet.Scenario;
import io.pharos.engine.forecast.ForecastConfig;
import io.pharos.engine.forecast.PredictiveReplay;
import io.pharos.engine.forecast.PredictiveRule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Predictive alerts on the whole reference fleet (200 hosts per region), driven by the fleet's value
 * function over simulated time: no store, no threads. Every series a rule watches is sampled every
 * 15 s (the history generator's step), every rule is evaluated at every sample, alerts go through the
 * alert lifecycle (firing at once, since the confidence does the filtering; kept firing for 10 minutes
 * so a wavering forecast does not flap). Forecasters learn a week of history before anything is
 * measured.
 *
 * <ul>
 * <li>Three scenarios, one run each: a memory leak (search, every region, +0.1/h), steady traffic
 *     growth (us-east-1, +10 % of normal per hour from 08:00 local), a slow latency degradation
 *     (checkout in ap-northeast-1, ×3 reached over 2 h). For each: the lead of the first predictive
 *     alert before the first real crossing, and per series that really crossed, how long before its
 *     crossing a predictive alert warned (min, 10th percentile, median; misses).</li>
 * <li>Seven quiet days (no scenario): every predictive alert is false, since nothing crosses.</li>
 * </ul>
 * A real crossing is the first sample strictly beyond the threshold.
 *
 * Usage: PredictiveAlertBench [--hosts 200] [--days 7] [--history-days 7] [--step-seconds 15] [--skip-quiet 0]
 */
public final class PredictiveAlertBench {
    /** Wednesday 2025-03-05 00:00 UTC; the quiet week starts on the Monday before. */
    private static final Instant WEDNESDAY = Instant.parse("2025-03-05T00:00:00Z");
    private static final Instant MONDAY = Instant.parse("2025-03-03T00:00:00Z");
    private static final long TARGET_MS = Duration.ofMinutes(8).toMillis();
    /** Fire at once (the confidence filters), keep firing 10 minutes so a wavering forecast does not flap. */
    static final AlertPolicy POLICY = AlertPolicy.firingAfter(Duration.ZERO).withKeepFiringFor(Duration.ofMinutes(10));

    static final List<PredictiveRule> RULES = List.of(
            PredictiveRule.above("PredictedHighCpu", "node_cpu_utilization_ratio", 0.8),
            PredictiveRule.above("PredictedHighMemory", "node_memory_utilization_ratio", 0.85),
            PredictiveRule.above("PredictedHighLatency", "service_latency_p99_seconds", 0.2),
            PredictiveRule.above("PredictedHighRegionLatency", "region_latency_p99_seconds", 0.2));

    private PredictiveAlertBench() {
    }

    public static void main(String[] args) {
        int hosts = (int) BenchSupport.arg(args, "hosts", ReferenceFleet.DEFAULT_HOSTS_PER_REGION);
        int days = (int) BenchSupport.arg(args, "days", 7);
        int historyDays = (int) BenchSupport.arg(args, "history-days", 7);
        Duration step = Duration.ofSeconds(BenchSupport.arg(args, "step-seconds", 15));
        boolean skipQuiet = BenchSupport.arg(args, "skip-quiet", 0) != 0;
        System.out.printf("reference fleet, %d hosts per region; rules: %s; %s; sample and evaluation step %s; "
                        + "%d days of history first%n", hosts,
                RULES.stream().map(r -> r.metric() + " > " + r.threshold()).collect(Collectors.joining(", ")),
                "horizon 1 h, min confidence " + RULES.get(0).minConfidence(), step, historyDays);

        scenario("memory leak", hosts, historyDays, step,
                Scenario.memoryLeak(FleetService.SEARCH, WEDNESDAY.plus(Duration.ofHours(10)), Duration.ofHours(6)));
        scenario("traffic growth", hosts, historyDays, step,
                Scenario.trafficGrowth(FleetRegion.US_EAST_1, WEDNESDAY.plus(Duration.ofHours(13)), Duration.ofHours(6)));
        scenario("latency degradation", hosts, historyDays, step,
                Scenario.latencyDegradation(FleetRegion.AP_NORTHEAST_1, FleetService.CHECKOUT,
                        WEDNESDAY.plus(Duration.ofHours(1)), Duration.ofHours(4)).withMagnitude(3).withRamp(Duration.ofHours(2)));
        if (!skipQuiet) {
            quiet(hosts, days, historyDays, step);
        }
    }

    private static PredictiveReplay run(ReferenceFleet fleet, Instant from, Instant evaluateFrom, Instant to, Duration step) {
        PredictiveReplay replay = new PredictiveReplay(RULES, ForecastConfig.defaults(), POLICY);
        List<int[]> watched = new ArrayList<>();
        for (int i = 0; i < fleet.size(); i++) {
            int handle = replay.register(fleet.key(i));
            if (handle >= 0) {
                watched.add(new int[] {i, handle});
            }
        }
        long stepMs = step.toMillis();
        for (long t = from.toEpochMilli(); t < to.toEpochMilli(); t += stepMs) {
            for (int[] w : watched) {
                replay.sample(w[1], t, fleet.value(w[0], t));
            }
            if (t >= evaluateFrom.toEpochMilli()) {
                replay.evaluate(t);
            }
        }
        return replay;
    }

    private static void scenario(String name, int hosts, int historyDays, Duration step, Scenario scenario) {
        ReferenceFleet fleet = new ReferenceFleet(42, hosts);
        fleet.inject(scenario);
        long t0 = System.nanoTime();
        PredictiveReplay replay = run(fleet, scenario.start().minus(Duration.ofDays(historyDays)),
                scenario.start().minus(Duration.ofHours(2)), scenario.end(), step);
        List<PredictiveReplay.LeadTime> leads = replay.leadTimes();
        System.out.printf("%n%s: %s (%.0f s)%n", name, scenario.describe(), (System.nanoTime() - t0) / 1e9);
        if (leads.isEmpty()) {
            System.out.println("  no real crossing");
            return;
        }
        long firstCrossing = leads.stream().mapToLong(PredictiveReplay.LeadTime::crossingAtMs).min().orElseThrow();
        long firstAlert = replay.episodes().stream().mapToLong(PredictiveReplay.Episode::firingAtMs).min()
                .orElse(Long.MAX_VALUE);
        System.out.printf("  first predictive alert %s, first real crossing %s: lead %s%n",
                firstAlert == Long.MAX_VALUE ? "none" : Instant.ofEpochMilli(firstAlert), Instant.ofEpochMilli(firstCrossing),
                firstAlert == Long.MAX_VALUE ? "none" : minutes(firstCrossing - firstAlert));
        Map<String, List<PredictiveReplay.LeadTime>> byRule = new TreeMap<>(
                leads.stream().collect(Collectors.groupingBy(l -> l.rule().name())));
        System.out.println("  per series that crossed (lead of the earliest alert that warned of its first crossing):");
        System.out.printf("  %-28s %9s %7s %12s %8s %8s %8s%n", "rule", "crossings", "missed", "under 8 min",
                "min", "p10", "median");
        byRule.forEach((rule, ls) -> {
            double[] m = ls.stream().mapToDouble(l -> l.lead().map(d -> d.toMillis() / 60_000.0).orElse(Double.NaN))
                    .filter(v -> !Double.isNaN(v)).sorted().toArray();
            long missed = ls.size() - m.length;
            long under = ls.stream().filter(l -> l.lead().map(d -> d.toMillis() < TARGET_MS).orElse(true)).count();
            System.out.printf(Locale.ROOT, "  %-28s %9d %7d %12d %8s %8s %8s%n", rule, ls.size(), missed, under,
                    q(m, 0), q(m, 0.1), q(m, 0.5));
        });
        long unconfirmed = replay.unconfirmed().size();
        System.out.printf("  predictive alert episodes: %d, of them not followed by a crossing: %d%n",
                replay.episodes().size(), unconfirmed);
        System.out.println("  the first alerts, as a backtest prints them:");
        replay.episodes().stream().limit(3).forEach(e -> System.out.println("    " + e));
    }

    private static void quiet(int hosts, int days, int historyDays, Duration step) {
        ReferenceFleet fleet = new ReferenceFleet(42, hosts);
        long t0 = System.nanoTime();
        Instant from = MONDAY.minus(Duration.ofDays(historyDays));
        Instant to = MONDAY.plus(Duration.ofDays(days));
        PredictiveReplay replay = run(fleet, from, MONDAY, to, step);
        List<PredictiveReplay.Episode> alerts = replay.episodes();
        long watched = fleet.series().stream().filter(k -> RULES.stream().anyMatch(r -> r.watches(k))).count();
        System.out.printf("%n%d quiet days from %s, %,d watched series (%.0f s): %d predictive alerts, %d real crossings: "
                        + "%.2f false predictive alerts per day for the whole fleet%n", days, MONDAY, watched,
                (System.nanoTime() - t0) / 1e9, alerts.size(), replay.leadTimes().size(),
                (alerts.size() - alerts.stream().filter(PredictiveReplay.Episode::confirmed).count()) / (double) days);
        Map<String, Long> byRule = alerts.stream().collect(Collectors.groupingBy(e -> e.rule().name(), TreeMap::new,
                Collectors.counting()));
        if (!byRule.isEmpty()) {
            System.out.println("  by rule: " + byRule);
        }
        alerts.forEach(e -> System.out.println("    " + e));
    }

    private static String minutes(long ms) {
        return String.format(Locale.ROOT, "%.1f min", ms / 60_000.0);
    }

    private static String q(double[] sorted, double q) {
        if (sorted.length == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.1f", sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))]);
    }
}
