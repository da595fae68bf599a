package io.pharos.engine.store;

import io.pharos.engine.model.Sample;
import java.util.ArrayList;
import java.util.List;

/** Raw samples of one series in a time range, ascending, one per timestamp. */
public record SeriesSamples(SeriesRef series, long[] timestamps, double[] values, int size) {

    public List<Sample> asList() {
        List<Sample> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(new Sample(timestamps[i], values[i]));
        }
        return out;
    }
}
