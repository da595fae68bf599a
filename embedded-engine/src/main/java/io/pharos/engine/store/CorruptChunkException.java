package io.pharos.engine.store;

/** An encoded block failed to decode: the stored bytes are damaged or not ours. */
public final class CorruptChunkException extends RuntimeException {
    public CorruptChunkException(String message) {
        super(message);
    }
}
