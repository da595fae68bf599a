package io.pharos.engine.alerting.notify;

import io.pharos.engine.process.CommandRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Runs the receiver's command (no shell) with the payload as JSON on standard input, through the engine's
 * {@link CommandRunner}. Exit status 0 is delivered; anything else and a timeout are retried; a command that
 * cannot be started is a permanent failure (its configuration needs fixing). On timeout the command and every
 * process it started are killed. The first {@value #STDERR_LIMIT} bytes of standard error go into the error
 * message; standard output is discarded. Messages name the program only: its arguments may hold keys.
 */
final class CommandSender implements Sender {
    static final int STDERR_LIMIT = 2048;
    /** How much of the captured standard error an error message quotes. */
    static final int STDERR_IN_MESSAGE = 500;

    private final Receiver.Command receiver;
    private final CommandRunner runner;

    CommandSender(Receiver.Command receiver) {
        this(receiver, CommandRunner.standard());
    }

    CommandSender(Receiver.Command receiver, CommandRunner runner) {
        this.receiver = receiver;
        this.runner = runner;
    }

    @Override
    public SendResult send(Delivery delivery) {
        String program = receiver.argv().getFirst();
        CommandRunner.Command command = new CommandRunner.Command(receiver.argv(), receiver.directory(),
                Map.of("PHAROS_RECEIVER", receiver.name()), delivery.payload().getBytes(StandardCharsets.UTF_8),
                receiver.timeout(), STDERR_LIMIT, false);
        CommandRunner.Result result;
        try {
            result = runner.run(command);
        } catch (IOException e) {
            // Not retried: a missing or non-executable program does not fix itself within the retry period.
            return SendResult.permanent("cannot start " + program + " (" + CommandRunner.reason(e)
                    + "); fix the command of receiver " + receiver.name());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SendResult.retry("interrupted while running " + program);
        }
        if (result.timedOut()) {
            return SendResult.retry(program + " did not finish within " + timeoutText() + " and was killed"
                    + excerpt(result.output()));
        }
        if (result.exitStatus() == 0) {
            return SendResult.delivered();
        }
        return SendResult.retry(program + " exited with status " + result.exitStatus() + excerpt(result.output()));
    }

    private String timeoutText() {
        long ms = receiver.timeout().toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }

    private static String excerpt(String stderr) {
        String text = stderr.strip().replaceAll("\\s+", " ");
        if (text.isEmpty()) {
            return "";
        }
        return ": " + (text.length() > STDERR_IN_MESSAGE ? text.substring(0, STDERR_IN_MESSAGE) + "…" : text);
    }
}
