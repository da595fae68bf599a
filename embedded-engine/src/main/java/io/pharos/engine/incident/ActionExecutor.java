package io.pharos.engine.incident;

/**
 * Carries out approved actions. {@link FleetActionExecutor} acts on the simulated reference fleet;
 * {@link CommandActionExecutor} runs a configured command for real systems.
 */
public interface ActionExecutor {
    /** In words, for the timeline: "the simulated reference fleet", "command /usr/local/bin/respond". */
    String name();

    /** Whether the action only changes a simulation. */
    boolean simulated();

    /**
     * Carries the action out and returns what the target reported (may be empty). Throws
     * {@link ActionFailedException} when it did not succeed; the message says why.
     */
    String execute(ActionRequest request);
}
