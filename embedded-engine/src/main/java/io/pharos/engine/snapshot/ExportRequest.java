package io.pharos.engine.snapshot;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * What to export: the time range [fromMs, toMs], the resolution of the metrics (zero: raw samples,
 * as the store keeps them), a note for the receiver, and who is exporting (application version, the
 * zone the user reads times in, the sources the data came from), the key that signs it (null: not
 * signed), the redaction of host names and other labels (null: none), and the rules and dashboard
 * settings in use (null: none).
 */
public record ExportRequest(long fromMs, long toMs, Duration resolution, String note, String applicationVersion,
                            ZoneId zone, List<Manifest.Source> sources, SnapshotKeys.SigningKey signingKey,
                            Redaction redaction, SnapshotSettings.InUse settings) {

    public ExportRequest {
        Objects.requireNonNull(resolution, "resolution");
        Objects.requireNonNull(zone, "zone");
        sources = List.copyOf(sources);
        settings = settings == null ? SnapshotSettings.InUse.NONE : settings;
        if (fromMs >= toMs) {
            throw new IllegalArgumentException("the range must end after it starts");
        }
        if (resolution.isNegative()) {
            throw new IllegalArgumentException("the resolution cannot be negative");
        }
        if (!resolution.isZero() && resolution.toMillis() < 1_000) {
            throw new IllegalArgumentException("the resolution is at least 1s (or raw), got " + resolution);
        }
        if (note != null && note.length() > 10_000) {
            throw new IllegalArgumentException("the note is longer than 10,000 characters");
        }
    }

    /** The same request, signed by {@code key}. */
    public ExportRequest signedBy(SnapshotKeys.SigningKey key) {
        return new ExportRequest(fromMs, toMs, resolution, note, applicationVersion, zone, sources, key, redaction,
                settings);
    }

    /** The step in milliseconds, 0 for raw. */
    public long resolutionMs() {
        return resolution.toMillis();
    }
}
