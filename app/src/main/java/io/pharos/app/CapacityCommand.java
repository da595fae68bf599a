package io.pharos.app;

import io.pharos.engine.forecast.CapacityForecast;
import io.pharos.engine.forecast.CapacityPlan;
import io.pharos.engine.forecast.CapacityPlanner;
import io.pharos.engine.forecast.ThroughputFit;
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
import java.util.ArrayList;
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
            "(node_cpu_utilization_ratio, node_memory_utilization_ratio), and per region and service for requests",
            "(service_requests_per_second; what one host serves is read from how its CPU followed its requests):",
            "the daily peak's trend, when it runs out, and how many hosts a growth target needs with headroom kept free.",
        })
final class CapacityCommand implements Callable<Integer> {
    private static final String CPU = "node_cpu_utilization_ratio";
    private static final String REQUESTS = "service_requests_per_second";
    private static final Map<String, String> UTILISATION = Map.of("cpu", CPU, "memory", "node_memory_utilization_ratio");

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

    @Option(names = "--resource", paramLabel = "NAME", split = ",",
            description = "Resources to forecast: cpu, memory, requests (default: all three).")
    List<String> resources = List.of("cpu", "memory", "requests");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (days < 1 || growthPercent < 0 || headroomPercent < 0 || headroomPercent >= 100) {
            throw new UserFacingException("--days must be at least 1, --growth not negative and --headroom between 0"
                    + " and 100.");
        }
        for (String r : resources) {
            if (!r.equals("requests") && !UTILISATION.containsKey(r)) {
                throw new UserFacingException("Unknown resource '" + r + "': use cpu, memory or requests.");
            }
        }
        CapacityPlan plan = CapacityPlan.defaults().withGrowth(growthPercent / 100, within)
                .withHeadroom(headroomPercent / 100);
        PrintWriter out = spec.commandLine().getOut();
        long now = Instant.now().toEpochMilli();
        long from = now - Duration.ofDays(days).toMillis();
        try (TimeSeriesStore store = TimeSeriesStore.open(parent.dataDir, parent.storeOptions())) {
            QueryService query = new QueryService(store);
            // One point per 10 minutes: daily peaks need no finer step.
            int points = (int) Math.max(1, (now - from) / 600_000);
            int printed = 0;
            for (String resource : resources) {
                List<CapacityForecast> forecasts = resource.equals("requests")
                        ? requests(query, from, now, points, plan)
                        : utilisation(query, resource, from, now, points, plan);
                for (CapacityForecast f : forecasts) {
                    out.printf(Locale.ROOT, "%-16s %-8s %s%n", f.group().get("region") == null ? "(all)"
                            : f.group().get("region"), resource, f.explanation());
                    printed++;
                }
            }
            if (printed == 0) {
                throw new UserFacingException("No host metrics in the store (" + CPU + ", node_memory_utilization_ratio,"
                        + " " + REQUESTS + ") for the last " + days + " days: run the console a while, or"
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

    /** Usage in hosts' worth (the sum of utilisation ratios) per region; capacity in hosts. */
    private static List<CapacityForecast> utilisation(QueryService query, String resource, long from, long now,
            int points, CapacityPlan plan) {
        List<Matcher> selector = List.of(Matcher.metric(UTILISATION.get(resource)));
        Map<Labels, Double> hosts = hosts(query, selector, List.of("region"));
        List<TimeSeries> usage = query.aggregate(selector, List.of("region"), Aggregation.SUM, from, now, points);
        List<TimeSeries> known = usage.stream().filter(u -> hosts.getOrDefault(u.labels(), 0.0) > 0).toList();
        return CapacityPlanner.forecastEach(resource, known, hosts::get, 1, plan);
    }

    /**
     * Requests per second per region and service; capacity is hosts × what one host serves at full
     * CPU, from the line through its history of CPU against requests per host. A service whose CPU
     * does not follow its requests gets no forecast (said on standard error).
     */
    private List<CapacityForecast> requests(QueryService query, long from, long now, int points, CapacityPlan plan) {
        List<String> by = List.of("region", "service");
        List<Matcher> requests = List.of(Matcher.metric(REQUESTS));
        List<Matcher> cpu = List.of(Matcher.metric(CPU));
        Map<Labels, Double> hosts = hosts(query, cpu, by);
        Map<Labels, TimeSeries> perHost = new HashMap<>();
        query.aggregate(requests, by, Aggregation.AVG, from, now, points).forEach(t -> perHost.put(t.labels(), t));
        Map<Labels, TimeSeries> cpuMean = new HashMap<>();
        query.aggregate(cpu, by, Aggregation.AVG, from, now, points).forEach(t -> cpuMean.put(t.labels(), t));
        List<CapacityForecast> out = new ArrayList<>();
        for (TimeSeries usage : query.aggregate(requests, by, Aggregation.SUM, from, now, points)) {
            Labels group = usage.labels();
            double count = hosts.getOrDefault(group, 0.0);
            TimeSeries load = perHost.get(group);
            TimeSeries utilisation = cpuMean.get(group);
            if (count <= 0 || load == null || utilisation == null || load.size() != utilisation.size()) {
                continue;
            }
            var fit = ThroughputFit.of(load.values(), utilisation.values());
            if (fit.isEmpty()) {
                spec.commandLine().getErr().printf(Locale.ROOT, "note: %s: CPU does not follow requests closely enough"
                        + " to tell what a host serves; no request forecast.%n", group);
                continue;
            }
            double perHostCapacity = fit.get().loadAt(1.0);
            out.add(CapacityPlanner.forecast("requests/s", usage, count * perHostCapacity, perHostCapacity, plan));
        }
        return out;
    }

    private static Map<Labels, Double> hosts(QueryService query, List<Matcher> selector, List<String> by) {
        Map<Labels, Double> hosts = new HashMap<>();
        for (SeriesValue v : query.aggregateLatest(selector, by, Aggregation.COUNT)) {
            hosts.put(v.labels(), v.value());
        }
        return hosts;
    }
}
