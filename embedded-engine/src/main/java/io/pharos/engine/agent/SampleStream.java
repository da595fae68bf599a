package io.pharos.engine.agent;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import io.pharos.engine.ingest.SampleBatch;
import io.pharos.engine.model.SeriesKey;
import io.pharos.engine.store.SeriesRef;
import io.pharos.engine.store.SeriesSamples;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The stream of new samples, as server-sent events (docs/agent.md). With {@code since}, the samples
 * stored after that time come first, series by series, then the live ones: a client that was away
 * asks from its newest sample and has the gap filled before anything newer, which is the order a
 * store that takes samples in time order needs. Each event carries the samples of one commit (or of
 * one series in the backfill) with the names of the series it mentions for the first time:
 * <pre>
 * event: samples
 * id: 42
 * data: {"new":[{"id":0,"metric":"node_load1","labels":{"host":"h1"}}],"s":[0],"t":[1700000000000],"v":[0.4]}
 * </pre>
 * {@code event: live} follows the backfill (sent without {@code since} too): what comes after it is
 * live. A stream that falls further behind than the agent's feed holds gets {@code event: behind} and ends;
 * a quiet stream gets a comment line every keep-alive interval.
 */
final class SampleStream {
    /** Samples in one event at most (backfill and live): an event is one line a client holds whole. */
    static final int BACKFILL_EVENT_SAMPLES = 10_000;
    private final AgentData data;
    private final AgentOptions options;

    SampleStream(AgentData data, AgentOptions options) {
        this.data = data;
        this.options = options;
    }

