package io.pharos.engine.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs a configured command for the engine (a notification receiver, an automated response): no shell, the
 * given bytes on standard input, a bounded excerpt of its output, and a timeout after which the command and
 * every process it started are killed. Standard input is written on its own thread, so a command that reads
 * nothing cannot hold the caller past the timeout; output is read to the end and dropped beyond the limit, so
 * a talkative command never blocks on a full pipe.
 *
 * <p>Children get a small environment: {@code PATH}, {@code HOME} and {@code LANG} of this process and what the
 * command sets, so secrets held in environment variables (webhook tokens by {@code env:NAME}) do not leak to them.
 */
public final class CommandRunner {
    /** The variables of this process a command inherits. */
    public static final List<String> INHERITED = List.of("PATH", "HOME", "LANG");
    /** How long to wait for the rest of the output once the command ended (a grandchild may hold the pipe open). */
    private static final long DRAIN_MS = 2_000;
    private static final Pattern REASON_IN_PARENTHESES = Pattern.compile("error: \\d+ \\(([^()]+)\\)$");
    private static final Pattern REASON_AFTER_COMMA = Pattern.compile("error=\\d+, (.+)$");

    private final Map<String, String> parentEnvironment;

    /** Inherits from {@code parentEnvironment} (for tests); see {@link #standard()}. */
    public CommandRunner(Map<String, String> parentEnvironment) {
        this.parentEnvironment = Map.copyOf(parentEnvironment);
    }

    /** Inherits from this process's environment. */
    public static CommandRunner standard() {
        return new CommandRunner(System.getenv());
    }

    /**
     * What to run.
     *
     * @param directory   working directory, or null for this process's
     * @param environment variables set for the command, beside the inherited ones
     * @param outputLimit bytes of output kept
     * @param mergeStderr capture standard output and error together; otherwise standard error only (output dropped)
     */
    public record Command(List<String> argv, Path directory, Map<String, String> environment, byte[] stdin,
                          Duration timeout, int outputLimit, boolean mergeStderr) {
        public Command {
            argv = List.copyOf(argv);
            if (argv.isEmpty() || argv.getFirst().isBlank()) {
                throw new IllegalArgumentException("a command needs a program to run");
            }
            environment = Map.copyOf(environment);
            stdin = stdin == null ? new byte[0] : stdin.clone();
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("a command needs a positive timeout, got " + timeout);
            }
            if (outputLimit < 0) {
                throw new IllegalArgumentException("the output limit must not be negative");
            }
        }

        /** The program, without its arguments (which may hold keys): what messages name. */
        public String program() {
            return argv.getFirst();
        }
    }

    /**
     * How a command ended.
     *
     * @param exitStatus   its exit status; meaningless when timed out
     * @param timedOut     it outlived its timeout and was killed with its children
     * @param output       the first bytes of its output (see {@link Command#mergeStderr}), as text
     * @param droppedBytes output beyond the limit, read and not kept
     */
    public record Result(int exitStatus, boolean timedOut, String output, long droppedBytes) {
        public boolean succeeded() {
            return !timedOut && exitStatus == 0;
        }
    }

    /**
     * Runs the command to its end or its timeout.
     *
     * @throws IOException          it could not be started; {@link #reason} says why in a person's words
     * @throws InterruptedException the caller was interrupted; the command was killed with its children
     */
    public Result run(Command c) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(c.argv()).redirectInput(ProcessBuilder.Redirect.PIPE);
        if (c.mergeStderr()) {
            pb.redirectErrorStream(true);
        } else {
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.PIPE);
        }
        if (c.directory() != null) {
            pb.directory(c.directory().toFile());
        }
        Map<String, String> env = pb.environment();
        env.clear();
        for (String name : INHERITED) {
            String value = parentEnvironment.get(name);
            if (value != null) {
                env.put(name, value);
            }
        }
        env.putAll(c.environment());
        Process p = pb.start();
        Capture capture = new Capture(c.mergeStderr() ? p.getInputStream() : p.getErrorStream(), c.outputLimit());
        Thread reader = Thread.ofVirtual().name("pharos-command-output").start(capture);
        Thread writer = Thread.ofVirtual().name("pharos-command-stdin").start(() -> {
            try (OutputStream in = p.getOutputStream()) {
                in.write(c.stdin());
            } catch (IOException ignored) {
                // the command closed its input or ended without reading it all: its exit status tells
            }
        });
        try {
            if (!p.waitFor(c.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                killTree(p);
                reader.join(DRAIN_MS);
                return new Result(-1, true, capture.text(), capture.dropped());
            }
            reader.join(DRAIN_MS);
            return new Result(p.exitValue(), false, capture.text(), capture.dropped());
        } catch (InterruptedException e) {
            killTree(p);
            throw e;
        } finally {
            writer.interrupt();
        }
    }

    /** Kills the descendants first (they are no longer descendants once their parent is gone), then waits for it. */
    static void killTree(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The system's reason ("No such file or directory") out of the JDK's "Cannot run program ..." message. */
    public static String reason(IOException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        var inParentheses = REASON_IN_PARENTHESES.matcher(m); // "...: Exec failed, error: 2 (No such file or directory)"
        if (inParentheses.find()) {
            return inParentheses.group(1);
        }
        var afterComma = REASON_AFTER_COMMA.matcher(m); // "...: error=2, No such file or directory"
        return afterComma.find() ? afterComma.group(1) : m;
    }

    /** Keeps the first bytes of a stream, reads and counts the rest. */
    private static final class Capture implements Runnable {
        private final InputStream in;
        private final int limit;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private long dropped;

        Capture(InputStream in, int limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public void run() {
            byte[] buf = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    synchronized (this) {
                        int keep = Math.max(0, Math.min(n, limit - kept.size()));
                        kept.write(buf, 0, keep);
                        dropped += n - keep;
                    }
                }
            } catch (IOException ignored) {
                // the process was killed: what was read is kept
            }
        }

        synchronized String text() {
            return kept.toString(StandardCharsets.UTF_8);
        }

        synchronized long dropped() {
            return dropped;
        }
    }
}
