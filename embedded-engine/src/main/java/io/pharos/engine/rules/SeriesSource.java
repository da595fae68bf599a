package io.pharos.engine.rules;

import io.pharos.engine.model.Labels;
import io.pharos.engine.model.Matcher;
import io.pharos.engine.model.Sample;
import java.util.List;

/**
 * What rule evaluation reads: series selected by matchers and their samples. Rules depend on this,
 * not on the store, so they run the same live, in a backtest and in tests with made-up data.
 */
public interface SeriesSource {

    /** A selected series; {@code labels} include the metric name as {@code __name__}. */
    interface Series {
        Labels labels();
    }

    /** Samples in ascending time; arrays may be longer than {@code size}. */
    record Samples(long[] timestamps, double[] values, int size) {
        public static final Samples EMPTY = new Samples(new long[0], new double[0], 0);
    }

    List<? extends Series> select(List<Matcher> matchers);

    /** Samples with {@code fromExclusiveMs < t <= toMs}. */
    Samples read(Series series, long fromExclusiveMs, long toMs);

    /**
     * The newest sample with {@code fromExclusiveMs < t <= toMs}, or null. Sources with recent data
     * in memory answer this without a range read (it runs for every series of every instant selector).
     */
    default Sample latest(Series series, long fromExclusiveMs, long toMs) {
        Samples s = read(series, fromExclusiveMs, toMs);
        if (s.size() == 0) {
            return null;
        }
        int last = s.size() - 1;
        return new Sample(s.timestamps()[last], s.values()[last]);
    }
}
