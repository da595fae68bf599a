package io.pharos.engine.ingest;

import io.pharos.engine.model.SeriesKey;
import java.util.Arrays;

/**
 * An immutable batch of samples a source hands to the engine in one go. Sources build one per
 * scrape or tick; the engine commits a batch as a unit.
 */
public final class SampleBatch {
    private final SeriesKey[] keys;
    private final long[] timestamps;
    private final double[] values;
    private final int size;

    private SampleBatch(SeriesKey[] keys, long[] timestamps, double[] values, int size) {
        this.keys = keys;
        this.timestamps = timestamps;
        this.values = values;
        this.size = size;
    }

    public static Builder builder(int expectedSize) {
        return new Builder(expectedSize);
    }

    public int size() {
        return size;
    }

    public SeriesKey key(int i) {
        return keys[i];
    }

    public long timestamp(int i) {
        return timestamps[i];
    }

    public double value(int i) {
        return values[i];
    }

    public static final class Builder {
        private SeriesKey[] keys;
        private long[] timestamps;
        private double[] values;
        private int size;
        private boolean built;

        private Builder(int expectedSize) {
            int n = Math.max(4, expectedSize);
            keys = new SeriesKey[n];
            timestamps = new long[n];
            values = new double[n];
        }

        public Builder add(SeriesKey key, long timestampMs, double value) {
            if (built) {
                throw new IllegalStateException("batch already built");
            }
            if (size == keys.length) {
                int n = size * 2;
                keys = Arrays.copyOf(keys, n);
                timestamps = Arrays.copyOf(timestamps, n);
                values = Arrays.copyOf(values, n);
            }
            keys[size] = key;
            timestamps[size] = timestampMs;
            values[size] = value;
            size++;
            return this;
        }

        public int size() {
            return size;
        }

        public SampleBatch build() {
            built = true;
            return new SampleBatch(keys, timestamps, values, size);
        }
    }
}
