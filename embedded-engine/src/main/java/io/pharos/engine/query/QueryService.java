package io.pharos.engine.query;

import io.pharos.engine.model.Labels;
import io.pharos.engine.model.Matcher;
import io.pharos.engine.model.Sample;
import io.pharos.engine.model.SeriesKey;
import io.pharos.engine.store.Downsampled;
import io.pharos.engine.store.SeriesRef;
import io.pharos.engine.store.SeriesSamples;
import io.pharos.engine.store.SeriesReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the views ask of the engine: latest values, ranges for charts (at most {@code maxPoints}
 * points, min/max kept), per-group aggregates over time and now, top-k. Views never see SQL.
 */
public final class QueryService {
    /** Rollup resolution of the store: chart steps at or above it are rounded to it, to read rollups. */
    private static final long ROLLUP_MS = 60_000;
    /** The store's day rows hold hours: steps of half an hour and more are whole hours, to read them. */
    private static final long HOUR_MS = 3_600_000;

    private final SeriesReader store;

    /** Over the live store, or over a snapshot opened read-only: the same reads either way. */
    public QueryService(SeriesReader store) {
        this.store = store;
    }

    public List<SeriesRef> select(List<Matcher> matchers) {
        return store.select(matchers);
    }

    /** The newest sample of every matching series. */
    public List<SeriesValue> latest(List<Matcher> matchers) {
        List<SeriesValue> out = new ArrayList<>();
        for (SeriesRef ref : store.select(matchers)) {
            Sample s = store.latest(ref);
            if (s != null) {
                out.add(new SeriesValue(withName(ref.key()), s.timestampMs(), s.value()));
            }
        }
        return out;
    }

    /** Raw samples of one series. */
    public SeriesSamples range(SeriesRef series, long fromMs, long toMs) {
        return store.read(series, fromMs, toMs);
    }

    /**
     * The step a chart of {@code maxPoints} over the range uses: whole minutes once it reaches a minute
     * (minute rollups), whole hours once it reaches half an hour (the day rows of long ranges; at most
     * half the points asked for).
     */
    public static long stepFor(long fromMs, long toMs, int maxPoints) {
        long step = Math.max(1, Math.ceilDiv(toMs - fromMs + 1, Math.max(1, maxPoints)));
        if (step >= HOUR_MS / 2) {
            step = Math.ceilDiv(step, HOUR_MS) * HOUR_MS;
        } else if (step >= ROLLUP_MS) {
            step = Math.ceilDiv(step, ROLLUP_MS) * ROLLUP_MS;
        }
        return step;
    }

    private static long alignFrom(long fromMs, long step) {
        long unit = step % HOUR_MS == 0 ? HOUR_MS : step % ROLLUP_MS == 0 ? ROLLUP_MS : 1;
        return Math.floorDiv(fromMs, unit) * unit;
    }

    /** One series for a chart: average per step plus the min/max envelope, at most about maxPoints points. */
    public TimeSeries chart(SeriesRef series, long fromMs, long toMs, int maxPoints) {
        return chartAtStep(series, fromMs, toMs, stepFor(fromMs, toMs, maxPoints));
    }

    /**
     * What {@link #averagesAtStep} keeps from one series to the next: the store's buckets and the
     * averages. One per reader, not shared between threads.
     */
    public static final class Scratch {
        private Downsampled buckets;
        private double[] averages = new double[0];
    }

    /**
     * The step averages of one series, on {@link #chartAtStep}'s grid, in an array of {@code scratch}
     * that the next call overwrites: read it before. Every host's CPU read each second made a few
     * megabytes of garbage a read with a chart per host.
     */
    public double[] averagesAtStep(SeriesRef series, long fromMs, long toMs, long stepMs, Scratch scratch) {
        if (stepMs <= 0) {
            throw new IllegalArgumentException("step must be positive, got " + stepMs);
        }
        Downsampled d = store.downsample(series, alignFrom(fromMs, stepMs), toMs, stepMs, scratch.buckets);
        scratch.buckets = d;
        scratch.averages = d.averagesInto(scratch.averages.length == d.buckets() ? scratch.averages
                : new double[d.buckets()]);
        return scratch.averages;
    }

