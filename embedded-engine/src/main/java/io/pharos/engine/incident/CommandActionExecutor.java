package io.pharos.engine.incident;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Carries actions out on real systems by running a configured command: the argv is run as is (no
 * shell), the request goes to its standard input as one JSON object, and it must exit with status 0
 * within the timeout. Standard output and error are captured together, up to a bound; the rest is
 * read and dropped so the command never blocks on a full pipe. A command that outlives its timeout is
 * killed, with the processes it started.
 *
 * <p>Standard input, e.g.:
 * <pre>{"id":"INC-3-A1","incident":"INC-3","approvedBy":"ana","at":"2026-03-05T14:02:00Z","atMs":1772719320000,
 *  "action":{"kind":"scale-compute","region":"us-east-1","service":"checkout","hosts":6}}</pre>
 * The environment also carries {@code PHAROS_ACTION} (the kind), {@code PHAROS_ACTION_ID} and
 * {@code PHAROS_INCIDENT}.
 */
public final class CommandActionExecutor implements ActionExecutor {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
    public static final int DEFAULT_MAX_OUTPUT = 64 * 1024;

    private final List<String> argv;
    private final Duration timeout;
    private final int maxOutputBytes;

    public CommandActionExecutor(List<String> argv) {
        this(argv, DEFAULT_TIMEOUT, DEFAULT_MAX_OUTPUT);
    }

    public CommandActionExecutor(List<String> argv, Duration timeout, int maxOutputBytes) {
        if (argv.isEmpty() || argv.getFirst().isBlank()) {
            throw new IllegalArgumentException("the response command needs a program to run");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the response command needs a positive timeout, got " + timeout);
        }
        if (maxOutputBytes < 0) {
            throw new IllegalArgumentException("output bound must not be negative");
        }
        this.argv = List.copyOf(argv);
        this.timeout = timeout;
        this.maxOutputBytes = maxOutputBytes;
    }

    @Override
    public String name() {
        return "command " + String.join(" ", argv);
    }

    @Override
    public boolean simulated() {
        return false;
    }

    /** The JSON the command reads on its standard input. */
    static String input(ActionRequest r) {
        ObjectNode o = IncidentJson.object();
        o.put("id", r.actionId());
        o.put("incident", r.incidentId());
        o.put("approvedBy", r.approvedBy());
        o.put("at", Instant.ofEpochMilli(r.atMs()).toString());
        o.put("atMs", r.atMs());
        o.set("action", IncidentJson.action(r.action()));
        return IncidentJson.text(o);
    }

    @Override
    public String execute(ActionRequest request) {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        pb.environment().put("PHAROS_ACTION", request.action().kind().id());
        pb.environment().put("PHAROS_ACTION_ID", request.actionId());
        pb.environment().put("PHAROS_INCIDENT", request.incidentId());
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new ActionFailedException("cannot start " + argv.getFirst() + ": " + e.getMessage(), e);
        }
        BoundedCapture capture = new BoundedCapture(p.getInputStream(), maxOutputBytes);
        Thread reader = Thread.ofVirtual().name("response-command-output").start(capture);
        try (OutputStream in = p.getOutputStream()) {
            in.write(input(request).getBytes(StandardCharsets.UTF_8));
            in.write('\n');
        } catch (IOException e) {
            // the command exited or closed its input without reading it all: its exit status tells
        }
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
                reader.join(Duration.ofSeconds(2));
                throw new ActionFailedException(name() + " did not finish within " + Format.duration(timeout.toMillis())
                        + " and was stopped", capture.text());
            }
            reader.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ActionFailedException(name() + " was interrupted and stopped", capture.text());
        }
        String output = capture.text();
        int exit = p.exitValue();
        if (exit != 0) {
            throw new ActionFailedException(name() + " exited with status " + exit + lastLine(output), output);
        }
        return output;
    }

    private static String lastLine(String output) {
        String t = output.strip();
        if (t.isEmpty()) {
            return "";
        }
        int nl = t.lastIndexOf('\n');
        String line = nl < 0 ? t : t.substring(nl + 1);
        return ": " + (line.length() > 200 ? line.substring(0, 200) + "…" : line);
    }

    /** Keeps the first bytes of a stream and counts (and drops) the rest. */
    private static final class BoundedCapture implements Runnable {
        private final InputStream in;
        private final int max;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private long dropped;

        BoundedCapture(InputStream in, int max) {
            this.in = in;
            this.max = max;
        }

        @Override
        public void run() {
            byte[] buf = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    synchronized (this) {
                        int keep = Math.max(0, Math.min(n, max - kept.size()));
                        kept.write(buf, 0, keep);
                        dropped += n - keep;
                    }
                }
            } catch (IOException e) {
                // the process was killed: what was read is kept
            }
        }

        synchronized String text() {
            String s = kept.toString(StandardCharsets.UTF_8);
            return dropped == 0 ? s : s + "\n… (" + dropped + " more bytes of output not kept)";
        }
    }
}
