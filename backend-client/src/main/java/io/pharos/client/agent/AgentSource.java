package io.pharos.client.agent;

import io.pharos.client.NewestSamples;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pharos.client.ErrorBody;
import io.pharos.client.PeerProblem;
import io.pharos.engine.ingest.HistorySink;
import io.pharos.engine.ingest.SampleBatch;
import io.pharos.engine.ingest.SampleSink;
import io.pharos.engine.ingest.Source;
import io.pharos.engine.ingest.SourceStatus;
import io.pharos.engine.ingest.SourceThread;
import io.pharos.engine.ingest.SourceStatus.State;
import io.pharos.engine.model.Labels;
import io.pharos.engine.model.SeriesKey;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Pharos agent as a source (docs/agent.md): its stream of new samples, and after a lost connection
 * the gap, backfilled from the agent's store before anything newer, so that a chart has no hole after
 * a network blip. Reconnects with exponential back-off (1 s doubling to 30 s, with jitter). Every
 * series gets the label {@code instance} with the source's name, as Prometheus names its targets.
 * A sample the console already has (same series, same or older time) is dropped here, so overlaps of
 * backfill and stream cost nothing downstream.
 */
public final class AgentSource implements Source {
    private static final Logger LOG = LoggerFactory.getLogger(AgentSource.class);
    public static final String INSTANCE_LABEL = "instance";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** An event is one line: a line longer than this is refused, not held (the agent sends 10,000 samples an event). */
    static final long MAX_LINE_BYTES = 32L << 20;
    private static final int MAX_SERIES = 1_000_000;
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final AgentEndpoint endpoint;
    private final NewestSamples newest;
    private final HistorySink history;
    private final Clock clock;
    private final OkHttpClient http;
    /** The newest time taken per series (labelled key): what is older or equal is dropped. */
    private final Map<SeriesKey, long[]> newestTaken = new HashMap<>();
    private final AtomicLong produced = new AtomicLong();
    /**
     * Where the next connection asks from (before the margin): the newest sample received live, or at
     * the end of a complete backfill. A backfill cut short does not move it: its series come one by one.
     */
    private volatile long resumeMs = Long.MIN_VALUE;
    private volatile SourceStatus status = SourceStatus.starting();
    private final SourceThread thread;
    private volatile Call call;

    private final long maxLineBytes;

    /** Without a history sink: a backfill older than the console's live path takes is refused there. */
    public AgentSource(AgentEndpoint endpoint, NewestSamples newest, Clock clock) {
        this(endpoint, newest, HistorySink.NONE, clock, MAX_LINE_BYTES);
    }

    /** With {@code history}: a backfill older than the live path takes is written straight into chunks. */
    public AgentSource(AgentEndpoint endpoint, NewestSamples newest, HistorySink history, Clock clock) {
        this(endpoint, newest, history, clock, MAX_LINE_BYTES);
    }

    AgentSource(AgentEndpoint endpoint, NewestSamples newest, HistorySink history, Clock clock, long maxLineBytes) {
        this.history = Objects.requireNonNull(history, "history");
        this.maxLineBytes = maxLineBytes;
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.newest = Objects.requireNonNull(newest, "newest");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.http = endpoint.client();
        this.thread = new SourceThread("pharos-agent-" + endpoint.name());
    }

    @Override
    public String name() {
        return endpoint.name();
    }

    @Override
    public void start(SampleSink sink) {
        thread.start(() -> run(sink));
    }