    /**
     * One series averaged over steps of {@code stepMs}, aligned as {@link #chart} aligns them: to
     * read a span before a range on the same grid as the range itself.
     */
    public TimeSeries chartAtStep(SeriesRef series, long fromMs, long toMs, long stepMs) {
        if (stepMs <= 0) {
            throw new IllegalArgumentException("step must be positive, got " + stepMs);
        }
        long step = stepMs;
        long from = alignFrom(fromMs, step);
        Downsampled d = store.downsample(series, from, toMs, step, null);
        double[] avg = d.averagesInto(new double[d.buckets()]);
        return new TimeSeries(withName(series.key()), from, step, avg, d.min().clone(), d.max().clone(),
                series.key().simulated());
    }

    /**
     * Series matching the selector, averaged per step, then combined per group of the {@code by}
     * labels with the aggregation (e.g. avg by region of CPU over 200 hosts).
     */
    public List<TimeSeries> aggregate(List<Matcher> matchers, List<String> by, Aggregation fn, long fromMs, long toMs,
                                      int maxPoints) {
        long step = stepFor(fromMs, toMs, maxPoints);
        long from = alignFrom(fromMs, step);
        Map<Labels, List<double[]>> groups = new LinkedHashMap<>();
        Map<Labels, Boolean> simulated = new LinkedHashMap<>();
        int buckets = -1;
        for (SeriesRef ref : store.select(matchers)) {
            Downsampled d = store.downsample(ref, from, toMs, step, null);
            buckets = d.buckets();
            double[] avg = d.averagesInto(new double[buckets]);
            Labels group = ref.key().labels().keep(by);
            groups.computeIfAbsent(group, g -> new ArrayList<>()).add(avg);
            simulated.merge(group, ref.key().simulated(), Boolean::logicalOr);
        }
        List<TimeSeries> out = new ArrayList<>();
        for (var e : groups.entrySet()) {
            List<double[]> members = e.getValue();
            double[] values = new double[buckets];
            double[] column = new double[members.size()];
            for (int i = 0; i < buckets; i++) {
                for (int m = 0; m < members.size(); m++) {
                    column[m] = members.get(m)[i];
                }
                values[i] = fn.apply(column, column.length);
            }
            out.add(new TimeSeries(e.getKey(), from, step, values, values, values, simulated.get(e.getKey())));
        }
        return inLabelOrder(out, TimeSeries::labels);
    }

    /** The latest values of matching series combined per group, e.g. current requests/s by region. */
    public List<SeriesValue> aggregateLatest(List<Matcher> matchers, List<String> by, Aggregation fn) {
        Map<Labels, List<SeriesValue>> groups = new LinkedHashMap<>();
        for (SeriesValue v : latest(matchers)) {
            groups.computeIfAbsent(v.labels().keep(by), g -> new ArrayList<>()).add(v);
        }
        List<SeriesValue> out = new ArrayList<>();
        for (var e : groups.entrySet()) {
            double[] values = e.getValue().stream().mapToDouble(SeriesValue::value).toArray();
            long ts = e.getValue().stream().mapToLong(SeriesValue::timestampMs).max().orElse(0);
            out.add(new SeriesValue(e.getKey(), ts, fn.apply(values, values.length)));
        }
        return inLabelOrder(out, SeriesValue::labels);
    }

    /** The k matching series with the highest latest value, highest first; NaN values last. */
    public List<SeriesValue> topK(int k, List<Matcher> matchers) {
        List<SeriesValue> all = new ArrayList<>(latest(matchers));
        all.sort(Comparator.comparingDouble((SeriesValue v) -> Double.isNaN(v.value()) ? Double.NEGATIVE_INFINITY
                : v.value()).reversed());
        return all.subList(0, Math.min(k, all.size()));
    }

    private static Labels withName(SeriesKey key) {
        return key.labels().with(Matcher.NAME, key.metric());
    }

    /**
     * The items ordered by their labels' canonical text, each text made once (a comparator making it
     * at every comparison made 2 log2(n) strings an item, on every read of the dashboards).
     */
    private static <T> List<T> inLabelOrder(List<T> items, java.util.function.Function<T, Labels> labels) {
        record Keyed<T>(String text, T item) {
        }
        List<Keyed<T>> keyed = new ArrayList<>(items.size());
        for (T item : items) {
            keyed.add(new Keyed<>(labels.apply(item).toString(), item));
        }
        keyed.sort(Comparator.comparing(Keyed::text));
        List<T> out = new ArrayList<>(items.size());
        for (Keyed<T> k : keyed) {
            out.add(k.item());
        }
        return out;
    }
}
