package io.pharos.engine.snapshot;

import io.pharos.engine.EngineStatus;
import io.pharos.engine.alerting.AlertHistoryEntry;
import io.pharos.engine.alerting.AlertState;
import io.pharos.engine.alerting.AlertStateStore;
import io.pharos.engine.alerting.Silence;
import io.pharos.engine.dashboard.DashboardService;
import io.pharos.engine.dashboard.ExecutiveSummary;
import io.pharos.engine.dashboard.IncidentSource;
import io.pharos.engine.incident.Incident;
import io.pharos.engine.incident.IncidentReader;
import io.pharos.engine.incident.IncidentService;
import io.pharos.engine.ingest.SourceStatus;
import io.pharos.engine.model.Labels;
import io.pharos.engine.pipeline.AlertRow;
import io.pharos.engine.pipeline.AlertingRuntime;
import io.pharos.engine.pipeline.AlertingState;
import io.pharos.engine.pipeline.AlertingStatus;
import io.pharos.engine.query.QueryService;
import io.pharos.engine.rules.RuleGroup;
import io.pharos.engine.store.SnapshotFileReader;
import io.pharos.engine.store.SnapshotSeriesReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A snapshot opened read-only for reading as the console reads the engine: its manifest, a query
 * service over its series, its incidents, alerts and silences, and the dashboard's figures over its
 * range. Nothing is written, to the file or anywhere; opening does not check the digest (that reads
 * the whole file: {@link SnapshotInspection}).
 */
public final class OpenedSnapshot implements AutoCloseable {
    private final Path file;
    private final SnapshotFileReader reader;
    private final java.util.concurrent.atomic.AtomicBoolean closing;
    private final Manifest manifest;
    private final QueryService query;
    private final List<Incident> incidents;
    private final Alerting alerting;
    private final java.util.Optional<ExecutiveSummary> recorded;
    private final java.util.Optional<List<io.pharos.engine.fleet.FleetAdjustment>> adjustments;

    private OpenedSnapshot(Path file, SnapshotFileReader reader, java.util.concurrent.atomic.AtomicBoolean closing) {
        this.file = file;
        this.closing = closing;
        this.reader = reader;
        this.manifest = ManifestJson.read(reader.manifestJson(), file);
        this.query = new QueryService(new SnapshotSeriesReader(reader));
        this.incidents = IncidentService.all(reader.state());
        this.recorded = SnapshotSummary.read(reader.state(), file.toString())
                .filter(r -> r.fromMs() == manifest.fromMs() && r.toMs() == manifest.toMs());
        this.adjustments = SnapshotFleet.read(reader.state(), file.toString());
        List<RuleGroup> groups = SnapshotSettings.ruleGroups(reader.state(), file.toString());
        this.alerting = new Alerting(SnapshotQueue.read(reader.state(), file.toString()),
                AlertStateStore.silences(reader.state(), file.toString()), groups);
    }

    /**
     * Opens {@code file}; a {@code SnapshotFileException} says why it cannot be. Its reads stop when
     * {@code limits} cancels them or when it is closed.
     */
    public static OpenedSnapshot open(Path file, SnapshotFileReader.Limits limits) {
        java.util.concurrent.atomic.AtomicBoolean closing = new java.util.concurrent.atomic.AtomicBoolean();
        SnapshotFileReader r = SnapshotFileReader.open(file, new SnapshotFileReader.Limits(limits.perRead(),
                () -> closing.get() || limits.cancelled().getAsBoolean()));
        try {
            return new OpenedSnapshot(file, r, closing);
        } catch (RuntimeException e) {
            r.close();
            throw e;
        }
    }

    public Path file() {
        return file;
    }

    public Manifest manifest() {
        return manifest;
    }

    public QueryService query() {
        return query;
    }

    public List<Incident> incidents() {
        return incidents;
    }

    /** Its incidents with their timelines and actions, read as the console reads them; nothing to change. */
    public IncidentReader incidentReader() {
        return IncidentService.reading(reader.state());
    }

    public List<AlertStateStore.SavedAlert> alerts() {
        return AlertStateStore.savedAlerts(reader.state());
    }