    int serve(HttpExchange exchange, QueryParams params) throws IOException {
        Selection selection = Selection.of(params);
        long since = params.millis("since", Long.MIN_VALUE);
        if (since != Long.MIN_VALUE && (since < 0 || since > data.clock().millis() + 86_400_000L)) {
            throw new AgentServer.BadRequest("'since' must be a time from 1970 up to a day ahead of the agent's clock,"
                    + " in milliseconds.");
        }
        // Taken before the backfill reads the store: what is committed meanwhile comes again live,
        // and the client drops what it already has.
        long position = data.feed().position();
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        Connection c = new Connection(out, selection);
        c.event("hello", position, g -> {
            g.writeStartObject();
            g.writeStringField("name", options.name());
            g.writeNumberField("timeMs", data.clock().millis());
            g.writeEndObject();
        });
        if (since != Long.MIN_VALUE) {
            long to = data.clock().millis() + 60_000; // samples taken "now" by a clock slightly ahead
            for (SeriesRef ref : selection.select(data.series())) {
                SeriesSamples s = data.series().read(ref, since + 1, to);
                if (s.size() > 0) {
                    c.backfill(position, ref.key(), s);
                }
            }
        }
        long backfilledUpTo = position;
        c.event("live", position, g -> {
            g.writeStartObject();
            g.writeNumberField("after", backfilledUpTo);
            g.writeEndObject();
        });
        long keepAliveMs = options.keepAlive().toMillis();
        while (true) {
            SampleFeed.Read read;
            try {
                read = data.feed().read(position, keepAliveMs, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 200;
            }
            if (read.closed()) {
                return 200;
            }
            if (read.behind()) {
                c.event("behind", position, g -> {
                    g.writeStartObject();
                    g.writeStringField("message", "This stream fell behind the agent's feed; reconnect with 'since'"
                            + " set to the newest sample received.");
                    g.writeEndObject();
                });
                return 200;
            }
            if (!read.batches().isEmpty()) {
                position = read.lastSeq();
                c.live(position, read.batches());
            }
            // By the time since the last write, not the feed's silence: a stream whose selector matches
            // nothing new still shows it is alive, and a client gone away is found by the write.
            if (c.quietMillis() >= keepAliveMs) {
                c.comment("keep-alive");
            }
        }
    }

    /** One client's stream: the ids given to series so far, and the event writing. */
    private static final class Connection {
        private final OutputStream out;
        private final Selection selection;
        /** Ids of the series seen so far; -1 for series outside the selection. */
        private final Map<SeriesKey, Integer> ids = new HashMap<>();
        /** Series given an id since the last event: the next event names them. */
        private final List<SeriesKey> fresh = new ArrayList<>();
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(8192);
        private int nextId;
        private long lastWriteNanos = System.nanoTime();

        long quietMillis() {
            return (System.nanoTime() - lastWriteNanos) / 1_000_000;
        }

        Connection(OutputStream out, Selection selection) {
            this.out = out;
            this.selection = selection;
        }

        /** The stored samples of one series, in events of {@link #BACKFILL_EVENT_SAMPLES} at most. */
        void backfill(long seq, SeriesKey key, SeriesSamples s) throws IOException {
            int id = idFor(key);
            if (id < 0) {
                return;
            }
            for (int from = 0; from < s.size(); from += BACKFILL_EVENT_SAMPLES) {
                int start = from;
                int count = Math.min(BACKFILL_EVENT_SAMPLES, s.size() - from);
                event("samples", seq, g -> {
                    g.writeStartObject();
                    writeFresh(g);
                    g.writeArrayFieldStart("s");
                    for (int i = 0; i < count; i++) {
                        g.writeNumber(id);
                    }
                    g.writeEndArray();
                    g.writeFieldName("t");
                    g.writeArray(s.timestamps(), start, count);
                    g.writeArrayFieldStart("v");
                    for (int i = start; i < start + count; i++) {
                        Responses.value(g, s.values()[i]);
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                });
            }
        }

        /** The samples of the commits read, in events of {@link #BACKFILL_EVENT_SAMPLES} at most. */
        void live(long seq, List<SampleBatch> batches) throws IOException {
            int cap = BACKFILL_EVENT_SAMPLES;
            int[] sel = new int[cap];
            long[] ts = new long[cap];
            double[] values = new double[cap];
            int n = 0;
            for (SampleBatch b : batches) {
                for (int i = 0; i < b.size(); i++) {
                    int id = idFor(b.key(i));
                    if (id < 0) {
                        continue;
                    }
                    sel[n] = id;
                    ts[n] = b.timestamp(i);
                    values[n] = b.value(i);
                    if (++n == cap) {
                        samplesEvent(seq, sel, ts, values, n);
                        n = 0;
                    }
                }
            }
            if (n > 0) {
                samplesEvent(seq, sel, ts, values, n);
            }
        }

        private void samplesEvent(long seq, int[] sel, long[] ts, double[] values, int count) throws IOException {
            event("samples", seq, g -> {
                g.writeStartObject();
                writeFresh(g);
                g.writeFieldName("s");
                g.writeArray(sel, 0, count);
                g.writeFieldName("t");
                g.writeArray(ts, 0, count);
                g.writeArrayFieldStart("v");
                for (int i = 0; i < count; i++) {
                    Responses.value(g, values[i]);
                }
                g.writeEndArray();
                g.writeEndObject();
            });
        }

        private int idFor(SeriesKey key) {
            Integer id = ids.get(key);
            if (id == null) {
                id = selection.matches(key) ? nextId++ : -1;
                ids.put(key, id);
                if (id >= 0) {
                    fresh.add(key);
                }
            }
            return id;
        }

        private void writeFresh(JsonGenerator g) throws IOException {
            g.writeArrayFieldStart("new");
            for (SeriesKey k : fresh) {
                g.writeStartObject();
                g.writeNumberField("id", ids.get(k));
                AgentApi.writeKey(g, k);
                g.writeEndObject();
            }
            g.writeEndArray();
            fresh.clear();
        }

        void event(String name, long seq, Responses.JsonBody body) throws IOException {
            buffer.reset();
            try (JsonGenerator g = Responses.JSON.createGenerator(buffer, JsonEncoding.UTF8)) {
                body.write(g);
            }
            out.write(("event: " + name + "\nid: " + seq + "\ndata: ").getBytes(StandardCharsets.UTF_8));
            buffer.writeTo(out);
            out.write("\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            lastWriteNanos = System.nanoTime();
        }

        void comment(String text) throws IOException {
            out.write((": " + text + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            lastWriteNanos = System.nanoTime();
        }
    }
}
