package io.pharos.engine.importer;

import java.time.Duration;

/**
 * Where an import stands.
 *
 * @param bytesRead bytes of the file consumed so far (compressed bytes for a .gz file)
 * @param totalBytes size of the file
 * @param samples samples written so far
 */
public record ImportProgress(long bytesRead, long totalBytes, long samples, Duration elapsed) {

    /** Share of the file consumed, 0 to 1. */
    public double fraction() {
        return totalBytes <= 0 ? 1.0 : Math.min(1.0, (double) bytesRead / totalBytes);
    }
}
