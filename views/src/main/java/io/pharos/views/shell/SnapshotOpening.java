package io.pharos.views.shell;

import java.nio.file.Path;

/** The port through which the shell opens a snapshot file read-only in a window of its own. */
@FunctionalInterface
public interface SnapshotOpening {
    /**
     * Opens and checks {@code file}, off the UI thread, and returns what shows its window (run on the UI
     * thread). Throws with a message for people when the file cannot be opened as a snapshot.
     */
    Runnable open(Path file) throws Exception;
}
