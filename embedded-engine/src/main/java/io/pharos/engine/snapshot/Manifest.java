package io.pharos.engine.snapshot;

import java.util.List;
import java.util.Objects;

/**
 * What a snapshot says about itself (docs/snapshots.md): format and application version, when and
 * in which zone it was made, the time range and resolution of its metrics, where they came from,
 * what it holds, and an optional note. Written as JSON in the
 * file's manifest table; read back by {@link ManifestJson}, which refuses what is out of bounds.
 *
 * @param resolutionMs the step of the metrics, 0 for raw samples as the store kept them
 * @param sources      the data sources whose samples the snapshot holds (names and kinds, never credentials)
 * @param redaction    which labels' values are pseudonyms, null when none
 */
public record Manifest(String format, int formatVersion, String application, String applicationVersion,
                       String createdAt, String createdZone, long fromMs, long toMs, long resolutionMs,
                       List<Source> sources, Content content, String note, Redaction redaction) {

    public static final String FORMAT = "pharos-snapshot";

    public Manifest {
        Objects.requireNonNull(format, "format");
        sources = List.copyOf(sources);
        Objects.requireNonNull(content, "content");
    }

    /** A data source, as the console's status bar names it; {@code simulated} marks the reference fleet. */
    public record Source(String name, boolean simulated) {
    }

    /**
     * The counts of what the file holds: samples kept as they are (in chunks), steps kept as count,
     * min, max and sum (buckets, in rollups), state records and log entries. (The digest over the
     * manifest and the content is stored beside the manifest, docs/snapshots.md.)
     */
    public record Content(long series, long chunks, long samples, long rollups, long buckets, long records, long logs) {
    }

    /** The labels whose values were replaced by pseudonyms, and a fingerprint of the key that made them. */
    public record Redaction(List<String> labels, String keyFingerprint) {
    }

    public boolean raw() {
        return resolutionMs == 0;
    }
}
