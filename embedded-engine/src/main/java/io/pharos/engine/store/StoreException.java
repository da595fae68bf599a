package io.pharos.engine.store;

/**
 * A store problem explained for a person: what happened, why, and what to do next. The message is
 * meant to be shown as is; the cause keeps the technical detail for the log.
 */
public final class StoreException extends RuntimeException {

    public enum Kind { NOT_A_STORE, NEWER_SCHEMA, READ_ONLY, DISK_FULL, CORRUPT, IO }

    private final Kind kind;

    public StoreException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public StoreException(Kind kind, String message) {
        this(kind, message, null);
    }

    public Kind kind() {
        return kind;
    }
}
