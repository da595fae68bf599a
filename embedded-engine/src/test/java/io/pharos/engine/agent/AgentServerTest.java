package io.pharos.engine.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pharos.engine.PharosEngine;
import io.pharos.engine.ingest.SampleBatch;
import io.pharos.engine.model.SeriesKey;
import io.pharos.engine.store.StoreOptions;
import io.pharos.engine.testing.CapturedLogs;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentServerTest {
    private static final String SECRET = "s3cret-token-for-tests-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SeriesKey LOAD = SeriesKey.of("node_load1", "host", "h1", "region", "eu-west-1");
    private static final SeriesKey MEM = SeriesKey.of("node_memory_used_ratio", "host", "h1", "region", "eu-west-1");
    private static final SeriesKey OTHER = SeriesKey.of("node_load1", "host", "h2", "region", "us-east-1");

    @TempDir
    Path dir;
    private PharosEngine engine;
    private SampleFeed feed;
    private AgentServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final long t0 = System.currentTimeMillis() - 60_000;

    @BeforeEach
    void start() throws Exception {
        engine = PharosEngine.open(dir.resolve("data"), StoreOptions.defaults());
        feed = new SampleFeed(10_000);
        engine.ingest().addCommitListener(feed);
        server = startServer(options());
    }

    private AgentOptions options() {
        return AgentOptions.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), BearerToken.of(SECRET),
                "agent-a", Map.of("region", "eu-west-1"));
    }

    private AgentServer startServer(AgentOptions options) throws Exception {
        return AgentServer.start(options, new AgentData(engine.store(), feed, engine::status, Clock.systemUTC(),
                "test"));
    }

    @AfterEach
    void stop() {
        server.close();
        engine.close();
    }

    private void ingest(SeriesKey key, long t, double v) throws Exception {
        engine.ingest().accept(SampleBatch.builder(1).add(key, t, v).build());
        engine.ingest().flush();
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.address().getPort() + pathAndQuery);
    }

    private HttpResponse<String> get(String pathAndQuery, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthAnswersWithoutTheTokenAndSaysWhatTheAgentIsOnlyWithIt() throws Exception {
        ingest(LOAD, t0, 0.5);
        HttpResponse<String> stranger = get("/api/v1/health", null);
        assertThat(stranger.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(stranger.body()).properties()).as("the state, nothing a stranger could use")
                .extracting(java.util.Map.Entry::getKey).containsExactly("status");
        HttpResponse<String> r = get("/api/v1/health", SECRET);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("status").asText()).isEqualTo("up");
        assertThat(body.get("name").asText()).isEqualTo("agent-a");
        assertThat(body.get("labels").get("region").asText()).isEqualTo("eu-west-1");
        assertThat(body.get("series").asInt()).isEqualTo(1);
    }

    @Test
    void everythingElseNeedsTheToken() throws Exception {
        for (String path : List.of("/metrics", "/api/v1/hyperscale-monitoring/series",
                "/api/v1/hyperscale-monitoring/stream", "/api/v1/hyperscale-monitoring/samples?from=0",
                "/api/v1/hyperscale-monitoring/metrics/global", "/api/v1/hyperscale-monitoring/no-such-thing")) {
            HttpResponse<String> none = get(path, null);
            assertThat(none.statusCode()).as(path).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).as(path).hasValueSatisfying(
                    v -> assertThat(v).startsWith("Bearer"));
            assertThat(JSON.readTree(none.body()).get("error").asText()).contains("Authorization: Bearer");
            assertThat(get(path, SECRET + "x").statusCode()).as("a longer token").isEqualTo(401);
            assertThat(get(path, SECRET.substring(1)).statusCode()).as("a shorter one").isEqualTo(401);
        }
        assertThat(get("/api/v1/hyperscale-monitoring/series", SECRET).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/hyperscale-monitoring/no-such-thing", SECRET).statusCode()).isEqualTo(404);
    }

    @Test
    void theTokenNeverReachesTheLogs() throws Exception {
        try (CapturedLogs logs = new CapturedLogs()) {
            get("/api/v1/hyperscale-monitoring/series", SECRET);
            get("/api/v1/hyperscale-monitoring/series", "wrong-" + SECRET);
            get("/api/v1/hyperscale-monitoring/samples?from=x", SECRET);
            server.close();
            server = startServer(options());
            assertThat(logs.text()).contains("agent-a").doesNotContain(SECRET);
        }
        assertThat(options().toString()).doesNotContain(SECRET);
    }

    @Test
    void aClientThatAsksTooOftenIsToldToWait() throws Exception {
        server.close();
        server = startServer(options().withRateLimit(1, 3));
        List<Integer> codes = new ArrayList<>();
        HttpResponse<String> last = null;
        for (int i = 0; i < 5; i++) {
            last = get("/api/v1/health", null);
            codes.add(last.statusCode());
        }
        assertThat(codes.subList(0, 3)).containsOnly(200);
        assertThat(codes.get(4)).isEqualTo(429);
        assertThat(last.headers().firstValue("Retry-After")).hasValue("1");
    }

    @Test
    void requestsOutsideTheLimitsAreRefusedWithTheReason() throws Exception {
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri("/api/v1/hyperscale-monitoring/series"))
                .header("Authorization", "Bearer " + SECRET)
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).as("a body").isEqualTo(413);
        HttpResponse<String> delete = http.send(HttpRequest.newBuilder(uri("/api/v1/hyperscale-monitoring/series"))
                .header("Authorization", "Bearer " + SECRET).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(delete.statusCode()).isEqualTo(405);
        assertThat(delete.headers().firstValue("Allow")).hasValue("GET");
        HttpResponse<String> longUri = get("/api/v1/hyperscale-monitoring/series?match=" + "x".repeat(9000), SECRET);
        assertThat(longUri.statusCode()).isEqualTo(414);
        HttpResponse<String> badSelector = get("/api/v1/hyperscale-monitoring/series?match=rate(x%5B5m%5D)", SECRET);
        assertThat(badSelector.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badSelector.body()).get("error").asText()).contains("plain selector");
        HttpResponse<String> badTime = get("/api/v1/hyperscale-monitoring/samples?from=yesterday", SECRET);
        assertThat(badTime.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badTime.body()).get("error").asText()).contains("milliseconds since 1970");
    }

    @Test
    void samplesAfterATimeComeBackExactly() throws Exception {
        for (int i = 0; i < 10; i++) {
            ingest(LOAD, t0 + i * 1000L, i * 0.25);
            ingest(OTHER, t0 + i * 1000L, i);
        }
        ingest(MEM, t0, Double.NaN);
        HttpResponse<String> r = get("/api/v1/hyperscale-monitoring/samples?from=" + (t0 + 4_000)
                + "&match=" + enc("node_load1{host=\"h1\"}"), SECRET);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode series = JSON.readTree(r.body()).get("series");
        assertThat(series).hasSize(1);
        assertThat(series.get(0).get("labels").get("host").asText()).isEqualTo("h1");
        List<Long> ts = new ArrayList<>();
        series.get(0).get("t").forEach(n -> ts.add(n.asLong()));
        assertThat(ts).as("after 'from', not at it").containsExactly(t0 + 5_000, t0 + 6_000, t0 + 7_000, t0 + 8_000,
                t0 + 9_000);
        assertThat(series.get(0).get("v").get(4).asDouble()).isEqualTo(2.25);

        JsonNode nan = JSON.readTree(get("/api/v1/hyperscale-monitoring/samples?from=" + (t0 - 1)
                + "&match=node_memory_used_ratio", SECRET).body());
        assertThat(nan.get("series").get(0).get("v").get(0).asText()).isEqualTo("NaN");
    }

    @Test
    void figuresOverallPerRegionAndPerHost() throws Exception {
        ingest(LOAD, t0, 1.0);
        ingest(OTHER, t0, 3.0);
        ingest(MEM, t0, 0.5);
        JsonNode global = JSON.readTree(get("/api/v1/hyperscale-monitoring/metrics/global", SECRET).body());
        JsonNode load = global.get("metrics").get(0);
        assertThat(load.get("metric").asText()).isEqualTo("node_load1");
        assertThat(load.get("series").asInt()).isEqualTo(2);
        assertThat(load.get("avg").asDouble()).isEqualTo(2.0);
        assertThat(load.get("max").asDouble()).isEqualTo(3.0);

        JsonNode regions = JSON.readTree(get("/api/v1/hyperscale-monitoring/metrics/regions", SECRET).body());
        assertThat(regions.get("regions").findValuesAsText("name")).containsExactly("eu-west-1", "us-east-1");
        JsonNode eu = JSON.readTree(get("/api/v1/hyperscale-monitoring/metrics/regions/eu-west-1", SECRET).body());
        assertThat(eu.get("metrics").findValuesAsText("metric")).containsExactly("node_load1",
                "node_memory_used_ratio");
        assertThat(eu.get("metrics").get(0).get("sum").asDouble()).isEqualTo(1.0);

        JsonNode h1 = JSON.readTree(get("/api/v1/hyperscale-monitoring/metrics/hosts/h1", SECRET).body());
        assertThat(h1.get("series").findValuesAsText("metric")).containsExactlyInAnyOrder("node_load1",
                "node_memory_used_ratio");
        assertThat(get("/api/v1/hyperscale-monitoring/metrics/hosts/nobody", SECRET).statusCode()).isEqualTo(404);
    }

    @Test
    void metricsInThePrometheusTextFormat() throws Exception {
        ingest(LOAD, t0, 1.5);
        ingest(SeriesKey.of("odd", "path", "C:\\dir \"x\"\nnext"), t0, Double.POSITIVE_INFINITY);
        HttpResponse<String> r = get("/metrics", SECRET);
        assertThat(r.headers().firstValue("Content-Type")).hasValue(PrometheusText.CONTENT_TYPE);
        assertThat(r.body().lines()).contains(
                "# TYPE node_load1 untyped",
                "node_load1{host=\"h1\",region=\"eu-west-1\"} 1.5 " + t0,
                "odd{path=\"C:\\\\dir \\\"x\\\"\\nnext\"} +Inf " + t0);
    }

    @Test
    void aStreamFillsTheGapFromItsSinceThenGoesLive() throws Exception {
        for (int i = 0; i < 3; i++) {
            ingest(LOAD, t0 + i * 1000L, i);
        }
        try (SseClient sse = new SseClient("/api/v1/hyperscale-monitoring/stream?since=" + t0)) {
            assertThat(sse.next().name()).isEqualTo("hello");
            JsonNode backfill = sse.next().data();
            assertThat(backfill.get("new").get(0).get("metric").asText()).isEqualTo("node_load1");
            assertThat(backfill.get("t").get(0).asLong()).as("after since").isEqualTo(t0 + 1000);
            assertThat(backfill.get("t")).hasSize(2);
            assertThat(sse.next().name()).as("the backfill is over").isEqualTo("live");

            ingest(MEM, t0 + 5_000, 0.75);
            Event live = sse.next();
            assertThat(live.name()).isEqualTo("samples");
            assertThat(live.data().get("new").get(0).get("metric").asText()).isEqualTo("node_memory_used_ratio");
            assertThat(live.data().get("v").get(0).asDouble()).isEqualTo(0.75);

            ingest(MEM, t0 + 6_000, 0.5);
            JsonNode again = sse.next().data();
            assertThat(again.get("new")).as("a series is named once a stream").isEmpty();
            assertThat(again.get("s").get(0).asInt()).isEqualTo(live.data().get("new").get(0).get("id").asInt());
        }
    }

    @Test
    void aLongBackfillComesInEventsOfBoundedSize() throws Exception {
        SampleBatch.Builder b = SampleBatch.builder(25_000);
        for (int i = 0; i < 25_000; i++) {
            b.add(LOAD, t0 - 25_000 + i, i);
        }
        engine.ingest().accept(b.build());
        engine.ingest().flush();
        try (SseClient sse = new SseClient("/api/v1/hyperscale-monitoring/stream?since=" + (t0 - 30_000))) {
            assertThat(sse.next().name()).isEqualTo("hello");
            List<Integer> sizes = new ArrayList<>();
            long last = Long.MIN_VALUE;
            Event e;
            while ((e = sse.next()).name().equals("samples")) {
                sizes.add(e.data().get("t").size());
                for (JsonNode t : e.data().get("t")) {
                    assertThat(t.asLong()).as("in time order").isGreaterThan(last);
                    last = t.asLong();
                }
            }
            assertThat(e.name()).isEqualTo("live");
            assertThat(sizes).containsExactly(SampleStream.BACKFILL_EVENT_SAMPLES, SampleStream.BACKFILL_EVENT_SAMPLES,
                    5_000);
            assertThat(last).isEqualTo(t0 - 1);
        }
    }

    @Test
    void aLargeCommitComesLiveInEventsOfBoundedSize() throws Exception {
        try (SseClient sse = new SseClient("/api/v1/hyperscale-monitoring/stream")) {
            assertThat(sse.next().name()).isEqualTo("hello");
            assertThat(sse.next().name()).isEqualTo("live");
            SampleBatch.Builder b = SampleBatch.builder(12_000);
            for (int i = 0; i < 12_000; i++) {
                b.add(SeriesKey.of("many", "i", Integer.toString(i)), t0, i);
            }
            engine.ingest().accept(b.build());
            JsonNode first = sse.next().data();
            JsonNode second = sse.next().data();
            assertThat(first.get("v")).hasSize(SampleStream.BACKFILL_EVENT_SAMPLES);
            assertThat(second.get("v")).hasSize(2_000);
            assertThat(first.get("new")).hasSize(SampleStream.BACKFILL_EVENT_SAMPLES);
            assertThat(second.get("new").get(0).get("id").asInt()).isEqualTo(SampleStream.BACKFILL_EVENT_SAMPLES);
        }
    }

    @Test
    void aStreamWithASelectorCarriesOnlyItsSeries() throws Exception {
        try (SseClient sse = new SseClient("/api/v1/hyperscale-monitoring/stream?match=" + enc("{host=\"h2\"}"))) {
            assertThat(sse.next().name()).isEqualTo("hello");
            assertThat(sse.next().name()).isEqualTo("live");
            ingest(LOAD, t0, 1);
            ingest(OTHER, t0, 2);
            JsonNode e = sse.next().data();
            assertThat(e.get("new").get(0).get("labels").get("host").asText()).isEqualTo("h2");
            assertThat(e.get("v")).hasSize(1);
        }
    }

    @Test
    void theFeedTellsAReaderThatFellBehindWhatItHolds() throws Exception {
        SampleFeed small = new SampleFeed(2);
        engine.ingest().addCommitListener(small);
        assertThat(small.read(0, 10, TimeUnit.MILLISECONDS).batches()).as("nothing yet").isEmpty();
        for (int i = 0; i < 5; i++) {
            ingest(LOAD, t0 + i, i);
        }
        assertThat(small.position()).isEqualTo(5);
        assertThat(small.read(0, 10, TimeUnit.MILLISECONDS).behind()).isTrue();
        SampleFeed.Read last = small.read(3, 10, TimeUnit.MILLISECONDS);
        assertThat(last.behind()).isFalse();
        assertThat(last.batches()).hasSize(2);
        assertThat(last.batches().get(1).value(0)).isEqualTo(4.0);
        assertThat(last.lastSeq()).isEqualTo(5);
    }

    @Test
    void theFeedForgetsCommitsOlderThanItsAgeButAlwaysKeepsTheNewest() throws Exception {
        SampleFeed brief = new SampleFeed(1_000_000, Duration.ofMillis(50));
        engine.ingest().addCommitListener(brief);
        ingest(LOAD, t0, 1);
        Thread.sleep(120);
        ingest(LOAD, t0 + 1, 2);
        assertThat(brief.read(0, 10, TimeUnit.MILLISECONDS).behind()).as("the first is gone").isTrue();
        Thread.sleep(120);
        SampleFeed.Read newest = brief.read(1, 10, TimeUnit.MILLISECONDS);
        assertThat(newest.batches()).as("the newest stays, however old").hasSize(1);
    }

    @Test
    void aStreamWhoseSelectorMatchesNothingNewStillShowsItIsAlive() throws Exception {
        server.close();
        server = startServer(options().withKeepAlive(Duration.ofMillis(300)));
        try (SseClient sse = new SseClient("/api/v1/hyperscale-monitoring/stream?match=nothing_matches")) {
            assertThat(sse.next().name()).isEqualTo("hello");
            assertThat(sse.next().name()).isEqualTo("live");
            Thread feeder = Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; i < 40 && !Thread.currentThread().isInterrupted(); i++) {
                        ingest(LOAD, t0 + i, i); // commits more often than the keep-alive interval
                        Thread.sleep(25);
                    }
                } catch (Exception e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertThat(sse.nextLine()).isEqualTo(": keep-alive");
            feeder.interrupt();
            feeder.join();
        }
    }

    @Test
    void sinceAndCursorOutOfRangeAreRefused() throws Exception {
        assertThat(get("/api/v1/hyperscale-monitoring/stream?since=9223372036854775807", SECRET).statusCode())
                .isEqualTo(400);
        assertThat(get("/api/v1/hyperscale-monitoring/stream?since=-5", SECRET).statusCode()).isEqualTo(400);
        HttpResponse<String> cursor = get("/api/v1/hyperscale-monitoring/samples?from=0&cursor=-1", SECRET);
        assertThat(cursor.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(cursor.body()).get("error").asText()).contains("whole number");
    }

    @Test
    void aQuietStreamKeepsTheConnectionAlive() throws Exception {
        server.close();
        server = startServer(options().withKeepAlive(Duration.ofMillis(200)));
        try (SseClient sse = new SseClient("/api/v1/hyperscale-monitoring/stream")) {
            assertThat(sse.next().name()).isEqualTo("hello");
            assertThat(sse.next().name()).isEqualTo("live");
            assertThat(sse.nextLine()).isEqualTo(": keep-alive");
        }
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private record Event(String name, JsonNode data) {
    }

    /** Server-sent events read line by line as they arrive. */
    private final class SseClient implements AutoCloseable {
        private final java.util.stream.Stream<String> lines;
        private final java.util.Iterator<String> in;

        SseClient(String pathAndQuery) throws Exception {
            HttpResponse<java.util.stream.Stream<String>> r = http.send(HttpRequest.newBuilder(uri(pathAndQuery))
                    .header("Authorization", "Bearer " + SECRET).header("Accept", "text/event-stream").build(),
                    HttpResponse.BodyHandlers.ofLines());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                    v -> assertThat(v).startsWith("text/event-stream"));
            lines = r.body();
            in = lines.iterator();
        }

        String nextLine() {
            String line = "";
            while (line.isEmpty() && in.hasNext()) {
                line = in.next();
            }
            return line;
        }

        Event next() throws Exception {
            String name = null;
            String data = null;
            while (in.hasNext()) {
                String line = in.next();
                if (line.isEmpty() && data != null) {
                    return new Event(name, JSON.readTree(data));
                }
                if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data = line.substring(6);
                }
            }
            throw new AssertionError("the stream ended");
        }

        @Override
        public void close() {
            lines.close();
        }
    }
}
