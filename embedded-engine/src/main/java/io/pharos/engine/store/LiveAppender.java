package io.pharos.engine.store;

import io.pharos.engine.model.SeriesKey;
import java.util.Arrays;

/** Buffers appended samples until commit hands them to the store as one write-ahead batch. */
final class LiveAppender implements Appender {
    private final TimeSeriesStore store;
    private SeriesKey[] keys = new SeriesKey[256];
    private long[] ts = new long[256];
    private double[] values = new double[256];
    private int n;

    LiveAppender(TimeSeriesStore store) {
        this.store = store;
    }

    @Override
    public void append(SeriesKey key, long timestampMs, double value) {
        if (n == keys.length) {
            int size = n * 2;
            keys = Arrays.copyOf(keys, size);
            ts = Arrays.copyOf(ts, size);
            values = Arrays.copyOf(values, size);
        }
        keys[n] = key;
        ts[n] = timestampMs;
        values[n] = value;
        n++;
    }

    @Override
    public int commit() {
        try {
            return store.commitBatch(keys, ts, values, n);
        } finally {
            clear();
        }
    }

    @Override
    public void rollback() {
        clear();
    }

    private void clear() {
        Arrays.fill(keys, 0, n, null);
        n = 0;
    }
}
