package io.pharos.client.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.engine.ingest.SampleBatch;
import io.pharos.engine.ingest.SourceStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ScrapeSourceTest {
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1_700_000_000_000L), ZoneOffset.UTC);
    private final MockWebServer server = new MockWebServer();
    private final List<SampleBatch> batches = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ScrapeSource source(Duration timeout) {
        return new ScrapeSource("node", server.url("/metrics"), Duration.ofSeconds(15), timeout,
                Map.of("region", "eu-west-1"), CLOCK);
    }

    private double value(SampleBatch b, String metric) {
        for (int i = 0; i < b.size(); i++) {
            if (b.key(i).metric().equals(metric)) {
                return b.value(i);
            }
        }
        throw new AssertionError("no " + metric);
    }

    @Test
    void aScrapeTakesTheExportersSamplesWithTheTargetsLabelsAndItsOwnUp() throws Exception {
        server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/plain; version=0.0.4")
                .body("# TYPE node_load1 gauge\nnode_load1 0.5\nnode_time_seconds 1.7e9 1699999999000\n").build());
        ScrapeSource s = source(Duration.ofSeconds(5));
        s.scrapeOnce(batches::add);
        SampleBatch b = batches.getFirst();
        assertThat(value(b, "node_load1")).isEqualTo(0.5);
        assertThat(value(b, "up")).isEqualTo(1);
        assertThat(value(b, "scrape_samples_scraped")).isEqualTo(2);
        assertThat(b.key(0).label("job")).isEqualTo("node");
        assertThat(b.key(0).label("instance")).isEqualTo(server.getHostName() + ":" + server.getPort());
        assertThat(b.key(0).label("region")).isEqualTo("eu-west-1");
        assertThat(b.timestamp(0)).as("the scrape's start").isEqualTo(CLOCK.millis());
        assertThat(b.timestamp(1)).as("the sample's own").isEqualTo(1_699_999_999_000L);
        assertThat(s.status().state()).isEqualTo(SourceStatus.State.RUNNING);
        assertThat(server.takeRequest().getHeaders().get("Accept")).startsWith("text/plain;version=0.0.4");
    }

    @Test
    void aFailedScrapeWritesUpZeroAndSaysWhy() throws Exception {
        server.enqueue(new MockResponse.Builder().code(500).body("exporter broke").build());
        server.enqueue(new MockResponse.Builder().body("node_load1 0.5\nnode_load5 one\n").build());
        server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "application/openmetrics-text")
                .body("node_load1 0.5\n# EOF\n").build());
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
        ScrapeSource s = source(Duration.ofMillis(300));
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            s.scrapeOnce(batches::add);
            SampleBatch b = batches.getLast();
            assertThat(value(b, "up")).isZero();
            assertThat(b.size()).as("a failed scrape keeps none of its samples").isEqualTo(3);
            assertThat(s.status().state()).isEqualTo(SourceStatus.State.FAILED);
            messages.add(s.status().message());
        }
        assertThat(messages.get(0)).contains("answered 500", "exporter broke");
        assertThat(messages.get(1)).contains("line 2", "'one' is not a number");
        assertThat(messages.get(2)).contains("application/openmetrics-text");
        assertThat(messages.get(3)).contains("Slow");
    }

    @Test
    void aPageWithoutALineEndIsBoundedNotHeld() throws Exception {
        server.enqueue(new MockResponse.Builder().body("node_load1{a=\"" + "x".repeat(100_000) + "\"} 1").build());
        ScrapeSource s = source(Duration.ofSeconds(5));
        s.scrapeOnce(batches::add);
        assertThat(value(batches.getFirst(), "up")).as("a last line without its line end is read").isEqualTo(1);
    }
}
