package io.pharos.engine.alerting.notify;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Runs the receiver's command (no shell) with the payload as JSON on standard input. Exit status 0
 * is delivered; anything else and a timeout are retried; a command that cannot be started is a permanent
 * failure (its configuration needs fixing). On
 * timeout the command and every process it started are killed. The first {@value #STDERR_LIMIT}
 * bytes of standard error go into the error message; standard output is discarded.
 */
final class CommandSender implements Sender {
    static final int STDERR_LIMIT = 2048;
    /** How much of the captured standard error an error message quotes. */
    static final int STDERR_IN_MESSAGE = 500;

    private final Receiver.Command receiver;

    CommandSender(Receiver.Command receiver) {
        this.receiver = receiver;
    }

    @Override
    public SendResult send(Delivery delivery) {
        ProcessBuilder pb = new ProcessBuilder(receiver.argv())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.PIPE)
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        if (receiver.directory() != null) {
            pb.directory(receiver.directory().toFile());
        }
        pb.environment().put("PHAROS_RECEIVER", receiver.name());
        Process p;
        try {
            p = pb.start();
        } catch (IOException | RuntimeException e) {
            // Not retried: a missing or non-executable program does not fix itself within the retry period.
            return SendResult.permanent("cannot start " + receiver.argv().getFirst() + " (" + reason(e)
                    + "); fix the command of receiver " + receiver.name());
        }
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        Thread reader = Thread.ofVirtual().name("pharos-notify-stderr").start(() -> capture(p.getErrorStream(), stderr));
        // On its own thread: a command that reads nothing must not block us past the timeout.
        Thread writer = Thread.ofVirtual().name("pharos-notify-stdin").start(() -> {
            try (OutputStream in = p.getOutputStream()) {
                in.write(delivery.payload().getBytes(StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // the command closed its input or ended without reading it all: its exit status tells
            }
        });
        try {
            boolean ended = p.waitFor(receiver.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                killTree(p);
                return SendResult.retry(receiver.argv().getFirst() + " did not finish within " + timeoutText()
                        + " and was killed" + excerpt(reader, stderr));
            }
            int exit = p.exitValue();
            if (exit == 0) {
                return SendResult.delivered();
            }
            return SendResult.retry(receiver.argv().getFirst() + " exited with status " + exit + excerpt(reader, stderr));
        } catch (InterruptedException e) {
            killTree(p);
            Thread.currentThread().interrupt();
            return SendResult.retry("interrupted while running " + receiver.argv().getFirst());
        } finally {
            writer.interrupt();
        }
    }

    /** The system's reason ("No such file or directory") out of the JDK's "Cannot run program ..." message. */
    static String reason(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        // "...: Exec failed, error: 2 (No such file or directory)" or "...: error=2, No such file or directory"
        var inParentheses = java.util.regex.Pattern.compile("error: \\d+ \\(([^()]+)\\)$").matcher(m);
        if (inParentheses.find()) {
            return inParentheses.group(1);
        }
        var afterComma = java.util.regex.Pattern.compile("error=\\d+, (.+)$").matcher(m);
        return afterComma.find() ? afterComma.group(1) : m;
    }

    private String timeoutText() {
        long ms = receiver.timeout().toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }

    /** Kills the descendants first (they are no longer descendants once their parent is gone), then the command. */
    static void killTree(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void capture(InputStream in, ByteArrayOutputStream out) {
        byte[] buf = new byte[1024];
        try (in) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                synchronized (out) {
                    int keep = Math.min(n, STDERR_LIMIT - out.size());
                    if (keep > 0) {
                        out.write(buf, 0, keep);
                    }
                }
            }
        } catch (IOException ignored) {
            // the process is gone
        }
    }

    private static String excerpt(Thread reader, ByteArrayOutputStream stderr) {
        try {
            reader.join(500); // a grandchild holding standard error open must not hold us
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String text;
        synchronized (stderr) {
            text = stderr.toString(StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
        }
        if (text.isEmpty()) {
            return "";
        }
        return ": " + (text.length() > STDERR_IN_MESSAGE ? text.substring(0, STDERR_IN_MESSAGE) + "…" : text);
    }
}
