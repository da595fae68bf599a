package io.pharos.engine.forecast;

import io.pharos.engine.model.Labels;
import io.pharos.engine.query.TimeSeries;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Capacity forecasts: pure functions of a usage history and a capacity. Usage is what the group
 * consumes (for CPU: the sum over its hosts of their utilisation ratio, in host-equivalents; for
 * requests: requests per second), capacity is what it has in the same unit (hosts; hosts × requests
 * one host serves before it saturates).
 *
 * <p>Method: the history is cut into 24-hour windows ending at its last sample; each window with at
 * least half its points gives a daily peak (the plan's quantile of its values). A robust line
 * (Theil–Sen: the median of the slopes between every two days; the intercept the median of the
 * residuals) through the daily peaks gives the current peak (the line at the end of the data) and
 * the growth per day; with fewer than three days there is no trend and the current peak is the
 * highest daily peak. Time to exhaustion is when the line reaches the capacity; the capacity needed
 * keeps the plan's headroom free at the larger of the growth target's peak (current × (1 + growth))
 * and the line's value at the end of the plan's period. Scaling the usage with traffic is
 * conservative for utilisation ratios, whose idle part does not grow.
 */
public final class CapacityPlanner {
    private static final long DAY_MS = 86_400_000L;
    private static final int MIN_TREND_DAYS = 3;

    private CapacityPlanner() {
    }

    /** The forecast of one group from its usage as the query service returns it (NaN where no data). */
    public static CapacityForecast forecast(String resource, TimeSeries usage, double capacity, double unitCapacity,
            CapacityPlan plan) {
        long[] times = new long[usage.size()];
        for (int i = 0; i < times.length; i++) {
            times[i] = usage.time(i);
        }
        long endMs = usage.size() == 0 ? usage.fromMs() : usage.time(usage.size() - 1) + usage.stepMs();
        return forecast(resource, usage.labels(), times, usage.values(), endMs, capacity, unitCapacity, plan);
    }

    /**
     * One forecast per group: {@code usageByGroup} as {@code QueryService.aggregate} returns it (for
     * example sum by region), the capacity of each group from its labels.
     */
    public static List<CapacityForecast> forecastEach(String resource, List<TimeSeries> usageByGroup,
            ToDoubleFunction<Labels> capacityOf, double unitCapacity, CapacityPlan plan) {
        List<CapacityForecast> out = new ArrayList<>();
        for (TimeSeries usage : usageByGroup) {
            out.add(forecast(resource, usage, capacityOf.applyAsDouble(usage.labels()), unitCapacity, plan));
        }
        return out;
    }

    /**
     * The forecast of one group from samples in time order.
     *
     * @param endMs        "now": the end of the data; daily windows end here
     * @param capacity     the group's capacity, in the usage's units; positive
     * @param unitCapacity the capacity one unit (host) adds; positive
     */
    public static CapacityForecast forecast(String resource, Labels group, long[] times, double[] values, long endMs,
            double capacity, double unitCapacity, CapacityPlan plan) {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(plan, "plan");
        if (times.length != values.length) {
            throw new IllegalArgumentException("times and values differ in length: " + times.length + " and " + values.length);
        }
        if (!(capacity > 0) || !(unitCapacity > 0)) {
            throw new IllegalArgumentException("capacity and unit capacity must be positive, got " + capacity + " and "
                    + unitCapacity);
        }
        double[][] peaks = dailyPeaks(times, values, endMs, plan.peakQuantile());
        double[] dayX = peaks[0];
        double[] peakY = peaks[1];
        int days = dayX.length;
        double slope = Double.NaN;
        double current;
        if (days >= MIN_TREND_DAYS) {
            slope = theilSenSlope(dayX, peakY);
            double[] residuals = new double[days];
            for (int i = 0; i < days; i++) {
                residuals[i] = peakY[i] - slope * dayX[i];
            }
            current = median(residuals); // the line's value at x = 0, the end of the data
        } else {
            current = days == 0 ? Double.NaN : Arrays.stream(peakY).max().orElseThrow();
        }
        Optional<Duration> toExhaustion = timeTo(capacity, current, slope);
        Optional<Duration> toHeadroom = timeTo(capacity * (1 - plan.headroom()), current, slope);
        double periodDays = plan.growthPeriod().toMillis() / (double) DAY_MS;
        double atTarget = current * (1 + plan.growth());
        double atTrend = Double.isNaN(slope) ? Double.NaN : current + slope * periodDays;
        double planned = Double.isNaN(atTrend) ? atTarget : Math.max(atTarget, atTrend);
        double needed = planned / (1 - plan.headroom());
        long neededUnits = Double.isNaN(needed) ? 0 : (long) Math.ceil(needed / unitCapacity - 1e-9);
        long haveUnits = Math.round(capacity / unitCapacity);
        return new CapacityForecast(resource, group, plan, endMs, capacity, unitCapacity, days, current, slope,
                toExhaustion, toHeadroom, atTarget, atTrend, needed, neededUnits, neededUnits - haveUnits);
    }

    /** Time until the line {@code current + slope · t} reaches {@code limit}: zero if it has, empty if it never does. */
    private static Optional<Duration> timeTo(double limit, double current, double slope) {
        if (Double.isNaN(current)) {
            return Optional.empty();
        }
        if (current >= limit) {
            return Optional.of(Duration.ZERO);
        }
        if (Double.isNaN(slope) || slope <= 0) {
            return Optional.empty();
        }
        double days = (limit - current) / slope;
        return Optional.of(Duration.ofMillis((long) Math.min(Long.MAX_VALUE / 2.0, days * DAY_MS)));
    }

    /**
     * The peaks of the 24-hour windows ending at {@code endMs}: x in days relative to the end (window
     * middles, negative), y the quantile. Windows with fewer than half the points of the fullest are skipped.
     */
    static double[][] dailyPeaks(long[] times, double[] values, long endMs, double quantile) {
        List<double[]> windows = new ArrayList<>();
        List<Integer> index = new ArrayList<>();
        for (int i = 0; i < times.length; i++) {
            if (Double.isNaN(values[i]) || times[i] >= endMs) {
                continue;
            }
            int k = (int) ((endMs - 1 - times[i]) / DAY_MS);
            while (windows.size() <= k) {
                windows.add(new double[16]);
                index.add(0);
            }
            double[] w = windows.get(k);
            int n = index.get(k);
            if (n == w.length) {
                w = Arrays.copyOf(w, n * 2);
                windows.set(k, w);
            }
            w[n] = values[i];
            index.set(k, n + 1);
        }
        int fullest = index.stream().mapToInt(Integer::intValue).max().orElse(0);
        List<double[]> points = new ArrayList<>();
        for (int k = windows.size() - 1; k >= 0; k--) {
            int n = index.get(k);
            if (n == 0 || n * 2 < fullest) {
                continue;
            }
            double[] w = Arrays.copyOf(windows.get(k), n);
            Arrays.sort(w);
            double rank = quantile * (n - 1);
            int lo = (int) Math.floor(rank);
            int hi = Math.min(n - 1, lo + 1);
            points.add(new double[] {-(k + 0.5), w[lo] + (w[hi] - w[lo]) * (rank - lo)});
        }
        double[] x = new double[points.size()];
        double[] y = new double[points.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = points.get(i)[0];
            y[i] = points.get(i)[1];
        }
        return new double[][] {x, y};
    }

    /** The median of the slopes between every two points with different x. */
    static double theilSenSlope(double[] x, double[] y) {
        double[] slopes = new double[x.length * (x.length - 1) / 2];
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = i + 1; j < x.length; j++) {
                if (x[j] != x[i]) {
                    slopes[n++] = (y[j] - y[i]) / (x[j] - x[i]);
                }
            }
        }
        return n == 0 ? Double.NaN : median(Arrays.copyOf(slopes, n));
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
