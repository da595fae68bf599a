package io.pharos.engine.store;

import io.pharos.engine.model.SeriesKey;

/**
 * Live writes, Prometheus style: append samples, then {@link #commit()} them as one durable unit or
 * {@link #rollback()} them. Nothing appended is visible or durable before commit; after commit
 * returns, the samples survive a crash of the process. Not thread-safe: one appender per thread.
 */
public interface Appender {

    void append(SeriesKey key, long timestampMs, double value);

    /** Makes the appended samples durable and visible; returns how many were accepted. */
    int commit();

    /** Drops everything appended since the last commit. */
    void rollback();
}