    /** The rules it holds, "group/name" to their definition (empty for a snapshot without them). */
    public java.util.Map<String, String> rules() {
        return SnapshotSettings.rules(reader.state());
    }

    public List<Silence> silences() {
        return alerting.silences();
    }

    /** The alerts, silences and rules as the console showed them at export; nothing to act on. */
    public AlertingState alerting() {
        return alerting;
    }

    /**
     * The engine's status as the snapshot tells it: its sources (recorded), its series and samples, the
     * file's size and its alerts; as of the end of its range.
     */
    public EngineStatus status() {
        List<EngineStatus.SourceInfo> sources = manifest.sources().stream()
                .map(s -> new EngineStatus.SourceInfo(s.name(), s.simulated(), new SourceStatus(
                        SourceStatus.State.RECORDED, 0, manifest.toMs(), "recorded in this snapshot")))
                .toList();
        List<AlertRow> rows = alerting.alerts();
        int firing = (int) rows.stream().filter(r -> r.alert().alert().state() == AlertState.FIRING).count();
        int pending = (int) rows.stream().filter(r -> r.alert().alert().state() == AlertState.PENDING).count();
        AlertingStatus a = new AlertingStatus(alerting.ruleCount(), List.of(), firing, pending, List.of(),
                manifest.toMs(), 0);
        Manifest.Content c = manifest.content();
        return new EngineStatus(manifest.toMs(), sources, (int) Math.min(Integer.MAX_VALUE, c.series()),
                c.samples() + c.buckets(), 0, 0, 0, SnapshotExporter.sizeOf(file), null, a);
    }

    /** The alert state a snapshot holds: fixed, read once when it is opened (history on demand). */
    private final class Alerting implements AlertingState {
        private final List<AlertRow> rows;
        private final List<Silence> silences;
        private final List<RuleGroup> groups;
        private final int ruleCount;

        Alerting(List<AlertRow> rows, List<Silence> silences, List<RuleGroup> groups) {
            this.rows = List.copyOf(rows);
            this.silences = List.copyOf(silences);
            this.groups = List.copyOf(groups);
            this.ruleCount = groups.stream().mapToInt(g -> g.rules().size()).sum();
        }

        @Override
        public List<AlertRow> alerts() {
            return rows;
        }

        @Override
        public List<Silence> silences() {
            return silences;
        }

        @Override
        public List<RuleGroup> ruleGroups() {
            return groups;
        }

        @Override
        public int ruleCount() {
            return ruleCount;
        }

        @Override
        public List<AlertHistoryEntry> history(Labels alert, long fromMs, long toMs, int limit) {
            return AlertStateStore.history(reader.state(), alert, fromMs, toMs, limit, file.toString());
        }

        @Override
        public Optional<AlertingRuntime> runtime() {
            return Optional.empty();
        }
    }

    /**
     * The simulated fleet's adjustments in force by the end of its range (scaling events, weights);
     * empty when the fleet did not run at export.
     */
    public java.util.Optional<List<io.pharos.engine.fleet.FleetAdjustment>> adjustments() {
        return adjustments;
    }

    /**
     * The executive figures over its range as the console showed them at export (trends and error
     * budget included, which read data before the range); empty for a file without them.
     */
    public java.util.Optional<ExecutiveSummary> recordedSummary() {
        return recorded;
    }

    /**
     * The dashboard over the snapshot, as the console reads it: its range's figures as recorded at export
     * when it holds them, any other range computed from its data.
     */
    public DashboardService dashboard() {
        IncidentSource source = () -> incidents;
        DashboardService computed = new DashboardService(query, source);
        return recorded.map(computed::withRecorded).orElse(computed);
    }

    /** The executive dashboard's figures over the snapshot's whole range, computed from what it holds. */
    public ExecutiveSummary summary() {
        IncidentSource source = () -> incidents;
        return new DashboardService(query, source).summarize(manifest.fromMs(), manifest.toMs());
    }

    /** Stops a read under way (it ends in a SnapshotFileException), then closes the file. */
    @Override
    public void close() {
        closing.set(true);
        reader.close();
    }
}
