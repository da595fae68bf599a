package io.pharos.engine.snapshot;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.pharos.engine.store.SnapshotFileException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Any manifest text either reads as a manifest within its bounds or ends in a
 * {@link SnapshotFileException}: never another exception, never a stack overflow on deep nesting.
 * Seeds in {@code src/test/resources/io/pharos/engine/snapshot/ManifestJsonFuzzTestInputs/}; fuzzed in
 * CI for a bounded time by scripts/fuzz.
 */
class ManifestJsonFuzzTest {
    private static final Path FILE = Path.of("fuzzed.pharos");

    @FuzzTest(maxDuration = "30s")
    void readsOrIsRefused(byte[] input) {
        try {
            Manifest m = ManifestJson.read(new String(input, StandardCharsets.UTF_8), FILE);
            // What reads must be what a writer could have written: it writes back and reads the same.
            if (!ManifestJson.read(ManifestJson.write(m), FILE).equals(m)) {
                throw new AssertionError("a manifest does not read back as itself: " + m);
            }
        } catch (SnapshotFileException expected) {
            // refused with a reason
        }
    }
}
