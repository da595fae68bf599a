package io.pharos.client.agent;

import io.pharos.client.StoreNewestSamples;
import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.client.Secret;
import io.pharos.engine.PharosEngine;
import io.pharos.engine.ingest.HistorySink;
import io.pharos.engine.ingest.SampleBatch;
import io.pharos.engine.model.SeriesKey;
import io.pharos.engine.store.SeriesRef;
import io.pharos.engine.store.StoreOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backfill older than the console store's live path takes (its windows already compacted into
 * chunks, as after an outage of more than a few minutes) reaches the store through the history path.
 */
class LateBackfillTest {
    private static final SeriesKey B = SeriesKey.of("node_load1", "host", "b", "instance", "edge");

    @TempDir
    Path dir;

    @Test
    void aBackfillBelowTheCompactionFloorIsKeptThroughTheHistoryPath() throws Exception {
        assertThat(samplesKept(true)).as("with the history sink: every sample").isEqualTo(7);
    }

    @Test
    void withoutItTheLivePathRefusesThem() throws Exception {
        assertThat(samplesKept(false)).as("only the one above the floor").isEqualTo(1);
    }

    private int samplesKept(boolean withHistory) throws Exception {
        long now = System.currentTimeMillis();
        Path data = dir.resolve(withHistory ? "with" : "without");
        try (PharosEngine engine = PharosEngine.open(data, StoreOptions.defaults());
             MockWebServer server = new MockWebServer()) {
            engine.ingest().accept(SampleBatch.builder(1).add(SeriesKey.of("up", "host", "a"), now, 1).build());
            engine.ingest().flush();
            long floor = Math.floorDiv(now - 60_000, 600_000) * 600_000;
            engine.store().compactBefore(floor);
            assertThat(engine.store().liveFloorMs()).isEqualTo(floor);

            StringBuilder t = new StringBuilder();
            StringBuilder s = new StringBuilder();
            StringBuilder v = new StringBuilder();
            for (int i = 0; i < 6; i++) {
                t.append(floor - 300_000 + i * 10_000).append(',');
                s.append("0,");
                v.append(i).append(',');
            }
            t.append(now);
            s.append('0');
            v.append("9");
            server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/event-stream").body(
                    "event: hello\ndata: {\"name\":\"edge\",\"timeMs\":" + now + "}\n\n"
                    + "event: samples\ndata: {\"new\":[{\"id\":0,\"metric\":\"node_load1\",\"labels\":{\"host\":\"b\"}}],"
                    + "\"s\":[" + s + "],\"t\":[" + t + "],\"v\":[" + v + "]}\n\n"
                    + "event: live\ndata: {}\n\n").build());
            server.start();
            AgentSource source = new AgentSource(AgentEndpoint.of("edge", server.url("/"),
                    Secret.of("late-backfill-token-0123456789")), new StoreNewestSamples(engine.store()),
                    withHistory ? engine.historySink() : HistorySink.NONE, Clock.systemUTC());
            engine.start(source);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (source.status().samplesProduced() < 7 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(source.status().samplesProduced()).isEqualTo(7);
            engine.ingest().flush();
            List<SeriesRef> refs = engine.query().select(List.of(io.pharos.engine.model.Matcher.eq("host", "b")));
            assertThat(refs).hasSize(1);
            assertThat(refs.getFirst().key()).isEqualTo(B);
            return engine.query().range(refs.getFirst(), floor - 400_000, now + 1).size();
        }
    }
}
