package io.pharos.client.prometheus;

import io.pharos.client.NewestSamples;
import io.pharos.client.PeerProblem;
import io.pharos.engine.ingest.HistorySink;
import io.pharos.engine.ingest.SampleBatch;
import io.pharos.engine.ingest.SampleSink;
import io.pharos.engine.ingest.Source;
import io.pharos.engine.ingest.SourceStatus;
import io.pharos.engine.ingest.SourceStatus.State;
import io.pharos.engine.ingest.SourceThread;
import io.pharos.engine.alerting.AlertIntake;
import io.pharos.engine.alerting.ReceivedAlert;
import io.pharos.engine.model.Labels;
import io.pharos.engine.model.SeriesKey;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.TreeMap;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Prometheus-compatible server as a source (docs/sources.md): each of its queries evaluated every
 * interval, at times aligned to the interval, into the console's store, its labels mapped to the
 * console's. The newest step is one instant query; a gap (the first start, a restart of the console,
 * the server down a while) is filled with range queries, in chunks Prometheus accepts, from where the
 * store ends, at most {@code maxBackfill} back. Every series gets {@code prometheus="<name>"}, which is
 * how a console that starts again finds where it stopped. A query that fails does not stop the others.
 */
public final class PrometheusSource implements Source {
    private static final Logger LOG = LoggerFactory.getLogger(PrometheusSource.class);
    /** Samples one answer may hold before it is refused (memory bound: about 16 bytes each in arrays). */
    static final long MAX_SAMPLES_PER_ANSWER = 2_000_000;
    /** What a range chunk aims at, so that a large answer is a few, not one too large to take. */
    static final long CHUNK_SAMPLES = 250_000;
    /** Firing alerts are told again this often, so that the queue does not take them for stale. */
    static final long ALERTS_RETOLD_MS = 600_000;

    /** How a source is set up (sources.yaml's {@code prometheus:} entries). */
    public record Settings(String name, PrometheusEndpoint endpoint, List<PrometheusQuery> queries,
                           Duration interval, Duration maxBackfill, LabelMapping labels, boolean alerts) {
        public Settings(String name, PrometheusEndpoint endpoint, List<PrometheusQuery> queries, Duration interval,
                        Duration maxBackfill, LabelMapping labels) {
            this(name, endpoint, queries, interval, maxBackfill, labels, false);
        }

        public Settings {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(endpoint, "endpoint");
            queries = List.copyOf(queries);
            Objects.requireNonNull(labels, "labels");
            if (queries.isEmpty()) {
                throw new IllegalArgumentException("a Prometheus source needs at least one query");
            }
            if (interval.toMillis() < 1000 || maxBackfill.isNegative()) {
                throw new IllegalArgumentException("the interval must be 1 s or more, the backfill not negative");
            }
        }
    }

    private final Settings settings;
    private final PrometheusClient client;
    private final NewestSamples newest;
    private final HistorySink history;
    private final Clock clock;
    private final long step;
    private final SourceThread thread;
    private final AtomicLong produced = new AtomicLong();
    /** Per query: the next time to evaluate it at; where its series in the console end, plus a step. */
    private final long[] next;
    /** Per query: series in its last answer, to size the next range chunk; -1 before the first. */
    private final int[] seriesSeen;
    /** Per query: the most steps a range chunk may have; halved when an answer is too large or too slow. */
    private final long[] stepLimit;
    private volatile SourceStatus status = SourceStatus.starting();
    private final AlertIntake alertIntake;
    /** Its alerts firing as last told to the intake; null before the first poll. */
    private Map<Labels, ReceivedAlert> firing;
    /** When every firing alert was last told; 0 before the first poll (all are told then). */
    private long lastFullTellMs;

    public PrometheusSource(Settings settings, NewestSamples newest, HistorySink history, Clock clock) {
        this(settings, newest, history, clock, null);
    }

