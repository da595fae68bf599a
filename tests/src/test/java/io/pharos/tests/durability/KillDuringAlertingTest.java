package io.pharos.tests.durability;

import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.engine.store.StateStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a process running the alert pipeline loses nothing: after restart the firing alerts
 * (with the time each started firing), acknowledgements and silences are those of the last commit
 * the process reported, or of the one it made but had no time to report.
 */
class KillDuringAlertingTest {
    @TempDir
    Path dir;

    @Test
    void alertStateSurvivesKillNineThreeTimes() throws Exception {
        // The same steps in this process, on their own state file: the expected state after each step.
        List<String> expected = new ArrayList<>();
        Path reference = Files.createDirectories(dir.resolve("reference"));
        Path data = Files.createDirectories(dir.resolve("data"));
        try (StateStore store = StateStore.open(reference)) {
            AlertingWriter w = new AlertingWriter(store);
            for (int i = 0; i < 400; i++) {
                w.step(i, expected::add);
            }
        }
        for (int kill = 0; kill < 3; kill++) {
            int lastStep = runAndKill(data, 80 + kill * 25);
            // Restarted, as the console would: state from the file, no evaluation yet.
            try (StateStore store = StateStore.open(data)) {
                String restored = new AlertingWriter(store).state();
                assertThat(restored).as("state after kill %d at commit %d", kill, lastStep)
                        .isIn(expected.get(lastStep), expected.get(lastStep + 1));
            }
            Files.walk(data).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            Files.createDirectories(data);
        }
    }

    /**
     * Starts a writer, kills it with SIGKILL once it reported {@code commits} commits; returns the last
     * commit it reported before it died.
     */
    private static int runAndKill(Path data, int commits) throws Exception {
        List<String> lines = KilledChild.run(AlertingWriter.class, List.of(data.toString()),
                l -> KilledChild.count(l, "COMMIT ") >= commits);
        return lines.stream().filter(l -> l.startsWith("COMMIT ")).mapToInt(l -> Integer.parseInt(l.split(" ")[1]))
                .max().orElse(-1);
    }
}
