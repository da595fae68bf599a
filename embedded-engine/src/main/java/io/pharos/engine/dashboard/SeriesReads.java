package io.pharos.engine.dashboard;

import io.pharos.engine.model.Labels;
import io.pharos.engine.model.Matcher;
import io.pharos.engine.query.Aggregation;
import io.pharos.engine.query.QueryService;
import io.pharos.engine.query.TimeSeries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The dashboard's reads through the query API, and the arithmetic over what they return: per-series
 * step averages ({@link QueryService#aggregate} by region, provider and service or resource), combined
 * into request-weighted means and sums per region. Remembers whether any series read was simulated.
 * One instance per summary: not thread-safe.
 */
final class SeriesReads {
    static final String REGION = "region";
    static final String PROVIDER = "provider";
    static final String SERVICE = "service";
    static final List<String> BY_SERVICE = List.of(REGION, PROVIDER, SERVICE);
    static final List<String> BY_RESOURCE = List.of(REGION, PROVIDER, "resource");
    static final List<String> BY_REGION = List.of(REGION, PROVIDER);

    private final QueryService query;
    private final List<Matcher> scope;
    private final Pattern backend;
    private boolean simulated;
    private final java.util.Set<String> simulatedRegions = new java.util.TreeSet<>();

    SeriesReads(QueryService query, DashboardConfig config) {
        this.query = query;
        this.scope = config.scope();
        this.backend = Pattern.compile("^(?:" + config.backendServices() + ")$");
    }

    boolean simulated() {
        return simulated;
    }

    /** Whether any series of the region read so far was simulated. */
    boolean simulated(String region) {
        return simulatedRegions.contains(region);
    }

    /** Step averages of every matching series over [fromMs, toMs), one per group of {@code by}. */
    List<TimeSeries> read(String metric, List<String> by, long fromMs, long toMs, int points, Matcher... extra) {
        return read(metric, by, Aggregation.AVG, fromMs, toMs, points, extra);
    }

    List<TimeSeries> read(String metric, List<String> by, Aggregation fn, long fromMs, long toMs, int points,
            Matcher... extra) {
        List<Matcher> matchers = new ArrayList<>(scope.size() + extra.length + 1);
        matchers.add(Matcher.metric(metric));
        matchers.addAll(scope);
        matchers.addAll(List.of(extra));
        List<TimeSeries> out = query.aggregate(matchers, by, fn, fromMs, toMs - 1, points);
        for (TimeSeries t : out) {
            if (t.simulated() && hasData(t)) {
                simulated = true;
                simulatedRegions.add(region(t.labels()));
            }
        }
        return out;
    }

    /**
     * Step averages of each matching series on its own over [fromMs, toMs) at the given step (e.g.
     * the CPU of every host), where the groups of {@link #read} would hide which series had data.
     * The array is the same from one series to the next: the visit reads it, it does not keep it.
     */
    void eachSeries(String metric, long fromMs, long toMs, long stepMs, BiConsumer<Labels, double[]> visit) {
        List<Matcher> matchers = new ArrayList<>(scope.size() + 1);
        matchers.add(Matcher.metric(metric));
        matchers.addAll(scope);
        QueryService.Scratch scratch = new QueryService.Scratch();
        for (var ref : query.select(matchers)) {
            double[] averages = query.averagesAtStep(ref, fromMs, toMs - 1, stepMs, scratch);
            Labels labels = ref.key().labels();
            if (ref.key().simulated() && Arrays.stream(averages).anyMatch(v -> !Double.isNaN(v))) {
                simulated = true;
                simulatedRegions.add(region(labels));
            }
            visit.accept(labels, averages);
        }
    }

    /** True for series of services that serve users (not the backend regex), and for series without a service. */
    Predicate<Labels> userFacing() {
        return l -> !backend.matcher(l.get(SERVICE) == null ? "" : l.get(SERVICE)).matches();
    }

    Pattern backend() {
        return backend;
    }

    static String region(Labels labels) {
        String r = labels.get(REGION);
        return r == null ? "" : r;
    }

    static boolean hasData(TimeSeries t) {
        for (double v : t.values()) {
            if (!Double.isNaN(v)) {
                return true;
            }
        }
        return false;
    }

    /** The mean of a series' steps that have data; NaN when none has. */
    static double mean(TimeSeries t) {
        double sum = 0;
        int n = 0;
        for (double v : t.values()) {
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /**
     * Per region, the mean of each value series weighted step by step by the weight series of the same
     * labels (e.g. success ratio by requests), over the series the filter keeps.
     */
    static Map<String, Weighted> weightedByRegion(List<TimeSeries> values, List<TimeSeries> weights,
            Predicate<Labels> keep) {
        Map<Labels, TimeSeries> weightOf = new HashMap<>();
        for (TimeSeries w : weights) {
            weightOf.put(w.labels(), w);
        }
        Map<String, Weighted> out = new TreeMap<>();
        for (TimeSeries v : values) {
            TimeSeries w = weightOf.get(v.labels());
            if (w == null || !keep.test(v.labels())) {
                continue;
            }
            Weighted acc = out.computeIfAbsent(region(v.labels()), r -> new Weighted());
            int n = Math.min(v.size(), w.size());
            for (int i = 0; i < n; i++) {
                acc.add(v.values()[i], w.values()[i]);
            }
        }
        out.values().removeIf(w -> w.weight() == 0);
        return out;
    }

    /** All regions' weighted means together. */
    static double fleet(Map<String, Weighted> byRegion) {
        Weighted all = new Weighted();
        byRegion.values().forEach(all::addAll);
        return all.mean();
    }

    /** Per region, the sum over its series (kept by the filter) of each series' mean: e.g. requests/s. */
    static Map<String, Double> sumOfMeansByRegion(List<TimeSeries> series, Predicate<Labels> keep) {
        Map<String, Double> out = new TreeMap<>();
        for (TimeSeries t : series) {
            double m = mean(t);
            if (keep.test(t.labels()) && !Double.isNaN(m)) {
                out.merge(region(t.labels()), m, Double::sum);
            }
        }
        return out;
    }

    /** The sum of the regions' values; NaN when there is none. */
    static double total(Map<String, Double> byRegion) {
        return byRegion.isEmpty() ? Double.NaN : byRegion.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** The provider label of each region, from any of its series. */
    static void providers(List<TimeSeries> series, Map<String, String> into) {
        for (TimeSeries t : series) {
            String p = t.labels().get(PROVIDER);
            if (p != null) {
                into.putIfAbsent(region(t.labels()), p);
            }
        }
    }
}