    /** With {@code alertIntake}: the server's firing alerts join the console's queue when the settings say so. */
    public PrometheusSource(Settings settings, NewestSamples newest, HistorySink history, Clock clock,
                            AlertIntake alertIntake) {
        this.alertIntake = alertIntake;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.newest = Objects.requireNonNull(newest, "newest");
        this.history = Objects.requireNonNull(history, "history");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.client = new PrometheusClient(settings.endpoint(), MAX_SAMPLES_PER_ANSWER);
        this.step = settings.interval().toMillis();
        this.thread = new SourceThread("pharos-prometheus-" + settings.name());
        this.next = new long[settings.queries().size()];
        this.seriesSeen = new int[settings.queries().size()];
        this.stepLimit = new long[settings.queries().size()];
        java.util.Arrays.fill(seriesSeen, -1);
        java.util.Arrays.fill(stepLimit, PrometheusClient.MAX_POINTS_PER_SERIES - 1);
    }

    @Override
    public String name() {
        return settings.name();
    }

    @Override
    public void start(SampleSink sink) {
        thread.start(() -> run(sink));
    }

    private void run(SampleSink sink) {
        begin();
        while (thread.running()) {
            try {
                long t = align(clock.millis());
                cycle(sink, t);
                long wake = t + step;
                Thread.sleep(Math.max(0, wake - clock.millis()));
            } catch (InterruptedException e) {
                break;
            } catch (RuntimeException e) {
                LOG.error("Prometheus source {} failed here, not at the server; it tries again", name(), e);
                status = new SourceStatus(State.FAILED, produced.get(), status.lastSampleAtMs(),
                        PeerProblem.of(e, settings.endpoint().where()).message());
                try {
                    Thread.sleep(step);
                } catch (InterruptedException stop) {
                    break;
                }
            }
        }
        status = new SourceStatus(State.STOPPED, produced.get(), status.lastSampleAtMs(), "");
    }

    /** Sets where each query starts: after the newest sample the console holds of this source, or the backfill's start. */
    void begin() {
        long oldest = align(clock.millis() - settings.maxBackfill().toMillis());
        long stored = newest.newestOf(LabelMapping.SOURCE_LABEL, settings.name());
        long first = stored == Long.MIN_VALUE ? oldest : Math.max(oldest, align(stored) + step);
        java.util.Arrays.fill(next, first);
    }

    /** Brings every query up to time {@code t}: an instant query for one step, range queries for more. */
    void cycle(SampleSink sink, long t) throws InterruptedException {
        List<String> problems = new ArrayList<>();
        int series = 0;
        int answering = 0;
        for (int q = 0; q < next.length; q++) {
            PrometheusQuery query = settings.queries().get(q);
            try {
                while (next[q] <= t) {
                    long from = Math.max(next[q], align(t - settings.maxBackfill().toMillis()));
                    // the first question is one step: how many series the query has sizes the chunks after it
                    long steps = seriesSeen[q] < 0 ? 1 : Math.min(stepLimit[q],
                            Math.max(1, CHUNK_SAMPLES / Math.max(1, seriesSeen[q])));
                    long to = Math.min(t, from + (steps - 1) * step);
                    Answer answer = new Answer(query);
                    QueryAnswerReader.Summary summary;
                    try {
                        summary = from == to ? client.query(query.expr(), to, answer)
                                : client.queryRange(query.expr(), from, to, step, answer);
                    } catch (PrometheusException e) {
                        // Too large or too slow: the same range in halves, so that a gap never stays too large
                        // to fill. At once when too large (that failure is quick), at the next cycle when slow.
                        boolean slow = e.problem().kind() == PeerProblem.Kind.SLOW;
                        if (from < to && (e.tooLarge() || slow)) {
                            stepLimit[q] = Math.max(1, (to - from) / step / 2);
                            if (e.tooLarge()) {
                                continue;
                            }
                        }
                        throw e;
                    }
                    answer.deliver(sink);
                    seriesSeen[q] = summary.series();
                    next[q] = to + step;
                    if (answer.unnamed > 0) {
                        throw new PrometheusException(new PeerProblem(PeerProblem.Kind.ANSWERED_ERROR, "The query "
                                + query + " gives series without a name: give it a record name in the source"));
                    }
                    if (answer.refusedLabels != null) {
                        problems.add("query " + query + ": " + answer.refusedLabels);
                    }
                }
                stepLimit[q] = PrometheusClient.MAX_POINTS_PER_SERIES - 1;
                series += Math.max(0, seriesSeen[q]);
                answering++;
            } catch (PrometheusException e) {
                problems.add(e.getMessage());
            }
        }
        if (settings.alerts() && alertIntake == null) {
            problems.add("Its alerts are not received: alerting is off (--no-alerting).");
        } else if (settings.alerts()) {
            try {
                pollAlerts(clock.millis());
            } catch (PrometheusException e) {
                problems.add("Its alerts: " + e.getMessage());
            }
        }
        report(t, series, answering, problems);
    }

