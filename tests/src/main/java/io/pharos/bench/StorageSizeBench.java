package io.pharos.bench;

import io.pharos.engine.fleet.FleetHistoryGenerator;
import io.pharos.engine.fleet.HistoryProgress;
import io.pharos.engine.fleet.ReferenceFleet;
import io.pharos.engine.store.HistoryWriter;
import io.pharos.engine.store.StoreOptions;
import io.pharos.engine.store.TimeSeriesStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Bytes per sample on disk for a day of reference-fleet data at 1 s, after compaction (history goes
 * straight to chunks and rollups). The fleet's shape per host is the reference one; fewer hosts
 * per region keep the run short without changing what one series costs.
 *
 * Usage: StorageSizeBench [--hosts 20] [--hours 24] [--step-ms 1000]
 */
public final class StorageSizeBench {
    private StorageSizeBench() {
    }

    public static void main(String[] args) throws Exception {
        int hosts = (int) BenchSupport.arg(args, "hosts", 20);
        long hours = BenchSupport.arg(args, "hours", 24);
        long stepMs = BenchSupport.arg(args, "step-ms", 1000);
        Path dir = BenchSupport.tempDir("pharos-size-bench");
        ReferenceFleet fleet = new ReferenceFleet(42, hosts);
        Instant to = Instant.ofEpochMilli(Math.floorDiv(System.currentTimeMillis(), 3_600_000L) * 3_600_000L);
        Instant from = to.minus(Duration.ofHours(hours));
        FleetHistoryGenerator gen = new FleetHistoryGenerator(fleet, Duration.ofMillis(stepMs), Duration.ofHours(2), 1);
        long started = System.nanoTime();
        long written;
        try (TimeSeriesStore store = TimeSeriesStore.open(dir, StoreOptions.defaults());
             HistoryWriter w = store.historyWriter()) {
            written = gen.generate(from, to, w, HistoryProgress.NONE);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        // close() checkpointed the WAL into the main file: its size is what the data costs.
        long bytes = Files.size(dir.resolve(TimeSeriesStore.FILE_NAME));
        System.out.printf("series                 %,d (%d hosts per region)%n", fleet.size(), hosts);
        System.out.printf("samples                %,d (%d h at %d ms)%n", written, hours, stepMs);
        System.out.printf("file size              %,d bytes%n", bytes);
        System.out.printf("bytes per sample       %.3f (raw chunks and 1-minute rollups)%n", (double) bytes / written);
        System.out.printf("write rate             %,.0f samples/s (%.1f s)%n", written / seconds, seconds);
    }
}
