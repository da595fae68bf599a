package io.pharos.app;

import io.pharos.engine.forecast.CapacityForecast;
import io.pharos.engine.forecast.CapacityPlan;
import io.pharos.engine.forecast.CapacityPlanner;
import io.pharos.engine.model.Labels;
import io.pharos.engine.model.Matcher;
import io.pharos.engine.query.Aggregation;
import io.pharos.engine.query.QueryService;
import io.pharos.engine.query.SeriesValue;
import io.pharos.engine.query.TimeSeries;
import io.pharos.engine.store.TimeSeriesStore;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Capacity per region and resource from stored history: time to exhaustion, hosts for a growth target. */
@Command(name = "capacity", mixinStandardHelpOptions = true,
        description = {
            "Forecasts capacity per region for CPU and memory from the stored history of the hosts' utilisation",
            "(node_cpu_utilization_ratio, node_memory_utilization_ratio): the daily peak's trend, when it runs",
            "out, and how many hosts a growth target needs with headroom kept free.",
        })
final class CapacityCommand implements Callable<Integer> {
    private static final Map<String, String> RESOURCES = Map.of("cpu", "node_cpu_utilization_ratio",
            "memory", "node_memory_utilization_ratio");

    @CommandLine.ParentCommand
    PharosCommand parent;

    @Option(names = "--days", paramLabel = "N", description = "Days of history to read (default: ${DEFAULT-VALUE}).")
    int days = 14;

    @Option(names = "--growth", paramLabel = "PERCENT",
            description = "Growth target, in percent of today's peak (default: ${DEFAULT-VALUE}).")
    double growthPercent = 30;

    @Option(names = "--within", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Period of the growth target (default: 90d).")
    Duration within = Duration.ofDays(90);

    @Option(names = "--headroom", paramLabel = "PERCENT",
            description = "Capacity kept free at the peak, in percent (default: ${DEFAULT-VALUE}).")
    double headroomPercent = 20;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (days < 1 || growthPercent < 0 || headroomPercent < 0 || headroomPercent >= 100) {
            throw new UserFacingException("--days must be at least 1, --growth not negative and --headroom between 0"
                    + " and 100.");
        }
        CapacityPlan plan = CapacityPlan.defaults().withGrowth(growthPercent / 100, within)
                .withHeadroom(headroomPercent / 100);
        PrintWriter out = spec.commandLine().getOut();
        long now = Instant.now().toEpochMilli();
        long from = now - Duration.ofDays(days).toMillis();
        try (TimeSeriesStore store = TimeSeriesStore.open(parent.dataDir, parent.storeOptions())) {
            QueryService query = new QueryService(store);
            int printed = 0;
            for (var resource : List.of("cpu", "memory")) {
                List<Matcher> selector = List.of(Matcher.metric(RESOURCES.get(resource)));
                // Usage in hosts' worth (the sum of utilisation ratios); capacity in hosts.
                Map<Labels, Double> hosts = new HashMap<>();
                for (SeriesValue v : query.aggregateLatest(selector, List.of("region"), Aggregation.COUNT)) {
                    hosts.put(v.labels(), v.value());
                }
                // One point per 10 minutes: daily peaks need no finer step.
                List<TimeSeries> usage = query.aggregate(selector, List.of("region"), Aggregation.SUM, from, now,
                        (int) Math.max(1, (now - from) / 600_000));
                List<TimeSeries> known = usage.stream().filter(u -> hosts.getOrDefault(u.labels(), 0.0) > 0).toList();
                for (CapacityForecast f : CapacityPlanner.forecastEach(resource, known, hosts::get, 1, plan)) {
                    out.printf(Locale.ROOT, "%-16s %-6s %s%n", f.group().get("region") == null ? "(all)"
                            : f.group().get("region"), resource, f.explanation());
                    printed++;
                }
            }
            if (printed == 0) {
                throw new UserFacingException("No host utilisation in the store (node_cpu_utilization_ratio,"
                        + " node_memory_utilization_ratio) for the last " + days + " days: run the console a while, or"
                        + " `pharos generate --days 14`, then ask again.");
            }
        }
        if (days < 14) {
            spec.commandLine().getErr().println("note: trends from fewer than 14 days of history follow the weekly swing"
                    + " (weekends are quieter) as much as real growth; read them with care, or use --days 14 or more.");
        }
        out.flush();
        return 0;
    }
}
