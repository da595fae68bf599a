package io.pharos.engine.ingest;

/**
 * Where sources push their samples. {@link #accept} blocks while the engine is behind (back-pressure),
 * so a fast source slows down instead of filling memory.
 */
public interface SampleSink {

    /**
     * Hands a batch to the engine, waiting while the ingest queue is full.
     *
     * @throws InterruptedException when the source's thread is interrupted while waiting
     */
    void accept(SampleBatch batch) throws InterruptedException;
}
