package io.pharos.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.pharos.engine.PharosEngine;
import io.pharos.engine.ingest.SourceStatus;
import io.pharos.engine.model.Matcher;
import io.pharos.engine.store.StoreOptions;
import io.pharos.views.status.SourceSettings;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sources added, changed and removed while the console runs: the file written, the source started,
 * restarted with its new settings, stopped, over a real engine and a real exporter on loopback.
 */
class LiveSourcesTest {
    @TempDir
    Path dir;
    private HttpServer exporter;
    private PharosEngine engine;

    @BeforeEach
    void start() throws Exception {
        exporter = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        exporter.createContext("/metrics", x -> {
            byte[] page = "# TYPE queue_depth gauge\nqueue_depth{queue=\"orders\"} 42\n".getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
            x.sendResponseHeaders(200, page.length);
            x.getResponseBody().write(page);
            x.close();
        });
        exporter.start();
        engine = PharosEngine.open(dir.resolve("data"), StoreOptions.defaults());
    }

    @AfterEach
    void stop() {
        engine.close();
        exporter.stop(0);
    }

    private String exporterUrl() {
        return "http://127.0.0.1:" + exporter.getAddress().getPort() + "/metrics";
    }

    private Optional<SourceStatus> statusOf(String name) {
        return engine.status().sources().stream().filter(s -> s.name().equals(name)).map(s -> s.status()).findFirst();
    }

    @Test
    void aSourceAddedChangedAndRemovedInTheConsoleRunsAsTheFileSays() throws Exception {
        Path file = dir.resolve("data/sources.yaml");
        LiveSources live = LiveSources.start(engine, file, null);
        assertThat(engine.status().sources()).isEmpty();

        SourceSettings.Entry node = new SourceSettings.Entry("scrape", Map.of("name", "node", "url", exporterUrl(),
                "interval", "1s"));
        SourceSettings.Outcome added = live.save(null, node);
        assertThat(added.done()).as(added.message()).isTrue();
        assertThat(added.message()).contains("node started");
        assertThat(Files.readString(file)).contains("scrape:", "name: node");
        awaitTrue("the exporter's series arrive", () -> !engine.query().latest(List.of(Matcher.metric("queue_depth"),
                Matcher.eq("job", "node"))).isEmpty());
        assertThat(live.entryOf("node")).contains(new SourceSettings.Entry("scrape", node.fields()));
        assertThat(live.entryOf("local host")).isEmpty();

        SourceSettings.Entry labelled = new SourceSettings.Entry("scrape", Map.of("name", "node", "url", exporterUrl(),
                "interval", "1s", "labels", "region=eu-west-1"));
        assertThat(live.save(node, labelled).done()).isTrue();
        awaitTrue("restarted with its label", () -> !engine.query().latest(List.of(Matcher.metric("queue_depth"),
                Matcher.eq("region", "eu-west-1"))).isEmpty());
        assertThat(engine.status().sources()).hasSize(1);

        SourceSettings.Outcome refused = live.save(labelled, new SourceSettings.Entry("scrape", Map.of("name", "node",
                "url", "not an address")));
        assertThat(refused.done()).isFalse();
        assertThat(refused.message()).contains("scrape[0].url", "http://");
        assertThat(Files.readString(file)).contains("region: eu-west-1");

        Files.writeString(dir.resolve("data/am.token"), "alertmanager-token-0123456789");
        SourceSettings.Outcome webhook = live.save(null, new SourceSettings.Entry("alertmanager", Map.of(
                "listen", "127.0.0.1:0", "token-file", "am.token")));
        assertThat(webhook.done()).as(webhook.message()).isTrue();
        assertThat(statusOf(AlertReceiverSource.NAME)).hasValueSatisfying(s -> {
            assertThat(s.state()).isEqualTo(SourceStatus.State.FAILED);
            assertThat(s.message()).contains("Alerting is off");
        });

        assertThat(live.remove(labelled).done()).isTrue();
        assertThat(statusOf("node")).isEmpty();
        assertThat(Files.readString(file)).doesNotContain("scrape:");
        assertThat(Files.readString(dir.resolve("data/sources.yaml.bak"))).contains("scrape:");
    }

    @Test
    void anUnchangedSourceKeepsRunningAndTheWebhookRestartsOnItsPort() throws Exception {
        Path file = dir.resolve("data/sources.yaml");
        Files.writeString(dir.resolve("data/am.token"), "alertmanager-token-0123456789");
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        var received = new io.pharos.engine.pipeline.ReceivedAlerts(new io.pharos.engine.alerting.AlertStateStore(
                io.pharos.engine.store.StateStore.open(dir.resolve("state"))), java.time.Clock.systemUTC(),
                java.time.Duration.ofHours(1));
        LiveSources live = LiveSources.start(engine, file, received);
        SourceSettings.Entry node = new SourceSettings.Entry("scrape", Map.of("name", "node", "url", exporterUrl()));
        SourceSettings.Entry webhook = new SourceSettings.Entry("alertmanager", Map.of("listen", "127.0.0.1:" + port,
                "token-file", "am.token"));
        assertThat(live.save(null, node).done()).isTrue();
        SourceSettings.Outcome first = live.save(null, webhook);
        assertThat(first.message()).doesNotContain("does not run");
        var nodeSource = engine.status().sources().stream().filter(x -> x.name().equals("node")).findFirst().orElseThrow();
        long before = nodeSource.status().samplesProduced();

        SourceSettings.Outcome again = live.save(webhook, webhook);
        assertThat(again.done()).isTrue();
        assertThat(again.message()).as("stopped and bound again on the same port").contains("restarted")
                .doesNotContain("does not run");
        assertThat(statusOf(AlertReceiverSource.NAME)).hasValueSatisfying(st -> {
            assertThat(st.state()).isEqualTo(SourceStatus.State.RUNNING);
            assertThat(st.message()).contains("127.0.0.1:" + port);
        });
        awaitTrue("the untouched scrape went on counting", () -> statusOf("node").orElseThrow().samplesProduced()
                > before);
        assertThat(statusOf("node").orElseThrow().samplesProduced()).as("not restarted: its count went on")
                .isGreaterThanOrEqualTo(before);

        try (java.net.ServerSocket taken = new java.net.ServerSocket(0)) {
            SourceSettings.Outcome busy = live.save(webhook, new SourceSettings.Entry("alertmanager", Map.of(
                    "listen", "127.0.0.1:" + taken.getLocalPort(), "token-file", "am.token")));
            assertThat(busy.done()).isTrue();
            assertThat(busy.message()).contains("does not run", "Cannot listen");
        }
    }

    private static void awaitTrue(String what, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not within 30 s: " + what);
    }
}
