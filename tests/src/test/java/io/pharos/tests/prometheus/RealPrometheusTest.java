package io.pharos.tests.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pharos.client.StoreNewestSamples;
import io.pharos.client.prometheus.LabelMapping;
import io.pharos.client.prometheus.PrometheusEndpoint;
import io.pharos.client.prometheus.PrometheusQuery;
import io.pharos.client.prometheus.PrometheusSource;
import io.pharos.client.prometheus.RuleImport;
import io.pharos.client.prometheus.PrometheusClient;
import io.pharos.client.scrape.ScrapeSource;
import io.pharos.engine.PharosEngine;
import io.pharos.engine.ingest.SourceStatus;
import io.pharos.engine.model.Matcher;
import io.pharos.engine.query.SeriesValue;
import io.pharos.engine.rules.LoadedRules;
import io.pharos.engine.rules.RuleFileLoader;
import io.pharos.engine.store.StoreOptions;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Prometheus and node_exporter of Debian (./run-tests installs them) on loopback ports: the
 * console reads {@code up} and node CPU through the Prometheus source, its labels mapped (region from
 * the server's {@code cluster}), and the same exporter directly by scraping; when the exporter stops,
 * both say {@code up 0}; when Prometheus stops, the source says it is refused. The server's rules are
 * imported into a rule file that Pharos loads.
 */
class RealPrometheusTest {
    private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    private static final Path EXPORTER = Path.of("/usr/bin/prometheus-node-exporter");
    private static final String BUSY = "instance:node_cpu:busy_ratio";
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void upAndNodeCpuArriveThroughPrometheusAndByScrapingAndTheRulesImport() throws Exception {
        List<io.pharos.engine.alerting.ReceivedAlert> alerts = new java.util.concurrent.CopyOnWriteArrayList<>();
        assumeTrue(Files.isExecutable(PROMETHEUS) && Files.isExecutable(EXPORTER),
                "prometheus and prometheus-node-exporter missing: ./run-tests installs them");
        int exporterPort = freePort();
        int prometheusPort = freePort();
        Files.writeString(dir.resolve("rules.yml"), """
                groups:
                  - name: node
                    interval: 1s
                    rules:
                      - record: instance:node_cpu:busy_ratio
                        expr: 1 - avg by (instance, cluster) (rate(node_cpu_seconds_total{mode="idle"}[5s]))
                      - alert: HostDown
                        expr: up{job="node"} == 0
                        for: 30s
                        labels: {severity: critical}
                        annotations: {summary: "{{ $labels.instance }} is down"}
                      - alert: NodeScraped
                        expr: up{job="node"} == 1
                        labels: {severity: info}
                        annotations: {summary: "{{ $labels.instance }} is scraped"}
                      - alert: HostCpuMadness
                        expr: predict_linear(node_load1[10m], 3600) > holt_winters(node_load1[10m], 0.5, 0.5)
                """);
        Files.writeString(dir.resolve("prometheus.yml"), """
                global: {scrape_interval: 1s, evaluation_interval: 1s}
                rule_files: [rules.yml]
                scrape_configs:
                  - job_name: node
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                        labels: {cluster: eu-test}
                """.formatted(exporterPort));
        Process exporter = new ProcessBuilder(EXPORTER.toString(), "--web.listen-address=127.0.0.1:" + exporterPort)
                .redirectErrorStream(true).redirectOutput(dir.resolve("exporter.log").toFile()).start();
        Process prometheus = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + prometheusPort)
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile())
                .start();
        try (PharosEngine console = PharosEngine.open(dir.resolve("console"), StoreOptions.defaults())) {
            awaitTrue("Prometheus is ready", () -> ready(prometheusPort), 60);
            HttpUrl url = HttpUrl.get("http://127.0.0.1:" + prometheusPort);
            PrometheusSource viaPrometheus = new PrometheusSource(new PrometheusSource.Settings("prom-test",
                    PrometheusEndpoint.of(url).withTimeout(Duration.ofSeconds(1)),
                    List.of(PrometheusQuery.of("up"), PrometheusQuery.of(BUSY)), Duration.ofSeconds(1),
                    Duration.ofMinutes(1), new LabelMapping(Map.of("region", "cluster"), Map.of("provider", "test")), true),
                    new StoreNewestSamples(console.store()), console.historySink(), Clock.systemUTC(), alerts::addAll);
            ScrapeSource direct = new ScrapeSource("node-direct", HttpUrl.get("http://127.0.0.1:" + exporterPort
                    + "/metrics"), Duration.ofSeconds(1), Duration.ofSeconds(1), Map.of("region", "eu-test"),
                    Clock.systemUTC());
            console.start(viaPrometheus);
            console.start(direct);

            String target = "127.0.0.1:" + exporterPort;
            awaitTrue("the server's firing alert arrives", () -> alerts.stream()
                    .anyMatch(a -> a.alertname().equals("NodeScraped")), 60);
            var scraped = alerts.stream().filter(a -> a.alertname().equals("NodeScraped")).findFirst().orElseThrow();
            assertThat(scraped.origin()).isEqualTo("Prometheus prom-test");
            assertThat(scraped.labels().get("region")).isEqualTo("eu-test");
            assertThat(scraped.annotations()).containsEntry("summary", target + " is scraped");
            awaitTrue("up 1 through Prometheus", () -> latest(console, "up", "prom-test", target) == 1.0, 60);
            awaitTrue("node CPU through Prometheus", () -> !Double.isNaN(latest(console, BUSY, "prom-test", target)), 60);
            double busy = latest(console, BUSY, "prom-test", target);
            assertThat(busy).isBetween(0.0, 1.0);
            SeriesValue up = console.query().latest(List.of(Matcher.metric("up"),
                    Matcher.eq(LabelMapping.SOURCE_LABEL, "prom-test"))).getFirst();
            assertThat(up.labels().get("region")).as("mapped from the server's cluster label").isEqualTo("eu-test");
            assertThat(up.labels().get("cluster")).isEqualTo("eu-test");
            assertThat(up.labels().get("provider")).isEqualTo("test");
            assertThat(up.labels().get("job")).isEqualTo("node");
            assertThat(viaPrometheus.status().state()).isEqualTo(SourceStatus.State.RUNNING);
            assertThat(viaPrometheus.status().message()).contains("from 2 queries every 1 s");

            awaitTrue("node CPU by scraping", () -> !console.query().latest(List.of(
                    Matcher.metric("node_cpu_seconds_total"), Matcher.eq("job", "node-direct"),
                    Matcher.eq("instance", target))).isEmpty(), 30);
            assertThat(latest(console, "up", null, target)).isEqualTo(1.0);

            RuleImport.Imported imported = RuleImport.ruleFile(new PrometheusClient(PrometheusEndpoint.of(url), 0)
                    .rules(), "test import");
            LoadedRules loaded = new RuleFileLoader().parse(imported.ruleFile(), "imported.yml");
            assertThat(imported.alerting()).isEqualTo(3);
            assertThat(imported.recording()).isEqualTo(1);
            assertThat(imported.ruleFile()).contains("for: 30s", "severity: critical", "$labels.instance");
            assertThat(loaded.ruleCount()).as("the record, HostDown and NodeScraped load").isEqualTo(3);
            assertThat(loaded.problems()).singleElement().asString().contains("HostCpuMadness");

            exporter.toHandle().destroy();
            exporter.waitFor(10, TimeUnit.SECONDS);
            awaitTrue("up 0 through Prometheus", () -> latest(console, "up", "prom-test", target) == 0.0, 60);
            awaitTrue("up 0 by scraping", () -> latest(console, "up", null, target) == 0.0, 30);
            awaitTrue("the alert resolves when the server no longer fires it", () -> alerts.stream()
                    .anyMatch(a -> a.alertname().equals("NodeScraped") && a.endsAtMs() != Long.MAX_VALUE), 60);

            prometheus.toHandle().destroy();
            prometheus.waitFor(30, TimeUnit.SECONDS);
            awaitTrue("the source says Prometheus is gone", () -> viaPrometheus.status().state()
                    == SourceStatus.State.FAILED && viaPrometheus.status().message().contains("Refused"), 30);
            viaPrometheus.stop();
            direct.stop();
        } finally {
            exporter.destroyForcibly();
            prometheus.destroyForcibly();
        }
    }

    /** The newest value of {@code metric} for the target, through Prometheus (source given) or scraped (null). */
    private static double latest(PharosEngine console, String metric, String source, String target) {
        List<Matcher> m = new java.util.ArrayList<>(List.of(Matcher.metric(metric), Matcher.eq("instance", target),
                Matcher.eq(LabelMapping.SOURCE_LABEL, source == null ? "" : source)));
        if (source == null) {
            m.add(Matcher.eq("job", "node-direct"));
        }
        List<SeriesValue> values = console.query().latest(m);
        return values.isEmpty() ? Double.NaN : values.getFirst().value();
    }

    private boolean ready(int port) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/-/ready")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (Exception notYet) {
            return false;
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void awaitTrue(String what, BooleanSupplier condition, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not within " + seconds + " s: " + what);
    }
}
