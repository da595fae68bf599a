package io.pharos.engine.snapshot;

import io.pharos.engine.store.SnapshotFileReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.security.PublicKey;
import java.util.List;
import java.util.Optional;

/**
 * A snapshot checked through: its manifest, and whether the content still is what the manifest
 * says (digest and counts) and SQLite finds the file's structure sound. Problems are listed for a
 * person; a file that cannot be read at all throws a {@code SnapshotFileException} instead.
 */
public record SnapshotInspection(Path file, long fileBytes, Manifest manifest, String storedDigest,
                                 SnapshotFileReader.Verification found, Optional<SnapshotKeys.Verdict> signature,
                                 List<String> problems) {

    public SnapshotInspection {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    public boolean digestMatches() {
        return storedDigest.equals(found.sha256());
    }

    public static SnapshotInspection of(Path file, SnapshotFileReader.Limits limits) {
        return of(file, limits, List.of());
    }

    /**
     * As {@link #of(Path, SnapshotFileReader.Limits)}, and the signature checked: a signature that does
     * not hold is a problem; with {@code trusted} keys given, so is a file not signed by one of them.
     */
    public static SnapshotInspection of(Path file, SnapshotFileReader.Limits limits, List<PublicKey> trusted) {
        try (SnapshotFileReader r = SnapshotFileReader.open(file, limits)) {
            Manifest m = ManifestJson.read(r.manifestJson(), file);
            String stored = r.storedDigest();
            SnapshotFileReader.Verification v = r.verify();
            List<String> problems = new ArrayList<>();
            Manifest.Content c = m.content();
            if (!stored.equals(v.sha256())) {
                problems.add("The SHA-256 digest of the manifest and content is " + v.sha256() + ", the file says "
                        + stored + ": the file was changed after export.");
            }
            count(problems, "series", c.series(), v.series());
            count(problems, "chunks", c.chunks(), v.chunks());
            count(problems, "samples", c.samples(), v.samples());
            count(problems, "rollups", c.rollups(), v.rollups());
            count(problems, "steps", c.buckets(), v.buckets());
            count(problems, "state records", c.records(), v.records());
            count(problems, "log entries", c.logs(), v.logs());
            if (!v.structureOk()) {
                problems.add("SQLite finds the file damaged: " + v.structure());
            }
            Optional<SnapshotKeys.Verdict> verdict = r.storedSignature().map(s -> SnapshotKeys.verify(s, stored, trusted));
            verdict.ifPresent(s -> {
                if (!s.valid()) {
                    problems.add("The signature does not hold: the file was changed after it was signed, or the"
                            + " signature is not of this file.");
                } else if (!trusted.isEmpty() && !s.trusted()) {
                    problems.add("Signed by a key that is not among the trusted ones (" + s.fingerprint() + ").");
                }
            });
            if (verdict.isEmpty() && !trusted.isEmpty()) {
                problems.add("Not signed, and a signature by a trusted key was asked for.");
            }
            return new SnapshotInspection(file, SnapshotExporter.sizeOf(file), m, stored, v, verdict, problems);
        }
    }

    private static void count(List<String> problems, String what, long said, long found) {
        if (said != found) {
            problems.add("The manifest counts " + said + " " + what + ", the file holds " + found + ".");
        }
    }

}
