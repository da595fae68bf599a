package io.pharos.bench;

import io.pharos.engine.dashboard.DashboardService;
import io.pharos.engine.dashboard.ExecutiveSummary;
import io.pharos.engine.dashboard.Kpi;
import io.pharos.engine.fleet.FleetHistoryGenerator;
import io.pharos.engine.fleet.HistoryProgress;
import io.pharos.engine.fleet.ReferenceFleet;
import io.pharos.engine.model.Matcher;
import io.pharos.engine.query.Aggregation;
import io.pharos.engine.query.QueryService;
import io.pharos.engine.store.HistoryWriter;
import io.pharos.engine.store.StoreOptions;
import io.pharos.engine.store.TimeSeriesStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The executive summary over the reference fleet's history: generates {@code --days} (default 7) of
 * every series (1,200 hosts, 15 s steps) into a fresh store, then times
 * {@link DashboardService#summarize} for ranges of 15 minutes, 24 hours and 7 days ending at the end
 * of the history (each against its previous period, plus the 30-day error-budget window), as the
 * console's first summary asks, once from the chunks alone and once after rolling the complete days
 * up into day rows. Reports the median and the slowest of {@code --runs} calls per range after
 * {@code --warmup} untimed ones.
 *
 * Usage: DashboardBench [--days 7] [--hosts 200] [--threads 2] [--runs 7] [--warmup 2]
 */
public final class DashboardBench {
    private DashboardBench() {
    }

    public static void main(String[] args) throws Exception {
        long days = BenchSupport.arg(args, "days", 7);
        int hosts = (int) BenchSupport.arg(args, "hosts", ReferenceFleet.DEFAULT_HOSTS_PER_REGION);
        int threads = (int) BenchSupport.arg(args, "threads", 2);
        int runs = (int) BenchSupport.arg(args, "runs", 7);
        int warmup = (int) BenchSupport.arg(args, "warmup", 2);
        Instant end = Instant.parse("2025-03-10T00:00:00Z");
        Instant start = end.minus(Duration.ofDays(days));

        Path dir = BenchSupport.tempDir("pharos-dashboard-bench");
        // retention follows the wall clock: keep this history whatever the day the bench runs
        StoreOptions options = StoreOptions.defaults().withRetention(Duration.ofDays(36_500), Duration.ofDays(36_500));
        ReferenceFleet fleet = new ReferenceFleet(42, hosts);
        try (TimeSeriesStore store = TimeSeriesStore.open(dir, options)) {
            long t0 = System.nanoTime();
            long samples;
            try (HistoryWriter w = store.historyWriter()) {
                samples = new FleetHistoryGenerator(fleet, FleetHistoryGenerator.DEFAULT_STEP,
                        FleetHistoryGenerator.DEFAULT_BLOCK, threads).generate(start, end, w, HistoryProgress.NONE);
            }
            System.out.printf("history: %,d series, %d days at 15 s, %,d samples in %.1f s%n", fleet.size(), days,
                    samples, (System.nanoTime() - t0) / 1e9);

            QueryService query = new QueryService(store);
            long to = end.toEpochMilli();
            // The same reads twice: from the chunks alone, then with the complete days rolled up into day
            // rows (as generate, import and the console's compaction leave a store).
            for (String phase : List.of("chunks only", "with day rows")) {
                if (phase.equals("with day rows")) {
                    long r0 = System.nanoTime();
                    int rolled = store.rollUpCompleteDays();
                    System.out.printf("rolled up %d days in %.1f s%n", rolled, (System.nanoTime() - r0) / 1e9);
                }
                for (Duration range : List.of(Duration.ofMinutes(15), Duration.ofHours(24), Duration.ofDays(7))) {
                    long from = to - range.toMillis();
                    ExecutiveSummary last = null;
                    double[] ms = new double[runs];
                    for (int i = -warmup; i < runs; i++) {
                        // a new service each time: its first summary, the console's at start, reads the
                        // error budget's 30 days too (later ones reuse it for a minute)
                        DashboardService dashboard = new DashboardService(query, List::of);
                        long s0 = System.nanoTime();
                        last = dashboard.summarize(from, to);
                        if (i >= 0) {
                            ms[i] = (System.nanoTime() - s0) / 1e6;
                        }
                    }
                    long available = last == null ? 0 : last.kpis().stream().filter(Kpi::available).count();
                    // the largest single read, for comparison: host CPU summed by region over the range
                    double[] cpuMs = new double[runs];
                    for (int i = 0; i < runs; i++) {
                        long s0 = System.nanoTime();
                        query.aggregate(List.of(Matcher.metric("node_cpu_utilization_ratio")), List.of("region"),
                                Aggregation.SUM, from, to - 1, 120);
                        cpuMs[i] = (System.nanoTime() - s0) / 1e6;
                    }
                    System.out.printf("%s, summarize %s: median %.1f ms, max %.1f ms over %d runs; %d of %d figures"
                                    + " available, %d regions; host CPU read alone: median %.1f ms%n", phase, range,
                            BenchSupport.percentile(ms, runs, 0.5), BenchSupport.percentile(ms, runs, 1.0), runs,
                            available, last == null ? 0 : last.kpis().size(), last == null ? 0 : last.regions().size(),
                            BenchSupport.percentile(cpuMs, runs, 0.5));
                }
            }
        }
    }
}
