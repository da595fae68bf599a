package io.pharos.client.agent;

import io.pharos.client.NewestSamples;
import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.client.Secret;
import io.pharos.engine.ingest.SampleBatch;
import io.pharos.engine.ingest.SampleSink;
import io.pharos.engine.ingest.SourceStatus;
import io.pharos.engine.model.SeriesKey;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The agent client against peers that misbehave, each in its own way; and one that behaves. */
class AgentSourceTest {
    private static final String TOKEN = "client-test-token-0123456789";
    private static final String HELLO = "event: hello\nid: 0\ndata: {\"name\":\"a\",\"timeMs\":1}\n\n";
    private static final String LIVE = "event: live\nid: 0\ndata: {\"after\":0}\n\n";
    /** Early in 1970: a day's backfill limit reaches back past every time these tests use. */
    private static final Clock CLOCK = Clock.fixed(java.time.Instant.ofEpochSecond(3_600), java.time.ZoneOffset.UTC);
    private final MockWebServer server = new MockWebServer();
    private final Collected sink = new Collected();
    private AgentSource source;

    @BeforeEach
    void start() throws Exception {
        server.start();
    }

    @AfterEach
    void stop() {
        if (source != null) {
            source.stop();
        }
        server.close();
    }

    private AgentSource source(HttpUrl url, Duration readTimeout, long maxLine) {
        source = new AgentSource(AgentEndpoint.of("edge", url, Secret.of(TOKEN)).withReadTimeout(readTimeout),
                NewestSamples.NONE, io.pharos.engine.ingest.HistorySink.NONE, CLOCK, maxLine);
        return source;
    }

    private AgentSource started() {
        source(server.url("/"), Duration.ofSeconds(5), AgentSource.MAX_LINE_BYTES).start(sink);
        return source;
    }

    private static MockResponse stream(String body) {
        return new MockResponse.Builder().setHeader("Content-Type", "text/event-stream").body(body).build();
    }

    private static String samples(String news, String s, String t, String v) {
        return "event: samples\nid: 1\ndata: {\"new\":[" + news + "],\"s\":[" + s + "],\"t\":[" + t + "],\"v\":[" + v
                + "]}\n\n";
    }

    private static final String LOAD = "{\"id\":0,\"metric\":\"node_load1\",\"labels\":{\"host\":\"h1\"}}";

