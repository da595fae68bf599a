package io.pharos.engine.snapshot;

import io.pharos.engine.alerting.AlertStateStore;
import io.pharos.engine.dashboard.ExecutiveSummary;
import io.pharos.engine.incident.IncidentService;
import io.pharos.engine.store.SeriesRef;
import io.pharos.engine.store.SnapshotFileWriter;
import io.pharos.engine.store.SnapshotSeries;
import io.pharos.engine.store.StateStore;
import io.pharos.engine.store.TimeSeriesStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * Writes what the console shows over a time range into one snapshot file (docs/snapshots.md): every
 * series with samples in the range, at the chosen resolution ({@link SnapshotSeries#fromStore} says how a
 * step is kept), and the state the alert queue
 * and the incident screens read. Nothing of notification delivery is copied: its records hold
 * receivers' addresses and tokens.
 */
public final class SnapshotExporter {

    /** Where an export is; called after each series, from the exporting thread. */
    @FunctionalInterface
    public interface Progress {
        void update(int seriesDone, int seriesTotal, long samples);
    }

    /** The snapshot written: its manifest, its digest, where it is and its size. */
    public record Result(Manifest manifest, String sha256, Path file, long fileBytes) {
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SnapshotExporter.class);
    /** A range ending this close to the export ends "now": its queue is the one shown. */
    static final long QUEUE_NOW_WITHIN_MS = 60_000;
    private final TimeSeriesStore store;
    private final StateStore state;
    private final java.util.function.Supplier<List<io.pharos.engine.pipeline.AlertRow>> queue;
    private final Clock clock;
    private final java.util.function.Supplier<List<io.pharos.engine.fleet.FleetAdjustment>> fleet;

    /** @param state the state file, or null when there is none (alerting not running) */
    public SnapshotExporter(TimeSeriesStore store, StateStore state, Clock clock) {
        this(store, state, List::of, clock);
    }

    /**
     * This exporter, also writing the simulated fleet's adjustments ({@link SnapshotFleet}): for a console
     * that runs the fleet, whose regional screen shows them.
     */
    public SnapshotExporter withFleet(java.util.function.Supplier<List<io.pharos.engine.fleet.FleetAdjustment>> fleet) {
        return new SnapshotExporter(store, state, queue, java.util.Objects.requireNonNull(fleet, "fleet"), clock);
    }

    /** @param queue the alert queue as the console shows it now ({@link SnapshotQueue}) */
    public SnapshotExporter(TimeSeriesStore store, StateStore state,
                            java.util.function.Supplier<List<io.pharos.engine.pipeline.AlertRow>> queue, Clock clock) {
        this(store, state, queue, null, clock);
    }

    private SnapshotExporter(TimeSeriesStore store, StateStore state,
                             java.util.function.Supplier<List<io.pharos.engine.pipeline.AlertRow>> queue,
                             java.util.function.Supplier<List<io.pharos.engine.fleet.FleetAdjustment>> fleet, Clock clock) {
        this.store = store;
        this.state = state;
        this.queue = queue;
        this.fleet = fleet;
        this.clock = clock;
    }

    /**
     * Exports; the file appears at {@code out} complete or not at all. Throws {@link CancellationException}
     * when {@code cancelled} turns true (checked between series), a {@code SnapshotFileException} when the
     * file cannot be written.
     */
    public Result export(ExportRequest request, Path out, Progress progress, BooleanSupplier cancelled) {
        long step = request.resolutionMs();
        long from = step == 0 ? request.fromMs() : Math.floorDiv(request.fromMs(), step) * step;
        long to = request.toMs();
        List<SeriesRef> all = store.select(List.of());
        // Reading and encoding a series is most of the work: done on every core, in order of the series,
        // while this thread writes the file (SQLite has one writer).
        int workers = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "pharos-snapshot-export");
            t.setDaemon(true);
            return t;
        });
        // The executive figures as the console shows them for this range, from the whole store (their
        // trends and error budget read before the range): computed beside the series.
        Future<ExecutiveSummary> summary = pool.submit(() -> summarize(request, from, to));
        Deque<Future<SnapshotSeries>> inFlight = new ArrayDeque<>();
        boolean simulated = false;
        boolean real = false;
        try (SnapshotFileWriter w = SnapshotFileWriter.create(out)) {
            long samples = 0;
            int submitted = 0;
            for (int done = 0; done < all.size(); done++) {
                while (submitted < all.size() && inFlight.size() < 8 * workers) {
                    SeriesRef ref = all.get(submitted++);
                    inFlight.add(pool.submit(() -> SnapshotSeries.fromStore(store, ref, from, to, step)));
                }
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("export cancelled");
                }
                SnapshotSeries s = next(inFlight.poll());
                if (s != null && request.redaction() != null) {
                    s = s.withKey(request.redaction().key(s.key()));
                }
                if (s != null) {
                    simulated |= s.key().simulated();
                    real |= !s.key().simulated();
                    w.add(s);
                    samples += s.samples() + s.buckets();
                }
                progress.update(done + 1, all.size(), samples);
            }
            List<StateStore.Record> settings = new java.util.ArrayList<>(
                    SnapshotSettings.records(request.settings(), clock.millis()));
            ExecutiveSummary shown = recorded(summary);
            if (shown != null) {
                settings.add(SnapshotSummary.record(shown, clock.millis()));
            }
            if (fleet != null) {
                settings.add(SnapshotFleet.record(fleet.get(), to, clock.millis()));
            }
            copyState(w, from, to, request.redaction(), settings, queueAt(request, to));
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("export cancelled");
            }
            SnapshotFileWriter.Content c = w.content();
            Manifest manifest = new Manifest(Manifest.FORMAT, 1, "Pharos", request.applicationVersion(),
                    Instant.now(clock).truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString(), request.zone().getId(), from, to, step,
                    sources(request.sources(), simulated, real),
                    new Manifest.Content(c.series(), c.chunks(), c.samples(), c.rollups(), c.buckets(), c.records(),
                            c.logs()),
                    request.note(), request.redaction() == null ? null : request.redaction().describe());
            SnapshotKeys.SigningKey key = request.signingKey();
            String sha256 = w.commit(ManifestJson.write(manifest), key == null ? null : key::sign);
            return new Result(manifest, sha256, out, sizeOf(out));
        } finally {
            inFlight.forEach(f -> f.cancel(true));
            pool.shutdownNow();
            // A worker still reading when the caller goes on to close the store would fail in it.
            try {
                pool.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private ExecutiveSummary summarize(ExportRequest request, long from, long to) {
        if (to <= from) {
            return null;
        }
        List<io.pharos.engine.incident.Incident> incidents = state == null ? List.of()
                : state.read(IncidentService::all);
        io.pharos.engine.dashboard.DashboardConfig config = request.settings().dashboard() == null
                ? io.pharos.engine.dashboard.DashboardConfig.DEFAULTS : request.settings().dashboard();
        return new io.pharos.engine.dashboard.DashboardService(new io.pharos.engine.query.QueryService(store),
                state == null ? io.pharos.engine.dashboard.IncidentSource.NOT_TRACKED : () -> incidents, config)
                .summarize(from, to);
    }

    /** The figures computed beside the export; null (and a warning) when they could not be. */
    private static ExecutiveSummary recorded(Future<ExecutiveSummary> summary) {
        try {
            return summary.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("export interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.warn("The executive figures could not be computed for the snapshot; a console opening it computes"
                    + " them from its data (no trends): {}", e.getCause().toString());
            return null;
        }
    }

    /**
     * The sources named by the caller (the console's running ones), and what the data itself says: a
     * simulated series means the simulated reference fleet, whether or not it runs now (history).
     */
    static List<Manifest.Source> sources(List<Manifest.Source> named, boolean simulated, boolean real) {
        List<Manifest.Source> out = new java.util.ArrayList<>(named);
        if (simulated && out.stream().noneMatch(Manifest.Source::simulated)) {
            out.add(new Manifest.Source("simulated reference fleet", true));
        }
        if (real && out.stream().allMatch(Manifest.Source::simulated)) {
            out.add(new Manifest.Source("stored history", false));
        }
        return out;
    }

    private static SnapshotSeries next(Future<SnapshotSeries> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("export interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * The alert queue the snapshot keeps: as shown now when its range ends now (within a minute), else as
     * it stood at the range's end, rebuilt from the alert history (docs/snapshots.md).
     */
    private List<io.pharos.engine.pipeline.AlertRow> queueAt(ExportRequest request, long to) {
        if (state == null || to >= clock.millis() - QUEUE_NOW_WITHIN_MS) {
            return queue.get();
        }
        return state.read(r -> io.pharos.engine.pipeline.SavedQueue.asOf(r, request.settings().rules(), to,
                state.file().toString()));
    }

    private void copyState(SnapshotFileWriter w, long from, long to, Redaction redaction,
                           List<StateStore.Record> settings, List<io.pharos.engine.pipeline.AlertRow> queueRows) {
        UnaryOperator<String> text = redaction == null ? t -> t : redaction::text;
        List<StateStore.Record> records = new java.util.ArrayList<>(settings);
        records.addAll(SnapshotQueue.records(queueRows, clock.millis()));
        List<StateStore.LogEntry> logs = new java.util.ArrayList<>();
        if (state != null) {
            state.read(r -> {
                for (String kind : concat(AlertStateStore.SNAPSHOT_RECORD_KINDS, IncidentService.SNAPSHOT_RECORD_KINDS)) {
                    records.addAll(r.list(kind));
                }
                for (String kind : AlertStateStore.SNAPSHOT_LOG_KINDS) {
                    logs.addAll(r.log(kind, null, from, to + 1, Integer.MAX_VALUE));
                }
                for (String kind : IncidentService.SNAPSHOT_LOG_KINDS) {
                    logs.addAll(r.log(kind, null, Long.MIN_VALUE, Long.MAX_VALUE, Integer.MAX_VALUE));
                }
                return null;
            });
        }
        // In the record table's order (kind, then key, bytewise), which the writer's digest asks for;
        // pseudonyms in keys change that order, so it is sorted after redaction.
        records.stream()
                .map(rec -> new StateStore.Record(rec.kind(), text.apply(rec.key()), rec.updatedMs(), text.apply(rec.body())))
                .sorted((a, b) -> {
                    int byKind = java.util.Arrays.compareUnsigned(utf8(a.kind()), utf8(b.kind()));
                    return byKind != 0 ? byKind : java.util.Arrays.compareUnsigned(utf8(a.key()), utf8(b.key()));
                })
                .forEach(rec -> w.addRecord(rec.kind(), rec.key(), rec.updatedMs(), rec.body()));
        for (StateStore.LogEntry e : logs) {
            w.addLog(e.kind(), text.apply(e.key()), e.ts(), text.apply(e.body()));
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    /** A file's size, -1 when it cannot be read (shown, never computed with). */
    static long sizeOf(Path p) {
        try {
            return java.nio.file.Files.size(p);
        } catch (java.io.IOException e) {
            return -1;
        }
    }
}
