package io.pharos.engine.store;

/**
 * A snapshot file that cannot be read, explained for a person: what is wrong with the file and what
 * to do. A snapshot comes from someone else, so every kind of bad file ends here, never in a crash.
 */
public final class SnapshotFileException extends RuntimeException {

    /** What is wrong, for callers that react differently (a newer format asks for an update). */
    public enum Kind {
        /** Not SQLite, or SQLite of something else. */
        NOT_A_SNAPSHOT,
        /** Written by a newer Pharos. */
        NEWER_FORMAT,
        /** Tables, views or triggers a Pharos snapshot never has, or values out of their bounds. */
        UNEXPECTED_CONTENT,
        /** Truncated or corrupted: SQLite or a chunk's checksum says so. */
        DAMAGED,
        /** More rows or larger values than a snapshot may hold. */
        TOO_LARGE,
        /** The file system refused. */
        IO,
        /** The reader gave up: cancelled, or a read ran past its time. */
        INTERRUPTED
    }

    private final Kind kind;

    public SnapshotFileException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public SnapshotFileException(Kind kind, String message) {
        this(kind, message, null);
    }

    public Kind kind() {
        return kind;
    }
}
