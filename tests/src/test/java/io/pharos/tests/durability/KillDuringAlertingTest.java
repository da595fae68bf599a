package io.pharos.tests.durability;

import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.engine.store.StateStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
     * Starts a writer, kills it with SIGKILL once it reported {@code steps} commits; returns the last
     * commit it reported before it died.
     */
    private static int runAndKill(Path data, int steps) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process p = new ProcessBuilder(java, "-cp", cp, AlertingWriter.class.getName(), data.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        int last = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("COMMIT ")) {
                    last = Integer.parseInt(line.split(" ")[1]);
                    if (last + 1 >= steps) {
                        break;
                    }
                }
            }
            // SIGKILL through the handle: Process.destroyForcibly would also close our end of the pipe.
            p.toHandle().destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
            // The process may have run ahead of what was read: what it printed before dying is still
            // in the pipe, and the last commit it printed is the one that counts.
            while ((line = out.readLine()) != null) {
                if (line.startsWith("COMMIT ")) {
                    last = Integer.parseInt(line.split(" ")[1]);
                }
            }
        } finally {
            p.destroyForcibly();
        }
        assertThat(p.exitValue()).as("killed by signal 9").isEqualTo(137);
        return last;
    }
}