    /**
     * The server's firing alerts (api/v1/alerts) to the alert queue, labels mapped as its series':
     * those new since the last poll, those gone as resolved, and every ten minutes all of them (the
     * queue lets alerts not heard of for a while go).
     */
    synchronized void pollAlerts(long nowMs) throws PrometheusException, InterruptedException {
        com.fasterxml.jackson.databind.JsonNode data = client.alerts();
        String origin = "Prometheus " + settings.name();
        if (firing == null) {
            firing = new HashMap<>();
            for (Labels l : alertIntake.firingFrom(origin)) {
                firing.put(l, null); // told before a restart: resolved below if the server no longer has it
            }
        }
        Map<Labels, ReceivedAlert> now = new LinkedHashMap<>();
        for (com.fasterxml.jackson.databind.JsonNode a : data.path("alerts")) {
            if (!"firing".equals(a.path("state").asText())) {
                continue; // pending: not yet an alert anyone is told of
            }
            Map<String, String> labels = new TreeMap<>();
            a.path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
            Map<String, String> annotations = new TreeMap<>();
            a.path("annotations").properties().forEach(e -> annotations.put(e.getKey(), e.getValue().asText()));
            if (!labels.containsKey(ReceivedAlert.ALERTNAME)) {
                continue;
            }
            Labels mapped;
            try {
                mapped = settings.labels().key(settings.name(), "ALERTS", labels).labels();
            } catch (IllegalArgumentException e) {
                continue; // a label the console cannot hold; said for series already
            }
            long starts = nowMs;
            try {
                starts = java.time.Instant.parse(a.path("activeAt").asText()).toEpochMilli();
            } catch (java.time.format.DateTimeParseException unknown) {
                // no start given: now
            }
            now.put(mapped, new ReceivedAlert(origin, mapped, annotations, starts, Long.MAX_VALUE,
                    settings.endpoint().url().newBuilder().username("").password("").addPathSegment("alerts").build()
                            .toString(), nowMs));
        }
        boolean full = lastFullTellMs == 0 || nowMs - lastFullTellMs >= ALERTS_RETOLD_MS;
        List<ReceivedAlert> tell = new ArrayList<>();
        for (ReceivedAlert r : now.values()) {
            if (full || !firing.containsKey(r.labels())) {
                tell.add(r);
            }
        }
        for (var gone : firing.entrySet()) {
            if (!now.containsKey(gone.getKey())) {
                ReceivedAlert was = gone.getValue();
                tell.add(new ReceivedAlert(origin, gone.getKey(), was == null ? Map.of() : was.annotations(),
                        was == null ? nowMs : was.startsAtMs(), nowMs, was == null ? "" : was.generatorUrl(), nowMs));
            }
        }
        if (!tell.isEmpty()) {
            alertIntake.receive(tell);
        }
        if (full) {
            lastFullTellMs = nowMs;
        }
        firing = now;
    }

