package io.pharos.engine.ingest;

import io.pharos.engine.model.SeriesKey;

/**
 * Where a source writes samples older than the live path takes: a backfill after a long outage. The
 * live path refuses samples from before the store's compaction floor (their windows are already
 * chunks); these go straight into chunks instead, as an import does.
 */
public interface HistorySink {

    /** Samples before this time are refused by the live path and belong here. */
    long liveFloorMs();

    /** Writes samples of one series, in ascending time; stored when it returns. */
    void write(SeriesKey key, long[] timestampsMs, double[] values, int count);

    /** No history: everything goes the live path (what it refuses is counted there). */
    HistorySink NONE = new HistorySink() {
        @Override
        public long liveFloorMs() {
            return Long.MIN_VALUE;
        }

        @Override
        public void write(SeriesKey key, long[] timestampsMs, double[] values, int count) {
            throw new IllegalStateException("no history sink");
        }
    };
}
