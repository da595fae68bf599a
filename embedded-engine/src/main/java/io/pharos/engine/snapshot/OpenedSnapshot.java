package io.pharos.engine.snapshot;

import io.pharos.engine.alerting.AlertStateStore;
import io.pharos.engine.alerting.Silence;
import io.pharos.engine.dashboard.DashboardService;
import io.pharos.engine.dashboard.ExecutiveSummary;
import io.pharos.engine.dashboard.IncidentSource;
import io.pharos.engine.incident.Incident;
import io.pharos.engine.incident.IncidentService;
import io.pharos.engine.query.QueryService;
import io.pharos.engine.store.SnapshotFileReader;
import io.pharos.engine.store.SnapshotSeriesReader;
import java.nio.file.Path;
import java.util.List;

/**
 * A snapshot opened read-only for reading as the console reads the engine: its manifest, a query
 * service over its series, its incidents, alerts and silences, and the dashboard's figures over its
 * range. Nothing is written, to the file or anywhere; opening does not check the digest (that reads
 * the whole file: {@link SnapshotInspection}).
 */
public final class OpenedSnapshot implements AutoCloseable {
    private final Path file;
    private final SnapshotFileReader reader;
    private final Manifest manifest;
    private final QueryService query;
    private final List<Incident> incidents;

    private OpenedSnapshot(Path file, SnapshotFileReader reader) {
        this.file = file;
        this.reader = reader;
        this.manifest = ManifestJson.read(reader.manifestJson(), file);
        this.query = new QueryService(new SnapshotSeriesReader(reader));
        this.incidents = IncidentService.all(reader.state());
    }

    /** Opens {@code file}; a {@code SnapshotFileException} says why it cannot be. */
    public static OpenedSnapshot open(Path file, SnapshotFileReader.Limits limits) {
        SnapshotFileReader r = SnapshotFileReader.open(file, limits);
        try {
            return new OpenedSnapshot(file, r);
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

    public List<AlertStateStore.SavedAlert> alerts() {
        return AlertStateStore.savedAlerts(reader.state());
    }

    /** The rules it holds, "group/name" to their definition (empty for a snapshot without them). */
    public java.util.Map<String, String> rules() {
        return SnapshotSettings.rules(reader.state());
    }

    public List<Silence> silences() {
        return AlertStateStore.silences(reader.state(), file.toString());
    }

    /** The executive dashboard's figures over the snapshot's whole range, as the console computes them. */
    public ExecutiveSummary summary() {
        IncidentSource source = () -> incidents;
        return new DashboardService(query, source).summarize(manifest.fromMs(), manifest.toMs());
    }

    @Override
    public void close() {
        reader.close();
    }
}