    private void run(SampleSink sink) {
        Duration backoff = FIRST_BACKOFF;
        while (thread.running()) {
            long began = clock.millis();
            try {
                stream(sink);
                if (thread.running()) {
                    fail(PeerProblem.malformed(endpoint.where(), "the stream ended").message());
                }
            } catch (ProblemException e) {
                fail(e.problem.message());
            } catch (IOException | RuntimeException e) {
                if (!thread.running()) {
                    break;
                }
                PeerProblem problem = PeerProblem.of(e, endpoint.where());
                if (problem.kind() == PeerProblem.Kind.INTERNAL) {
                    LOG.error("Agent {}: reading its stream failed here, not there", name(), e);
                }
                fail(problem.message());
            } catch (InterruptedException e) {
                break;
            }
            if (clock.millis() - began > MAX_BACKOFF.toMillis()) {
                backoff = FIRST_BACKOFF; // it streamed a while: a fresh failure, not the same one again
            }
            long jitter = ThreadLocalRandom.current().nextLong(backoff.toMillis() / 4 + 1);
            try {
                Thread.sleep(backoff.toMillis() + jitter);
            } catch (InterruptedException e) {
                break;
            }
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
        status = new SourceStatus(State.STOPPED, produced.get(), status.lastSampleAtMs(), "");
    }

    private void fail(String message) {
        if (!message.equals(status.message())) {
            LOG.warn("Agent {}: {}", name(), message);
        }
        status = new SourceStatus(State.FAILED, produced.get(), status.lastSampleAtMs(), message);
    }

    /** One connection: from the newest sample taken (less the margin), then live, until it fails. */
    private void stream(SampleSink sink) throws IOException, InterruptedException {
        HttpUrl.Builder url = endpoint.url().newBuilder().addPathSegments("api/v1/hyperscale-monitoring/stream");
        url.addQueryParameter("since", Long.toString(since()));
        Request request = new Request.Builder().url(url.build())
                .header("Authorization", "Bearer " + endpoint.token().reveal())
                .header("Accept", "text/event-stream").build();
        Call c = http.newCall(request);
        call = c;
        if (!thread.running()) {
            return;
        }
        try (Response response = c.execute()) {
            if (!response.isSuccessful()) {
                throw new ProblemException(PeerProblem.ofStatus(response.code(), endpoint.where(),
                        ErrorBody.message(response)));
            }
            String type = response.header("Content-Type", "");
            if (!type.startsWith("text/event-stream")) {
                throw new ProblemException(PeerProblem.malformed(endpoint.where(), "it answered " + type
                        + " where an agent streams text/event-stream"));
            }
            read(response.body().source(), sink);
        }
    }

    /** Where the stream starts: the newest sample taken, less the margin; else as far back as allowed. */
    private long since() {
        long now = clock.millis();
        long oldest = now - endpoint.maxBackfill().toMillis();
        long known = resumeMs;
        if (known == Long.MIN_VALUE) {
            known = newest.newestOf(INSTANCE_LABEL, name());
            resumeMs = known;
        }
        return known == Long.MIN_VALUE ? oldest : Math.max(oldest, known - endpoint.margin().toMillis());
    }

    private void read(BufferedSource in, SampleSink sink) throws IOException, InterruptedException {
        Connection conn = new Connection();
        String event = null;
        StringBuilder data = new StringBuilder();
        boolean greeted = false;
        while (thread.running()) {
            String line = line(in);
            if (line.isEmpty()) {
                if (data.isEmpty()) {
                    continue;
                }
                String name = event == null ? "message" : event;
                if (!greeted && !name.equals("hello")) {
                    throw new ProblemException(PeerProblem.malformed(endpoint.where(),
                            "the stream did not begin as a Pharos agent's does (event '" + name + "')"));
                }
                greeted = true;
                dispatch(name, data.toString(), conn, sink);
                event = null;
                data.setLength(0);
            } else if (line.startsWith("event:")) {
                event = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
                if (!data.isEmpty()) {
                    data.append('\n');
                }
                data.append(line.substring(line.startsWith("data: ") ? 6 : 5));
            }
            // "id:", "retry:" and ": comments" (the keep-alive) need nothing
        }
    }

    private String line(BufferedSource in) throws IOException {
        long end = in.indexOf((byte) '\n', 0, maxLineBytes);
        if (end < 0) {
            if (in.getBuffer().size() >= maxLineBytes) {
                throw new ProblemException(PeerProblem.malformed(endpoint.where(), "a line of the stream is longer"
                        + " than " + (maxLineBytes >> 20) + " MiB"));
            }
            throw new java.io.EOFException("the stream ended");
        }
        String line = in.readUtf8(end);
        in.skip(1);
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private void dispatch(String event, String data, Connection conn, SampleSink sink)
            throws IOException, InterruptedException {
        switch (event) {
            case "hello" -> {
                conn.helloMs = json(data).path("timeMs").asLong(Long.MIN_VALUE);
                status = new SourceStatus(State.RUNNING, produced.get(), status.lastSampleAtMs(),
                        "Streaming from " + endpoint.where());
            }
            case "samples" -> samples(json(data), conn, sink);
            case "live" -> {
                // The backfill read its series one after another from the agent's state at hello: what
                // was committed after that comes live. So the backfill vouches for no more than hello's time.
                conn.live = true;
                resumeMs = Math.max(resumeMs, Math.min(conn.backfilledTo, conn.helloMs));
            }
            case "behind" -> throw new ProblemException(new PeerProblem(PeerProblem.Kind.SLOW, "This console fell"
                    + " behind " + endpoint.where() + "'s stream; reconnecting to fill the gap from its store."));
            default -> {
                // an event of a newer agent: not for this console
            }
        }
    }

    private JsonNode json(String data) {
        try {
            return JSON.readTree(data);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ProblemException(PeerProblem.malformed(endpoint.where(), "an event's JSON cannot be read ("
                    + e.getOriginalMessage() + ")"));
        }
    }

    private void samples(JsonNode e, Connection conn, SampleSink sink) throws InterruptedException {
        JsonNode fresh = e.path("new");
        for (JsonNode n : fresh) {
            if (conn.ids.size() >= MAX_SERIES) {
                throw new ProblemException(PeerProblem.malformed(endpoint.where(), "more than " + MAX_SERIES
                        + " series in one stream"));
            }
            conn.ids.put(n.path("id").asInt(-1), key(n));
        }
        JsonNode s = e.path("s");
        JsonNode t = e.path("t");
        JsonNode v = e.path("v");
        if (!s.isArray() || !t.isArray() || !v.isArray() || s.size() != t.size() || s.size() != v.size()) {
            throw new ProblemException(PeerProblem.malformed(endpoint.where(),
                    "a samples event needs arrays s, t and v of one length"));
        }
        SampleBatch.Builder batch = SampleBatch.builder(s.size());
        long newestHere = Long.MIN_VALUE;
        long floor = history.liveFloorMs();
        Map<SeriesKey, Late> late = null;
        for (int i = 0; i < s.size(); i++) {
            SeriesKey key = conn.ids.get(s.get(i).asInt(-1));
            if (key == null || !t.get(i).canConvertToLong()) {
                throw new ProblemException(PeerProblem.malformed(endpoint.where(),
                        "a sample names a series the stream did not introduce, or has no time"));
            }
            long ts = t.get(i).asLong();
            long[] last = newestTaken.computeIfAbsent(key, k -> new long[] {newest.newestOf(k)});
            if (ts <= last[0]) {
                continue;
            }
            last[0] = ts;
            newestHere = Math.max(newestHere, ts);
            if (ts < floor) {
                if (late == null) {
                    late = new java.util.LinkedHashMap<>();
                }
                late.computeIfAbsent(key, k -> new Late()).add(ts, value(v.get(i)));
            } else {
                batch.add(key, ts, value(v.get(i)));
            }
        }
        int lateCount = 0;
        if (late != null) {
            for (var series : late.entrySet()) {
                Late l = series.getValue();
                history.write(series.getKey(), l.ts, l.values, l.n);
                lateCount += l.n;
            }
        }
        if (batch.size() == 0 && lateCount == 0) {
            return;
        }
        if (batch.size() > 0) {
            sink.accept(batch.build());
        }
        long n = produced.addAndGet(batch.size() + lateCount);
        if (conn.live) {
            resumeMs = Math.max(resumeMs, newestHere);
        } else {
            conn.backfilledTo = Math.max(conn.backfilledTo, newestHere);
        }
        status = new SourceStatus(State.RUNNING, n, clock.millis(), "Streaming from " + endpoint.where());
    }

    private SeriesKey key(JsonNode n) {
        String metric = n.path("metric").asText("");
        JsonNode labels = n.path("labels");
        Map<String, String> map = new HashMap<>();
        labels.properties().forEach(p -> map.put(p.getKey(), p.getValue().asText()));
        map.putIfAbsent(INSTANCE_LABEL, name());
        try {
            SeriesKey.validateMetric(metric);
            return new SeriesKey(metric, Labels.of(map));
        } catch (IllegalArgumentException bad) {
            throw new ProblemException(PeerProblem.malformed(endpoint.where(), "a series is not valid: "
                    + bad.getMessage()));
        }
    }

    private double value(JsonNode v) {
        if (v.isNumber()) {
            return v.asDouble();
        }
        return switch (v.asText()) {
            case "NaN" -> Double.NaN;
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> throw new ProblemException(PeerProblem.malformed(endpoint.where(), "a value is neither a"
                    + " number nor NaN/+Inf/-Inf"));
        };
    }

    @Override
    public void stop() {
        thread.stop(() -> {
            Call c = call;
            if (c != null) {
                c.cancel();
            }
        });
    }

    @Override
    public SourceStatus status() {
        return status;
    }

    /** Samples of one series older than the live path takes, in ascending time. */
    private static final class Late {
        long[] ts = new long[16];
        double[] values = new double[16];
        int n;

        void add(long t, double v) {
            if (n == ts.length) {
                ts = java.util.Arrays.copyOf(ts, n * 2);
                values = java.util.Arrays.copyOf(values, n * 2);
            }
            ts[n] = t;
            values[n++] = v;
        }
    }

    /** One connection's series ids, and whether its backfill is over. */
    private static final class Connection {
        final Map<Integer, SeriesKey> ids = new HashMap<>();
        boolean live;
        long backfilledTo = Long.MIN_VALUE;
        long helloMs = Long.MIN_VALUE;
    }

    /** A failure that has already been put in words. */
    private static final class ProblemException extends RuntimeException {
        final transient PeerProblem problem;

        ProblemException(PeerProblem problem) {
            super(problem.message(), null, false, false);
            this.problem = problem;
        }
    }
}
