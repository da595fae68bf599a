package io.pharos.engine.store;

import io.pharos.engine.model.SeriesKey;

/**
 * Bulk writes of history (imports, generated reference-fleet history). Samples go straight into
 * compressed chunks and rollups instead of through the live write-ahead path. Samples of one series
 * should come in ascending time; series may be interleaved. {@link #close()} flushes what is buffered;
 * what was written before a crash may be partly there, so an interrupted import is simply run again
 * (writing a sample twice keeps one copy).
 */
public interface HistoryWriter extends AutoCloseable {

    void append(SeriesKey key, long timestampMs, double value);

    /** Writes {@code count} samples of one series at once, timestamps ascending. */
    void appendSeries(SeriesKey key, long[] timestampsMs, double[] values, int count);

    long samplesWritten();

    @Override
    void close();
}
