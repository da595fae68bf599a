package io.pharos.tests.durability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real process for the kill -9 tests: a main class of the test class path run in its own JVM,
 * killed with SIGKILL (no shutdown hook, no close) once what it printed says it has done enough.
 */
final class KilledChild {
    private KilledChild() {
    }

    /**
     * Runs {@code main} with {@code args} and kills it once {@code enough} holds for the lines it has
     * printed. Returns every line it printed before it died: it may have run ahead of the reading.
     */
    static List<String> run(Class<?> main, List<String> args, Predicate<List<String>> enough) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java, "-cp", cp, main.getName()));
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
                if (enough.test(lines)) {
                    break;
                }
            }
            // Through the handle: Process.destroyForcibly would also close our end of the pipe.
            p.toHandle().destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
            while ((line = out.readLine()) != null) {
                lines.add(line);
            }
        } finally {
            p.destroyForcibly();
        }
        assertThat(p.exitValue()).as("killed by signal 9").isEqualTo(137);
        return lines;
    }

    /** How many lines start with {@code prefix}. */
    static long count(List<String> lines, String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).count();
    }
}
