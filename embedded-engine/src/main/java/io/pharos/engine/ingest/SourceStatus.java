package io.pharos.engine.ingest;

/**
 * A source's state as the user sees it. {@code message} says what happened and what to do when the
 * state is FAILED.
 */
public record SourceStatus(State state, long samplesProduced, long lastSampleAtMs, String message) {

    /** RECORDED: the data of a snapshot, which nothing reads live any more. */
    public enum State { STARTING, RUNNING, STOPPED, FAILED, RECORDED }

    public static SourceStatus starting() {
        return new SourceStatus(State.STARTING, 0, 0, "");
    }
}
