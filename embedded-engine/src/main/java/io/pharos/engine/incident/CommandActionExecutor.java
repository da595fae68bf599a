package io.pharos.engine.incident;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pharos.engine.process.CommandRunner;
import io.pharos.engine.model.Durations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Carries actions out on real systems by running a configured command: the argv is run as is (no
 * shell), the request goes to its standard input as one JSON object, and it must exit with status 0
 * within the timeout. Standard output and error are captured together, up to a bound; the rest is
 * read and dropped so the command never blocks on a full pipe. A command that outlives its timeout is
 * killed, with the processes it started. It runs through the engine's {@link CommandRunner}: standard
 * input on its own thread, and a small environment (no secrets of this process).
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
    private final CommandRunner runner = CommandRunner.standard();

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

    /** The program only: its arguments may hold keys, and this name goes into timelines and logs. */
    @Override
    public String name() {
        return "command " + argv.getFirst();
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
        byte[] stdin = (input(request) + "\n").getBytes(StandardCharsets.UTF_8);
        CommandRunner.Command command = new CommandRunner.Command(argv, null, Map.of(
                "PHAROS_ACTION", request.action().kind().id(),
                "PHAROS_ACTION_ID", request.actionId(),
                "PHAROS_INCIDENT", request.incidentId()), stdin, timeout, maxOutputBytes, true);
        CommandRunner.Result result;
        try {
            result = runner.run(command);
        } catch (IOException e) {
            throw new ActionFailedException("cannot start " + argv.getFirst() + " (" + CommandRunner.reason(e)
                    + "); fix the response command", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ActionFailedException(name() + " was interrupted and stopped", "");
        }
        String output = result.droppedBytes() == 0 ? result.output()
                : result.output() + "\n… (" + result.droppedBytes() + " more bytes of output not kept)";
        if (result.timedOut()) {
            throw new ActionFailedException(name() + " did not finish within " + Durations.human(timeout.toMillis())
                    + " and was stopped", output);
        }
        if (result.exitStatus() != 0) {
            throw new ActionFailedException(name() + " exited with status " + result.exitStatus()
                    + lastLine(result.output()), output);
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
}
