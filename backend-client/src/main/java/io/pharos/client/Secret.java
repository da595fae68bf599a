package io.pharos.client;

import java.util.Objects;

/**
 * A token or password a client sends: shown only where it is sent ({@link #reveal()}), never in a log,
 * an exception message or a status line ({@link #toString()} hides it).
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /** The secret of a file's text: surrounding blank space and the line end trimmed. */
    public static Secret of(String text) {
        String v = Objects.requireNonNull(text, "text").strip();
        if (v.isEmpty()) {
            throw new IllegalArgumentException("the secret is empty");
        }
        return new Secret(v);
    }

    /** The secret itself, for the header it goes into. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "Secret[hidden]";
    }
}
