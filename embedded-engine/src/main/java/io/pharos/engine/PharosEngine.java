package io.pharos.engine;

import io.pharos.engine.ingest.IngestPipeline;
import io.pharos.engine.ingest.RateMeter;
import io.pharos.engine.ingest.Source;
import io.pharos.engine.alerting.notify.NotificationConfig;
import io.pharos.engine.incident.AutomatedResponses;
import io.pharos.engine.pipeline.AlertingRuntime;
import io.pharos.engine.query.QueryService;
import io.pharos.engine.rules.LoadedRules;
import io.pharos.engine.rules.StoreSeriesSource;
import io.pharos.engine.store.StoreOptions;
import io.pharos.engine.store.StoreStats;
import io.pharos.engine.store.TimeSeriesStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The engine as one object: the store, the ingest pipeline, the running sources, the query
 * service and, once started, alerting. The app module creates one and passes it on; there is no global instance.
 */
public final class PharosEngine implements AutoCloseable {
    private final TimeSeriesStore store;
    private final IngestPipeline ingest;
    private final QueryService query;
    private final List<Source> sources = new CopyOnWriteArrayList<>();
    private final RateMeter rate = new RateMeter(10_000);
    private final Clock clock;
    private final Path dataDir;
    private volatile AlertingRuntime alerting;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private PharosEngine(Path dataDir, TimeSeriesStore store, Clock clock) {
        this.dataDir = dataDir;
        this.store = store;
        this.ingest = new IngestPipeline(store::appender);
        this.query = new QueryService(store);
        this.clock = clock;
    }

    /** Opens the store in the data directory; see {@link TimeSeriesStore#open} for the errors. */
    public static PharosEngine open(Path dataDir, StoreOptions options) {
        return new PharosEngine(dataDir, TimeSeriesStore.open(dataDir, options), options.clock());
    }

    /**
     * Starts alerting: rules evaluated over the store every second, state in the data directory's
     * state file (restored first), notifications as configured, no automated responses. Rule file
     * problems are in the status.
     */
    public AlertingRuntime startAlerting(LoadedRules rules, NotificationConfig notifications) {
        return startAlerting(rules, notifications, AutomatedResponses.none());
    }

    /**
     * Starts alerting with incidents' automated responses as {@code responses} chooses; they read the
     * metrics of real systems from the store.
     */
    public synchronized AlertingRuntime startAlerting(LoadedRules rules, NotificationConfig notifications,
            AutomatedResponses responses) {
        AlertingRuntime a = openAlerting(rules, notifications, responses);
        a.start();
        return a;
    }

    /**
     * Alerting as {@link #startAlerting} sets it up, but not started: nothing is evaluated or delivered
     * until the caller runs its passes, at the times it chooses (the console's user-flow tests).
     */
    public synchronized AlertingRuntime openAlerting(LoadedRules rules, NotificationConfig notifications,
            AutomatedResponses responses) {
        if (alerting != null) {
            throw new IllegalStateException("alerting is already running");
        }
        alerting = new AlertingRuntime(dataDir, rules, notifications, new StoreSeriesSource(store), ingest, store,
                responses, clock);
        return alerting;
    }

    /** Alerting, when started. */
    public Optional<AlertingRuntime> alerting() {
        return Optional.ofNullable(alerting);
    }

    /** Starts a source feeding the ingest pipeline. */
    public void start(Source source) {
        sources.add(source);
        source.start(ingest);
    }

    /**
     * Stops a source started here and forgets it (a source removed or changed in the console's
     * settings); what it took stays in the store. Returns false when it was not running here.
     */
    public boolean stop(Source source) {
        if (!sources.remove(source)) {
            return false;
        }
        source.stop();
        return true;
    }

    public QueryService query() {
        return query;
    }

    /** Writes snapshots of the store and, when alerting runs, of its state (docs/snapshots.md). */
    public io.pharos.engine.snapshot.SnapshotExporter snapshotExporter() {
        AlertingRuntime a = alerting;
        return a == null ? new io.pharos.engine.snapshot.SnapshotExporter(store, null, clock)
                : new io.pharos.engine.snapshot.SnapshotExporter(store, a.stateStore(), a::alerts, clock);
    }

    /** Late samples (a backfill older than the live path takes) straight into chunks. */
    public io.pharos.engine.ingest.HistorySink historySink() {
        return new io.pharos.engine.ingest.HistorySink() {
            @Override
            public long liveFloorMs() {
                return store.liveFloorMs();
            }

            @Override
            public void write(io.pharos.engine.model.SeriesKey key, long[] ts, double[] values, int count) {
                try (io.pharos.engine.store.HistoryWriter w = store.historyWriter()) {
                    w.appendSeries(key, ts, values, count);
                }
            }
        };
    }

    public TimeSeriesStore store() {
        return store;
    }

    public IngestPipeline ingest() {
        return ingest;
    }

    /** An immutable picture of the engine now, for the status screen. */
    public EngineStatus status() {
        long now = clock.millis();
        IngestPipeline.IngestStats in = ingest.stats();
        StoreStats st = store.stats();
        List<EngineStatus.SourceInfo> infos = sources.stream()
                .map(s -> new EngineStatus.SourceInfo(s.name(), s.simulated(), s.status()))
                .toList();
        return new EngineStatus(now, infos, st.series(), in.samplesCommitted(), rate.observe(now, in.samplesCommitted()),
                in.samplesQueued(), st.headBytes(), st.fileBytes(), in.lastError(),
                alerting == null ? null : alerting.status());
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // Sources first: a webhook received now would meet a closed alert state.
        for (Source s : sources) {
            s.stop();
        }
        if (alerting != null) {
            alerting.close();
        }
        ingest.close();
        store.close();
    }
}
