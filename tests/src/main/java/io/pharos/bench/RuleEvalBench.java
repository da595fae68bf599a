package io.pharos.bench;

import com.sun.net.httpserver.HttpServer;
import io.pharos.engine.alerting.AlertPolicy;
import io.pharos.engine.fleet.HostMetric;
import io.pharos.engine.fleet.ReferenceFleet;
import io.pharos.engine.model.SeriesKey;
import io.pharos.engine.rules.LoadedRules;
import io.pharos.engine.rules.RuleEngine;
import io.pharos.engine.rules.RuleFileLoader;
import io.pharos.engine.rules.RuleGroup;
import io.pharos.engine.rules.StoreSeriesSource;
import io.pharos.engine.store.Appender;
import io.pharos.engine.store.StoreOptions;
import io.pharos.engine.store.TimeSeriesStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * 10,000 alerting rules over the reference fleet's 24,282 series, one evaluation cycle timed in
 * Pharos and in Prometheus on the same data and the same rule file, in the same run.
 *
 * <p>Data: six minutes of the fleet at a 10 s step. Rules, in one group (both evaluate a group's
 * rules one after another, so one group's duration is one cycle): 6,000 thresholds on a selector by
 * region and service (840 distinct selectors, several thresholds each, as warning and critical
 * rules of many teams are), 2,000 avg_over_time over 5 minutes, 1,000 max by region over a service,
 * 1,000 ratios of two series. Pharos reads them from its head (live data); Prometheus is fed the
 * same samples by scraping a replay of them, so it also holds them in its head. Run this JVM and
 * Prometheus on one core: {@code taskset -c 0 java ...}; Prometheus inherits the affinity and runs
 * with GOMAXPROCS=1.
 *
 * <p>Usage: RuleEvalBench [--rules 10000] [--cycles 30] [--prometheus 1]
 */
public final class RuleEvalBench {
    private static final long STEP_MS = 10_000;
    private static final int STEPS = 36;

    private RuleEvalBench() {
    }

    public static void main(String[] args) throws Exception {
        int ruleCount = (int) BenchSupport.arg(args, "rules", 10_000);
        int cycles = (int) BenchSupport.arg(args, "cycles", 30);
        boolean withPrometheus = BenchSupport.arg(args, "prometheus", 1) != 0;
        Path dir = BenchSupport.tempDir("pharos-rule-bench");
        ReferenceFleet fleet = new ReferenceFleet(42);
        long end = System.currentTimeMillis() / STEP_MS * STEP_MS;
        long start = end - (STEPS - 1) * STEP_MS;
        String rules = rules(fleet, ruleCount, start);
        Path ruleFile = dir.resolve("rules.yml");
        Files.writeString(ruleFile, rules);
        System.out.printf(Locale.ROOT, "%d rules over %d series, %d samples each at %d s%n", ruleCount, fleet.size(),
                STEPS, STEP_MS / 1000);

        double[] pharos = pharos(fleet, ruleFile, dir.resolve("pharos"), start, end, cycles);
        report("pharos", pharos, cycles);
        if (withPrometheus) {
            // Fresh times for Prometheus: it evaluates at the wall clock, so its data must end now too.
            long promEnd = System.currentTimeMillis() / STEP_MS * STEP_MS;
            double[] prom = prometheus(fleet, ruleFile, dir.resolve("prometheus"), promEnd - (STEPS - 1) * STEP_MS,
                    promEnd);
            report("prometheus", prom, prom.length);
            double p = BenchSupport.percentile(pharos, cycles, 0.5);
            double q = BenchSupport.percentile(prom, prom.length, 0.5);
            System.out.printf(Locale.ROOT, "ratio pharos/prometheus (median cycle) %.2f%n", p / q);
        }
        BenchSupport.deleteQuietly(dir);
    }

    private static void report(String who, double[] ms, int n) {
        System.out.printf(Locale.ROOT, "%-10s cycle median %.1f ms, p90 %.1f ms, min %.1f ms (%d cycles)%n", who,
                BenchSupport.percentile(ms, n, 0.5), BenchSupport.percentile(ms, n, 0.9),
                BenchSupport.percentile(ms, n, 0.0), n);
    }

    // ------------------------------------------------------------------ rules

    /**
     * The rule file: deterministic; thresholds 1.2 to 2 times a metric's typical value for the
     * service, so that, as on a real fleet, most rules hold quietly and a few fire.
     */
    static String rules(ReferenceFleet fleet, int count, long at) {
        String[] regions = {"us-east-1", "us-west-1", "eu-west-1", "eu-central-1", "ap-southeast-1", "ap-northeast-1"};
        String[] services = {"api-gateway", "checkout", "search", "catalog", "payments", "database", "cache"};
        HostMetric[] metrics = HostMetric.values();
        Random rnd = new Random(7);
        StringBuilder sb = new StringBuilder("groups:\n  - name: bench\n    interval: 10s\n    rules:\n");
        for (int i = 0; i < count; i++) {
            String region = regions[rnd.nextInt(regions.length)];
            String service = services[rnd.nextInt(services.length)];
            HostMetric m = metrics[rnd.nextInt(metrics.length)];
            double typical = typical(fleet, service, m, at);
            String threshold = String.format(Locale.ROOT, "%.6g", typical * (1.2 + 0.8 * rnd.nextDouble()));
            String sel = m.metricName() + "{region=\"" + region + "\",service=\"" + service + "\"}";
            int kind = i % 10;
            String expr;
            if (kind < 6) {
                expr = sel + " > " + threshold;
            } else if (kind < 8) {
                expr = "avg_over_time(" + sel + "[5m]) > " + threshold;
            } else if (kind < 9) {
                expr = "max by (region) (" + m.metricName() + "{service=\"" + service + "\"}) > " + threshold;
            } else {
                expr = "service_errors_per_second{region=\"" + region + "\",service=\"" + service
                        + "\"} / service_requests_per_second{region=\"" + region + "\",service=\"" + service
                        + "\"} > " + String.format(Locale.ROOT, "%.6g", 0.00002 * (0.5 + rnd.nextDouble()));
            }
            sb.append("      - alert: Bench").append(i).append("\n        expr: '").append(expr)
                    .append("'\n        labels:\n          severity: ").append(i % 3 == 0 ? "critical" : "warning")
                    .append('\n');
        }
        return sb.toString();
    }

    /** The average of a metric over the hosts of a service in one region. */
    private static double typical(ReferenceFleet fleet, String service, HostMetric m, long at) {
        double sum = 0;
        int n = 0;
        for (int host = 0; host < fleet.hostsPerRegion(); host++) {
            if (fleet.serviceOf(host).id().equals(service)) {
                sum += fleet.value(fleet.hostSeriesIndex(io.pharos.engine.fleet.FleetRegion.EU_WEST_1, host, m), at);
                n++;
            }
        }
        return sum / n;
    }

    // ------------------------------------------------------------------ Pharos

    private static double[] pharos(ReferenceFleet fleet, Path ruleFile, Path dir, long start, long end, int cycles)
            throws IOException {
        LoadedRules loaded = new RuleFileLoader().load(ruleFile);
        if (!loaded.problems().isEmpty()) {
            throw new IllegalStateException("rules refused: " + loaded.problems().subList(0, 1));
        }
        // Evaluated again and again, 1 ms apart (interval 1 ms): each cycle is a whole cycle's work.
        List<RuleGroup> groups = loaded.groups().stream().map(g -> new RuleGroup(g.name(), 1, g.rules())).toList();
        double[] out = new double[cycles];
        try (TimeSeriesStore store = TimeSeriesStore.open(dir, StoreOptions.defaults())) {
            Appender app = store.appender();
            double[] values = new double[STEPS];
            for (int s = 0; s < fleet.size(); s++) {
                fleet.fill(s, start, STEP_MS, STEPS, values);
                SeriesKey key = fleet.key(s);
                for (int k = 0; k < STEPS; k++) {
                    app.append(key, start + k * STEP_MS, values[k]);
                }
                if (s % 1000 == 999) {
                    app.commit();
                }
            }
            app.commit();
            RuleEngine engine = new RuleEngine(groups, new StoreSeriesSource(store), RuleEngine.RecordedSink.NONE,
                    AlertPolicy.firingAfter(java.time.Duration.ZERO));
            long evalAt = end + 5_000;
            for (int i = 0; i < 20; i++) {
                engine.evaluate(evalAt++); // warm-up: JIT
            }
            for (int i = 0; i < cycles; i++) {
                long t0 = System.nanoTime();
                var c = engine.evaluate(evalAt++);
                if (c.groupsEvaluated().isEmpty()) {
                    throw new IllegalStateException("the group was not due");
                }
                out[i] = (System.nanoTime() - t0) / 1e6;
                if (!c.failures().isEmpty()) {
                    throw new IllegalStateException("rule failed: " + c.failures().getFirst());
                }
            }
            System.out.printf(Locale.ROOT, "pharos     %d alerts active%n", engine.alerts().size());
        }
        return out;
    }

    // ------------------------------------------------------------------ Prometheus

    /**
     * Starts Prometheus on loopback with the rule file and a scrape of a replay of the data (one step
     * per scrape, with explicit timestamps), waits for the replay and a few rule cycles, and returns
     * the durations of the evaluations it reports.
     */
    private static double[] prometheus(ReferenceFleet fleet, Path ruleFile, Path dir, long start, long end)
            throws Exception {
        Files.createDirectories(dir);
        AtomicInteger step = new AtomicInteger();
        HttpServer exporter = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        exporter.createContext("/metrics", ex -> {
            int k = Math.min(step.getAndIncrement(), STEPS - 1);
            byte[] body = exposition(fleet, start + k * STEP_MS);
            ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(body);
            }
        });
        exporter.start();
        int port;
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path config = dir.resolve("prometheus.yml");
        // A 2 s scrape: the replay takes 72 s, so every cycle measured after it runs within 5 minutes of
        // the last sample (the lookback); Prometheus goes on scraping the last step meanwhile, as it
        // would a live fleet.
        Files.writeString(config, "global:\n  scrape_interval: 2s\n  scrape_timeout: 2s\n  evaluation_interval: 10s\n"
                + "rule_files: ['" + ruleFile.toAbsolutePath() + "']\n"
                + "scrape_configs:\n  - job_name: fleet\n    honor_labels: true\n    honor_timestamps: true\n"
                + "    static_configs: [{targets: ['127.0.0.1:" + exporter.getAddress().getPort() + "']}]\n");
        ProcessBuilder pb = new ProcessBuilder("prometheus", "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn").redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile());
        pb.environment().put("GOMAXPROCS", "1");
        Process prom = pb.start();
        HttpClient http = HttpClient.newHttpClient();
        List<Double> durations = new ArrayList<>();
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(8);
            // Replay: one step per scrape, 36 steps; then 10 rule cycles on the complete data.
            while (step.get() < STEPS && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            Pattern duration = Pattern.compile("prometheus_rule_group_last_duration_seconds\\{[^}]*} (\\S+)");
            Pattern evals = Pattern.compile("prometheus_rule_group_iterations_total\\{[^}]*} (\\S+)");
            double lastIterations = -1;
            while (durations.size() < 10 && System.nanoTime() < deadline) {
                Thread.sleep(1000);
                String metrics;
                try {
                    metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                            HttpResponse.BodyHandlers.ofString()).body();
                } catch (IOException notUpYet) {
                    continue;
                }
                Matcher it = evals.matcher(metrics);
                Matcher d = duration.matcher(metrics);
                if (it.find() && d.find()) {
                    double iterations = Double.parseDouble(it.group(1));
                    if (lastIterations >= 0 && iterations > lastIterations) {
                        durations.add(Double.parseDouble(d.group(1)) * 1000);
                    }
                    lastIterations = iterations;
                }
            }
            String alerts = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/alerts"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher count = Pattern.compile("\"alertname\"").matcher(alerts);
            int n = 0;
            while (count.find()) {
                n++;
            }
            System.out.printf(Locale.ROOT, "prometheus %d alerts active%n", n);
        } finally {
            prom.destroy();
            prom.waitFor(20, TimeUnit.SECONDS);
            prom.destroyForcibly();
            exporter.stop(0);
        }
        if (durations.isEmpty()) {
            throw new IllegalStateException("Prometheus reported no rule evaluation; see " + dir.resolve("prometheus.log"));
        }
        return durations.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static byte[] exposition(ReferenceFleet fleet, long t) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(fleet.size() * 120);
        StringBuilder sb = new StringBuilder(256);
        for (int s = 0; s < fleet.size(); s++) {
            SeriesKey key = fleet.key(s);
            sb.setLength(0);
            sb.append(key.metric()).append(key.labels()).append(' ').append(fleet.value(s, t)).append(' ').append(t)
                    .append('\n');
            out.writeBytes(sb.toString().getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

}
