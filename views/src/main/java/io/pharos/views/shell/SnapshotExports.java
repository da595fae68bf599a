package io.pharos.views.shell;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * Where the console's "Export snapshot" writes through: the engine's exporter, wired by the app
 * (docs/snapshots.md). Runs off the UI thread.
 */
public interface SnapshotExports {

    /** What to export; a resolution of zero means raw samples. */
    record Request(Instant from, Instant to, Duration resolution, String note, boolean redactHosts, Path file) {
    }

    /** What was written. */
    record Result(Path file, long bytes, long series, long samplesAndSteps, String sha256) {
    }

    /** Progress after each series; called on the exporting thread. */
    @FunctionalInterface
    interface Progress {
        void update(int seriesDone, int seriesTotal);
    }

    /**
     * Exports; the file appears complete or not at all. Throws a {@link java.util.concurrent.CancellationException}
     * when {@code cancelled} turns true, and an exception whose message a person can act on when the
     * file cannot be written.
     */
    Result export(Request request, Progress progress, BooleanSupplier cancelled) throws Exception;

    /** Where exports go unless the user says otherwise. */
    Path defaultDirectory();
}
