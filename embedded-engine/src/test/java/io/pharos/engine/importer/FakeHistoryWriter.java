package io.pharos.engine.importer;

import io.pharos.engine.model.SeriesKey;
import io.pharos.engine.store.HistoryWriter;
import java.util.ArrayList;
import java.util.List;

/** Records what it is given, in order; or, for big inputs, only counts. */
final class FakeHistoryWriter implements HistoryWriter {

    record Sample(SeriesKey key, long timestampMs, double value) {
        /** Equality on the value's bits, so that NaN equals NaN and 0.0 differs from -0.0. */
        boolean sameAs(Sample other) {
            return key.equals(other.key) && timestampMs == other.timestampMs
                    && Double.doubleToRawLongBits(value) == Double.doubleToRawLongBits(other.value);
        }
    }

    private final boolean recording;
    final List<Sample> samples = new ArrayList<>();
    private long written;
    boolean closed;

    FakeHistoryWriter() {
        this(true);
    }

    FakeHistoryWriter(boolean recording) {
        this.recording = recording;
    }

    @Override
    public void append(SeriesKey key, long timestampMs, double value) {
        written++;
        if (recording) {
            samples.add(new Sample(key, timestampMs, value));
        }
    }

    @Override
    public void appendSeries(SeriesKey key, long[] timestampsMs, double[] values, int count) {
        for (int i = 0; i < count; i++) {
            append(key, timestampsMs[i], values[i]);
        }
    }

    @Override
    public long samplesWritten() {
        return written;
    }

    @Override
    public void close() {
        closed = true;
    }
}
