package io.pharos.tests.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real {@code pharos agent} process on 127.0.0.1, as a user starts it: its own JVM, its own store,
 * the port it chose read from what it prints. Closing sends SIGTERM and waits for it to end.
 */
final class AgentProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on (https?)://127\\.0\\.0\\.1:(\\d+)");
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> output = new ArrayList<>();
    private final int port;
    private final Thread reader;

    private AgentProcess(Process process) throws Exception {
        this.process = process;
        reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (java.io.IOException ended) {
                // the process is gone
            }
        });
        int found = -1;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (found < 0 && System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line != null) {
                output.add(line);
                Matcher m = LISTENING.matcher(line);
                if (m.find() && !line.contains(" INFO ")) {
                    found = Integer.parseInt(m.group(2));
                }
            } else if (!process.isAlive()) {
                break;
            }
        }
        this.port = found;
        if (found < 0) {
            process.destroyForcibly();
            throw new AssertionError("the agent did not start: " + String.join("\n", output));
        }
    }

    /** Starts {@code pharos agent} with these arguments (--listen 127.0.0.1:0 unless given). */
    static AgentProcess start(Path dataDir, List<String> args) throws Exception {
        return new AgentProcess(new ProcessBuilder(command(dataDir, args)).redirectErrorStream(true).start());
    }

    /** Runs {@code pharos agent} expecting it to refuse to start; returns its exit code and output. */
    static Finished refused(Path dataDir, List<String> args) throws Exception {
        Process p = new ProcessBuilder(command(dataDir, args)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("ends by itself").isTrue();
        return new Finished(p.exitValue(), out);
    }

    private static List<String> command(Path dataDir, List<String> args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "--enable-native-access=ALL-UNNAMED", "-cp",
                cp, "io.pharos.app.Launcher", "agent", "--data-dir", dataDir.toString()));
        if (!args.contains("--listen")) {
            command.addAll(List.of("--listen", "127.0.0.1:0"));
        }
        command.addAll(args);
        return command;
    }

    int port() {
        return port;
    }

    /**
     * Stops it as a service manager does (SIGTERM) and returns its exit code: 143 once it has closed its
     * server and store (a JVM ended by a signal exits with 128 + the signal, after its shutdown hooks).
     */
    int stop() throws Exception {
        // Through the handle: Process.destroy would also close our end of the pipe, losing its last words.
        process.toHandle().destroy();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the agent ends on SIGTERM").isTrue();
        reader.join(Duration.ofSeconds(10));
        return process.exitValue();
    }

    /** Kills it as a power cut would: SIGKILL, no shutdown hook, no close. */
    void kill() throws Exception {
        process.toHandle().destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    /** Everything it printed so far. */
    String output() {
        lines.drainTo(output);
        return String.join("\n", output);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    record Finished(int exitCode, String output) {
    }
}
