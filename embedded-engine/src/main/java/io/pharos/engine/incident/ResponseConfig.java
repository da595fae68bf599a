package io.pharos.engine.incident;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How automated responses run, as the responses file sets it (docs/incidents.md).
 *
 * @param command the program and its arguments that carry actions out on real systems (no shell);
 *                empty: actions act on the simulated reference fleet when it runs, else there are none
 * @param timeout how long the command may run before it is stopped and the action failed
 * @param policy  the limits actions run within
 * @param queries the PromQL that reads the metrics before and after an action on real systems
 */
public record ResponseConfig(List<String> command, Duration timeout, ResponsePolicy policy, ResponseQueries queries) {

    public ResponseConfig {
        command = List.copyOf(command);
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(queries, "queries");
    }

    /** No command, the default policy and queries: what runs without a responses file. */
    public static ResponseConfig defaults() {
        return new ResponseConfig(List.of(), CommandActionExecutor.DEFAULT_TIMEOUT, ResponsePolicy.defaults(),
                ResponseQueries.withOverrides(java.util.Map.of()));
    }

    public boolean hasCommand() {
        return !command.isEmpty();
    }
}
