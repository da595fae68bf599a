package io.pharos.tests.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pharos.client.scrape.ScrapeSource;
import io.pharos.engine.ingest.SampleBatch;
import io.pharos.engine.ingest.SourceStatus;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/**
 * The real node_exporter (Debian's prometheus-node-exporter, which ./run-tests installs) on a loopback
 * port, scraped directly by the console's scrape source: its CPU, load and memory series arrive with
 * the target's labels, and {@code up} is 1; once it is stopped, {@code up} is 0 and the source says why.
 */
class NodeExporterScrapeTest {
    private static final Path EXPORTER = Path.of("/usr/bin/prometheus-node-exporter");

    @Test
    void nodeExportersSeriesArriveAndItsDeathIsSeen() throws Exception {
        assumeTrue(Files.isExecutable(EXPORTER), "prometheus-node-exporter missing: ./run-tests installs it");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process exporter = new ProcessBuilder(EXPORTER.toString(), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        List<SampleBatch> batches = new CopyOnWriteArrayList<>();
        ScrapeSource source = new ScrapeSource("node", HttpUrl.get("http://127.0.0.1:" + port + "/metrics"),
                Duration.ofMillis(500), Duration.ofMillis(500), Map.of("region", "eu-west-1"), Clock.systemUTC());
        try {
            awaitListening(port);
            source.start(batches::add);
            SampleBatch first = await(batches, b -> value(b, "up") == 1);
            List<String> metrics = java.util.stream.IntStream.range(0, first.size())
                    .mapToObj(i -> first.key(i).metric()).distinct().toList();
            assertThat(metrics).contains("node_cpu_seconds_total", "node_load1", "node_memory_MemAvailable_bytes");
            assertThat(first.size()).isGreaterThan(100);
            assertThat(first.key(0).label("instance")).isEqualTo("127.0.0.1:" + port);
            assertThat(first.key(0).label("region")).isEqualTo("eu-west-1");
            assertThat(source.status().state()).isEqualTo(SourceStatus.State.RUNNING);

            exporter.toHandle().destroy();
            exporter.waitFor(10, TimeUnit.SECONDS);
            int before = batches.size();
            SampleBatch down = await(batches, batches, before, b -> value(b, "up") == 0);
            assertThat(down.size()).isEqualTo(3);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!source.status().message().contains("Refused") && System.nanoTime() < deadline) {
                Thread.sleep(50); // the first may meet the pooled connection cut, the next finds the port closed
            }
            assertThat(source.status().message()).contains("Refused", "127.0.0.1:" + port);
        } finally {
            source.stop();
            exporter.destroyForcibly();
        }
    }

    @Test
    void anAgentScrapesItsHostsExporterAndServesItWithItsLabels(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        assumeTrue(Files.isExecutable(EXPORTER), "prometheus-node-exporter missing: ./run-tests installs it");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path token = Files.writeString(dir.resolve("agent.token"), "node-exporter-agent-secret-0123");
        Files.setPosixFilePermissions(token, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Process exporter = new ProcessBuilder(EXPORTER.toString(), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try (AgentProcess agent = AgentProcess.start(dir.resolve("agent"), List.of("--token-file", token.toString(),
                "--label", "region=us-west-1", "--scrape", "node=http://127.0.0.1:" + port + "/metrics",
                "--scrape-interval", "500ms"))) {
            awaitListening(port);
            var http = java.net.http.HttpClient.newHttpClient();
            String body = "";
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!body.contains("node_load1") && System.nanoTime() < deadline) {
                Thread.sleep(200);
                body = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                        + agent.port() + "/api/v1/hyperscale-monitoring/series?match=node_load1%7Bjob%3D%22node%22%7D"))
                        .header("Authorization", "Bearer node-exporter-agent-secret-0123").build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            }
            assertThat(body).contains("\"job\":\"node\"", "\"region\":\"us-west-1\"",
                    "\"instance\":\"127.0.0.1:" + port + "\"");
            agent.stop();
        } finally {
            exporter.destroyForcibly();
        }
    }

    private static double value(SampleBatch b, String metric) {
        for (int i = 0; i < b.size(); i++) {
            if (b.key(i).metric().equals(metric)) {
                return b.value(i);
            }
        }
        return Double.NaN;
    }

    private static SampleBatch await(List<SampleBatch> batches, java.util.function.Predicate<SampleBatch> p)
            throws Exception {
        return await(batches, batches, 0, p);
    }

    private static SampleBatch await(List<SampleBatch> ignored, List<SampleBatch> batches, int from,
                                     java.util.function.Predicate<SampleBatch> p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            for (int i = from; i < batches.size(); i++) {
                if (p.test(batches.get(i))) {
                    return batches.get(i);
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no such scrape in " + (batches.size() - from));
    }

    private static void awaitListening(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (java.io.IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("node_exporter did not listen on " + port);
    }
}