    private void report(long t, int series, int answering, List<String> problems) {
        int queries = next.length;
        long n = produced.get();
        long last = answering > 0 ? clock.millis() : status.lastSampleAtMs();
        if (problems.isEmpty()) {
            status = new SourceStatus(State.RUNNING, n, last, series + " series from " + queries + " quer"
                    + (queries == 1 ? "y" : "ies") + " every " + settings.interval().toSeconds() + " s, from "
                    + settings.endpoint().where());
            return;
        }
        String first = problems.getFirst() + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "");
        if (!first.equals(status.message())) {
            LOG.warn("Prometheus source {}: {}", name(), first);
        }
        String message = answering == 0 ? first : answering == queries ? series + " series from " + queries + " quer"
                + (queries == 1 ? "y" : "ies") + "; " + first : answering + " of " + queries + " queries answer. " + first;
        status = new SourceStatus(answering == 0 ? State.FAILED : State.RUNNING, n, last, message);
    }

    private long align(long ms) {
        return Math.floorDiv(ms, step) * step;
    }

    @Override
    public void stop() {
        thread.stop(() -> { });
    }

    /**
     * Tells the queue that the alerts this source told are over: for a source removed from the
     * settings, or told to leave its alerts out (a console that closes keeps them: they fire on).
     */
    public synchronized void resolveItsAlerts() {
        if (alertIntake == null) {
            return;
        }
        String origin = "Prometheus " + settings.name();
        long now = clock.millis();
        List<ReceivedAlert> over = new ArrayList<>();
        java.util.Collection<Labels> told = firing != null ? firing.keySet() : alertIntake.firingFrom(origin);
        for (Labels l : told) {
            ReceivedAlert was = firing == null ? null : firing.get(l);
            over.add(new ReceivedAlert(origin, l, was == null ? Map.of() : was.annotations(),
                    was == null ? now : was.startsAtMs(), now, was == null ? "" : was.generatorUrl(), now));
        }
        if (!over.isEmpty()) {
            alertIntake.receive(over);
        }
        firing = new HashMap<>();
    }

    @Override
    public SourceStatus status() {
        return status;
    }

    /** One answer's series, as the console's: live ones into a batch, those older than the live path into history. */
    private final class Answer implements QueryAnswerReader.SeriesConsumer {
        private final PrometheusQuery query;
        private final SampleBatch.Builder batch = SampleBatch.builder(256);
        private final List<Late> late = new ArrayList<>();
        private final long floor = history.liveFloorMs();
        int unnamed;
        String refusedLabels;

        Answer(PrometheusQuery query) {
            this.query = query;
        }

        @Override
        public void series(Map<String, String> metric, long[] ts, double[] values, int count) {
            SeriesKey key;
            try {
                key = settings.labels().key(settings.name(), query.record(), metric);
            } catch (IllegalArgumentException e) {
                if (query.record() == null && !metric.containsKey("__name__")) {
                    unnamed++;
                } else if (refusedLabels == null) {
                    refusedLabels = "a series is left out: " + e.getMessage();
                }
                return;
            }
            int live = 0;
            while (live < count && ts[live] < floor) {
                live++;
            }
            if (live > 0) {
                late.add(new Late(key, ts, values, live));
            }
            for (int i = live; i < count; i++) {
                batch.add(key, ts[i], values[i]);
            }
        }

        void deliver(SampleSink sink) throws InterruptedException {
            long n = 0;
            for (Late l : late) {
                history.write(l.key, l.timestampsMs, l.values, l.count);
                n += l.count;
            }
            if (batch.size() > 0) {
                sink.accept(batch.build());
                n += batch.size();
            }
            produced.addAndGet(n);
        }
    }

    /** Samples of one series older than the live path takes: the answer's own arrays, not copied. */
    private record Late(SeriesKey key, long[] timestampsMs, double[] values, int count) {
    }
}
