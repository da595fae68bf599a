package io.pharos.app;

import io.pharos.engine.EngineStatus;
import io.pharos.engine.PharosEngine;
import io.pharos.engine.dashboard.DashboardConfig;
import io.pharos.engine.snapshot.ExportRequest;
import io.pharos.engine.snapshot.Manifest;
import io.pharos.engine.snapshot.Redaction;
import io.pharos.engine.snapshot.SnapshotExporter;
import io.pharos.engine.snapshot.SnapshotSettings;
import io.pharos.engine.store.SeriesRef;
import io.pharos.views.shell.SnapshotExports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.function.BooleanSupplier;

/** The console's "Export snapshot", on the running engine: the same exporter as `pharos snapshot export`. */
final class ConsoleSnapshotExports implements SnapshotExports {
    private final PharosEngine engine;
    private final Path dataDir;
    private final Path exports;
    private final ZoneId zone;
    private final io.pharos.engine.fleet.ReferenceFleet fleet;

    /** @param fleet the simulated fleet the console runs, null when it does not */
    ConsoleSnapshotExports(PharosEngine engine, io.pharos.engine.fleet.ReferenceFleet fleet, Path dataDir, Path exports,
                           ZoneId zone) {
        this.engine = engine;
        this.fleet = fleet;
        this.dataDir = dataDir;
        this.exports = exports;
        this.zone = zone;
    }

    @Override
    public Result export(Request r, Progress progress, BooleanSupplier cancelled) throws Exception {
        List<Manifest.Source> sources = engine.status().sources().stream()
                .map((EngineStatus.SourceInfo s) -> new Manifest.Source(s.name(), s.simulated())).toList();
        Redaction redaction = r.redactHosts() ? new Redaction(List.of("host"),
                RedactionKey.read(dataDir.resolve(RedactionKey.FILE_NAME), true),
                engine.store().select(List.of()).stream().map(SeriesRef::key).toList()) : null;
        ExportRequest request = new ExportRequest(r.from().toEpochMilli(), r.to().toEpochMilli(), r.resolution(), r.note(),
                VersionProvider.version(), zone, sources, null, redaction, new SnapshotSettings.InUse(
                        engine.alerting().map(a -> a.rules().groups()).orElse(List.of()), DashboardConfig.DEFAULTS));
        Path parent = r.file().toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        SnapshotExporter exporter = fleet == null ? engine.snapshotExporter()
                : engine.snapshotExporter().withFleet(fleet::adjustments);
        SnapshotExporter.Result result = exporter.export(request, r.file(),
                (done, total, samples) -> progress.update(done, total), cancelled);
        Manifest.Content c = result.manifest().content();
        return new Result(result.file(), result.fileBytes(), c.series(), c.samples() + c.buckets(), result.sha256());
    }

    @Override
    public Path defaultDirectory() {
        return exports;
    }
}