    private static SourceStatus await(AgentSource s, Predicate<SourceStatus> done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (done.test(s.status())) {
                return s.status();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("status stayed " + s.status());
    }

    private static Predicate<SourceStatus> failedWith(String text) {
        return st -> st.state() == SourceStatus.State.FAILED && st.message().contains(text);
    }

    @Test
    void aBehavingAgentsSamplesArriveLabelledWithTheInstanceAndTheTokenIsSent() throws Exception {
        server.enqueue(stream(HELLO + LIVE + samples(LOAD, "0,0", "1000,2000", "0.5,\"NaN\"")
                + ": keep-alive\n\n" + samples("", "0", "3000", "\"+Inf\"")));
        started();
        sink.awaitSamples(3);
        RecordedRequest r = server.takeRequest();
        assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(r.getUrl().encodedPath()).isEqualTo("/api/v1/hyperscale-monitoring/stream");
        assertThat(r.getUrl().queryParameter("since")).as("a day back for a console that has nothing").isNotNull();
        SeriesKey key = sink.keys.getFirst();
        assertThat(key.label("instance")).isEqualTo("edge");
        assertThat(key.label("host")).isEqualTo("h1");
        assertThat(sink.times).containsExactly(1000L, 2000L, 3000L);
        assertThat(sink.values.get(1)).isNaN();
        assertThat(sink.values.get(2)).isInfinite();
        await(source, st -> st.samplesProduced() == 3);
        assertThat(source.status().toString()).doesNotContain(TOKEN);
    }

    @Test
    void afterALostConnectionItAsksFromItsNewestLiveSampleAndDropsWhatItHas() throws Exception {
        server.enqueue(stream(HELLO + LIVE + samples(LOAD, "0,0", "100000,101000", "1,2")));
        // the second connection backfills from before the newest sample (the margin): the overlap is dropped
        server.enqueue(stream(HELLO + samples(LOAD, "0,0,0", "100000,101000,102000", "1,2,3") + LIVE
                + samples("", "0", "103000", "4")));
        started();
        sink.awaitSamples(4);
        server.takeRequest();
        RecordedRequest second = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(second.getUrl().queryParameter("since")).as("the newest received live, less 30 s")
                .isEqualTo(Long.toString(101_000 - 30_000));
        assertThat(sink.times).as("each sample once, in order").containsExactly(100_000L, 101_000L, 102_000L,
                103_000L);
    }

    @Test
    void aBackfillCutShortDoesNotMoveWhereTheNextOneAsksFrom() throws Exception {
        String other = "{\"id\":1,\"metric\":\"node_load5\",\"labels\":{\"host\":\"h1\"}}";
        server.enqueue(stream(HELLO + LIVE + samples(LOAD, "0", "50000", "1")));
        // a backfill of series 0 far ahead, cut before series 1 and before 'live'
        server.enqueue(stream(HELLO + samples(LOAD, "0", "900000", "2")));
        server.enqueue(stream(HELLO + samples(other, "1", "60000", "3") + LIVE));
        started();
        sink.awaitSamples(3);
        server.takeRequest();
        server.takeRequest(5, TimeUnit.SECONDS);
        RecordedRequest third = server.takeRequest(10, TimeUnit.SECONDS);
        assertThat(third.getUrl().queryParameter("since")).isEqualTo(Long.toString(50_000 - 30_000));
        assertThat(sink.times).containsExactly(50_000L, 900_000L, 60_000L);
    }

    @Test
    void aCompleteBackfillVouchesOnlyUpToTheAgentsTimeAtHello() throws Exception {
        String other = "{\"id\":1,\"metric\":\"node_load5\",\"labels\":{\"host\":\"h1\"}}";
        // series 0 read at hello (150 s), series 1 read later when it had reached 200 s; then live, then cut
        server.enqueue(stream("event: hello\nid: 0\ndata: {\"name\":\"a\",\"timeMs\":150000}\n\n"
                + samples(LOAD, "0", "150000", "1") + samples(other, "1", "200000", "2") + LIVE));
        server.enqueue(stream(HELLO + LIVE));
        started();
        sink.awaitSamples(2);
        server.takeRequest();
        RecordedRequest second = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(second.getUrl().queryParameter("since")).as("series 0's samples after 150 s came live, if at all")
                .isEqualTo(Long.toString(150_000 - 30_000));
    }

    @Test
    void aWrongTokenIsSaidSo() throws Exception {
        server.enqueue(new MockResponse.Builder().code(401).setHeader("Content-Type", "application/json")
                .body("{\"status\":401,\"error\":\"This agent needs its token\"}").build());
        SourceStatus st = await(started(), failedWith("Wrong token"));
        assertThat(st.message()).contains("This agent needs its token").doesNotContain(TOKEN);
    }

    @Test
    void aServerErrorIsSaidWithWhatTheServerSaid() throws Exception {
        server.enqueue(new MockResponse.Builder().code(500).body("disk on fire\u0007").build());
        SourceStatus st = await(started(), failedWith("answered 500"));
        assertThat(st.message()).contains("disk on fire").doesNotContain("\u0007");
    }

    @Test
    void somethingThatIsNotAnAgentIsSaidSo() throws Exception {
        server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/html").body("<html>").build());
        assertThat(await(started(), failedWith("Malformed")).message()).contains("text/html");
        server.enqueue(stream("event: samples\ndata: {}\n\n"));
        await(source, failedWith("did not begin as a Pharos agent"));
    }

    @Test
    void malformedJsonAndInconsistentEventsAreRefused() throws Exception {
        server.enqueue(stream(HELLO + "event: samples\ndata: {\"new\":[, }\n\n"));
        await(started(), failedWith("cannot be read"));
        server.enqueue(stream(HELLO + samples(LOAD, "0,0", "1", "1")));
        await(source, failedWith("arrays s, t and v of one length"));
        server.enqueue(stream(HELLO + samples("", "7", "1", "1")));
        await(source, failedWith("did not introduce"));
        server.enqueue(stream(HELLO + samples(LOAD.replace("node_load1", "bad name"), "0", "1", "1")));
        await(source, failedWith("not valid"));
        assertThat(sink.times).isEmpty();
    }

    @Test
    void aHugeLineIsRefusedNotHeld() throws Exception {
        server.enqueue(stream(HELLO + "data: " + "x".repeat(200_000)));
        source(server.url("/"), Duration.ofSeconds(5), 64 * 1024).start(sink);
        await(source, failedWith("longer than"));
    }

    @Test
    void aPeerThatHangsTimesOut() throws Exception {
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
        source(server.url("/"), Duration.ofMillis(300), AgentSource.MAX_LINE_BYTES).start(sink);
        await(source, failedWith("Slow"));
    }

    @Test
    void aStreamThatTricklesSlowerThanTheTimeoutIsSlow() throws Exception {
        server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/event-stream").body(HELLO + LIVE)
                .throttleBody(1, 1, TimeUnit.SECONDS).build());
        source(server.url("/"), Duration.ofMillis(300), AgentSource.MAX_LINE_BYTES).start(sink);
        await(source, failedWith("Slow"));
    }

