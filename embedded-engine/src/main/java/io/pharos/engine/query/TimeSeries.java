package io.pharos.engine.query;

import io.pharos.engine.model.Labels;

/**
 * Values at regular steps for one series or group, as charts draw them: {@code values[i]} belongs to
 * [fromMs + i*stepMs, fromMs + (i+1)*stepMs); NaN where there was no data. For one series read with
 * min/max downsampling, {@code min} and {@code max} hold the envelope; otherwise they equal values.
 */
public record TimeSeries(Labels labels, long fromMs, long stepMs, double[] values, double[] min, double[] max,
                         boolean simulated) {

    public int size() {
        return values.length;
    }

    public long time(int i) {
        return fromMs + i * stepMs;
    }
}
