package io.pharos.engine.rules;

import io.pharos.engine.model.Labels;
import io.pharos.engine.model.Matcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Series held in memory: for tests, examples and evaluating rules over a small data set without a
 * store. Samples of a series must be added in increasing time.
 */
public final class MemorySeriesSource implements SeriesSource {

    private static final class MemSeries implements Series {
        final Labels labels;
        long[] ts = new long[16];
        double[] values = new double[16];
        int size;

        MemSeries(Labels labels) {
            this.labels = labels;
        }

        @Override
        public Labels labels() {
            return labels;
        }
    }

    private final Map<Labels, MemSeries> series = new LinkedHashMap<>();

    /** Adds a sample; {@code labels} include {@code __name__}. */
    public MemorySeriesSource add(Labels labels, long timeMs, double value) {
        MemSeries s = series.computeIfAbsent(labels, MemSeries::new);
        if (s.size > 0 && timeMs <= s.ts[s.size - 1]) {
            if (timeMs == s.ts[s.size - 1]) {
                s.values[s.size - 1] = value; // the same instant evaluated again: the newer value wins
                return this;
            }
            throw new IllegalArgumentException("samples of " + labels + " must be added in increasing time");
        }
        if (s.size == s.ts.length) {
            s.ts = Arrays.copyOf(s.ts, s.size * 2);
            s.values = Arrays.copyOf(s.values, s.size * 2);
        }
        s.ts[s.size] = timeMs;
        s.values[s.size] = value;
        s.size++;
        return this;
    }

    @Override
    public List<? extends Series> select(List<Matcher> matchers) {
        List<MemSeries> out = new ArrayList<>();
        for (MemSeries s : series.values()) {
            if (matchers.stream().allMatch(m -> m.matches(s.labels))) {
                out.add(s);
            }
        }
        return out;
    }

    @Override
    public Samples read(Series series, long fromExclusiveMs, long toMs) {
        MemSeries s = (MemSeries) series;
        int from = upperBound(s, fromExclusiveMs);
        int to = upperBound(s, toMs);
        if (to <= from) {
            return Samples.EMPTY;
        }
        return new Samples(Arrays.copyOfRange(s.ts, from, to), Arrays.copyOfRange(s.values, from, to), to - from);
    }

    @Override
    public io.pharos.engine.model.Sample latest(Series series, long fromExclusiveMs, long toMs) {
        MemSeries s = (MemSeries) series;
        int i = upperBound(s, toMs) - 1;
        if (i < 0 || s.ts[i] <= fromExclusiveMs) {
            return null;
        }
        return new io.pharos.engine.model.Sample(s.ts[i], s.values[i]);
    }

    /** The time of the first sample of the series with these labels, or Long.MAX_VALUE. */
    long firstTime(Labels labels) {
        MemSeries s = series.get(labels);
        return s == null || s.size == 0 ? Long.MAX_VALUE : s.ts[0];
    }

    /** Forgets samples older than {@code timeMs}, and series left without any. */
    public void trimBefore(long timeMs) {
        var it = series.values().iterator();
        while (it.hasNext()) {
            MemSeries s = it.next();
            int keep = upperBound(s, timeMs - 1);
            if (keep >= s.size) {
                it.remove();
            } else if (keep > 0) {
                System.arraycopy(s.ts, keep, s.ts, 0, s.size - keep);
                System.arraycopy(s.values, keep, s.values, 0, s.size - keep);
                s.size -= keep;
            }
        }
    }

    /** Index of the first sample after {@code t}. */
    private static int upperBound(MemSeries s, long t) {
        int i = Arrays.binarySearch(s.ts, 0, s.size, t);
        return i >= 0 ? i + 1 : -i - 1;
    }
}
