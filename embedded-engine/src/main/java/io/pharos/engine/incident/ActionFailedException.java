package io.pharos.engine.incident;

/** An action that was carried out and failed (or could not be started); the message says why. */
public final class ActionFailedException extends RuntimeException {
    private final String output;

    public ActionFailedException(String message, String output) {
        super(message);
        this.output = output == null ? "" : output;
    }

    public ActionFailedException(String message, Throwable cause) {
        super(message, cause);
        this.output = "";
    }

    /** What the target printed before it failed (bounded). */
    public String output() {
        return output;
    }
}