    @Test
    void nobodyListeningIsRefusedAndAnUnknownHostUnreachable() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        source(HttpUrl.get("http://127.0.0.1:" + closedPort + "/"), Duration.ofSeconds(1), 1024).start(sink);
        assertThat(await(source, failedWith("Refused")).message()).contains("127.0.0.1:" + closedPort);
        source.stop();
        source(HttpUrl.get("http://agent.invalid:9470/"), Duration.ofSeconds(1), 1024).start(sink);
        await(source, failedWith("Unreachable"));
    }

    @Test
    void httpsToAPlainAgentIsATlsMismatch() throws Exception {
        server.enqueue(stream(HELLO));
        source(HttpUrl.get("https://127.0.0.1:" + server.getPort() + "/"), Duration.ofSeconds(2), 1024).start(sink);
        await(source, failedWith("TLS mismatch"));
    }

    @Test
    void stopEndsAWaitingConnectionAtOnce() throws Exception {
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
        source(server.url("/"), Duration.ofSeconds(30), AgentSource.MAX_LINE_BYTES).start(sink);
        server.takeRequest(5, TimeUnit.SECONDS);
        long t = System.nanoTime();
        source.stop();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t)).as("no wait for the read timeout")
                .isLessThan(5_000);
        assertThat(source.status().state()).isEqualTo(SourceStatus.State.STOPPED);
    }

    /** What the source handed to the engine. */
    private static final class Collected implements SampleSink {
        final List<SeriesKey> keys = new ArrayList<>();
        final List<Long> times = new ArrayList<>();
        final List<Double> values = new ArrayList<>();

        @Override
        public synchronized void accept(SampleBatch batch) {
            for (int i = 0; i < batch.size(); i++) {
                keys.add(batch.key(i));
                times.add(batch.timestamp(i));
                values.add(batch.value(i));
            }
            notifyAll();
        }

        synchronized void awaitSamples(int n) throws InterruptedException {
            long deadline = System.currentTimeMillis() + 15_000;
            while (times.size() < n && System.currentTimeMillis() < deadline) {
                wait(100);
            }
            assertThat(times).hasSizeGreaterThanOrEqualTo(n);
        }
    }
}
