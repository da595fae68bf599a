package io.pharos.engine.importer;

/**
 * Told how an import advances: about every 1 % of the file's bytes or every second, whichever
 * comes first, and once at the end. Called on the importing thread, so it must return quickly
 * (a UI hands the value over to its own thread).
 */
@FunctionalInterface
public interface ProgressListener {

    void onProgress(ImportProgress progress);

    static ProgressListener none() {
        return progress -> { };
    }
}
