package io.pharos.views.shell;

import io.pharos.engine.snapshot.SnapshotDiff;
import java.nio.file.Path;

/** The port through which the shell compares a snapshot with another, or with the live data. */
@FunctionalInterface
public interface SnapshotComparing {
    /** What a snapshot is compared against. */
    enum Against {
        LIVE_SAME_RANGE("live data over the snapshot's range"),
        LIVE_RANGE_IN_FORCE("live data over the range in force"),
        SNAPSHOT("another snapshot");

        private final String text;

        Against(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /**
     * Compares snapshot {@code a} with {@code b} (a file for {@link Against#SNAPSHOT}, else unused), off the
     * UI thread; {@code inForceFromMs} and {@code inForceToMs} are the console's range for
     * {@link Against#LIVE_RANGE_IN_FORCE}. Throws with a message for people when a file cannot be opened.
     */
    SnapshotDiff compare(Path a, Against against, Path b, long inForceFromMs, long inForceToMs) throws Exception;
}
