package io.pharos.engine.rules;

import java.util.Arrays;

/** PromQL's arithmetic over the samples of one range, kept identical to Prometheus 2.42. */
final class RangeMath {
    private RangeMath() {
    }

    /**
     * rate(), increase() and delta(): the change over the samples, extrapolated towards the range
     * edges as Prometheus does (up to half a sample interval beyond the first and last sample, never
     * below zero for counters), per second when {@code perSecond}.
     */
    static double extrapolatedDelta(long[] ts, double[] v, int n, long rangeStartMs, long rangeEndMs,
                                    boolean counter, boolean perSecond) {
        if (n < 2) {
            return Double.NaN;
        }
        double result = v[n - 1] - v[0];
        if (counter) {
            for (int i = 1; i < n; i++) {
                if (v[i] < v[i - 1]) {
                    result += v[i - 1];
                }
            }
        }
        double durationToStart = (ts[0] - rangeStartMs) / 1000.0;
        double durationToEnd = (rangeEndMs - ts[n - 1]) / 1000.0;
        double sampled = (ts[n - 1] - ts[0]) / 1000.0;
        double averageBetween = sampled / (n - 1);
        if (counter && result > 0 && v[0] >= 0) {
            // A counter cannot go below zero: do not extrapolate to before it would have been zero.
            double durationToZero = sampled * (v[0] / result);
            if (durationToZero < durationToStart) {
                durationToStart = durationToZero;
            }
        }
        double threshold = averageBetween * 1.1;
        double interval = sampled;
        interval += durationToStart < threshold ? durationToStart : averageBetween / 2;
        interval += durationToEnd < threshold ? durationToEnd : averageBetween / 2;
        result = result * (interval / sampled);
        if (perSecond) {
            result = result / ((rangeEndMs - rangeStartMs) / 1000.0);
        }
        return result;
    }

    /** irate() and idelta(): from the last two samples. */
    static double instantDelta(long[] ts, double[] v, int n, boolean perSecond) {
        if (n < 2) {
            return Double.NaN;
        }
        double last = v[n - 1];
        double previous = v[n - 2];
        double result = perSecond && last < previous ? last : last - previous; // irate: a reset counts from zero
        if (perSecond) {
            double seconds = (ts[n - 1] - ts[n - 2]) / 1000.0;
            if (seconds == 0) {
                return Double.NaN;
            }
            return result / seconds;
        }
        return result;
    }

    /** Least-squares slope (per second) and intercept at {@code interceptMs}. */
    static double[] linearRegression(long[] ts, double[] v, int n, long interceptMs) {
        double sumX = 0;
        double sumY = 0;
        double sumXY = 0;
        double sumX2 = 0;
        boolean constantY = true;
        for (int i = 0; i < n; i++) {
            double x = (ts[i] - interceptMs) / 1000.0;
            sumX += x;
            sumY += v[i];
            sumXY += x * v[i];
            sumX2 += x * x;
            constantY &= v[i] == v[0];
        }
        if (constantY) {
            return new double[] {0, v[0]};
        }
        double covXY = sumXY - sumX * sumY / n;
        double varX = sumX2 - sumX * sumX / n;
        double slope = covXY / varX;
        double intercept = sumY / n - slope * sumX / n;
        return new double[] {slope, intercept};
    }

    static double changes(double[] v, int n) {
        int c = 0;
        for (int i = 1; i < n; i++) {
            if (v[i] != v[i - 1] && !(Double.isNaN(v[i]) && Double.isNaN(v[i - 1]))) {
                c++;
            }
        }
        return c;
    }

    static double resets(double[] v, int n) {
        int c = 0;
        for (int i = 1; i < n; i++) {
            if (v[i] < v[i - 1]) {
                c++;
            }
        }
        return c;
    }

    /** Prometheus' quantile: linear interpolation between the closest ranks. */
    static double quantile(double q, double[] values, int n) {
        if (n == 0 || Double.isNaN(q)) {
            return Double.NaN;
        }
        if (q < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (q > 1) {
            return Double.POSITIVE_INFINITY;
        }
        double[] sorted = Arrays.copyOf(values, n);
        Arrays.sort(sorted);
        double rank = q * (n - 1);
        int lower = (int) Math.max(0, Math.floor(rank));
        int upper = Math.min(n - 1, lower + 1);
        double weight = rank - Math.floor(rank);
        return sorted[lower] * (1 - weight) + sorted[upper] * weight;
    }

    /** Population variance, as PromQL's stdvar. */
    static double variance(double[] values, int n) {
        double mean = 0;
        double m2 = 0;
        for (int i = 0; i < n; i++) {
            double delta = values[i] - mean;
            mean += delta / (i + 1);
            m2 += delta * (values[i] - mean);
        }
        return m2 / n;
    }

    /**
     * histogram_quantile over one histogram's cumulative buckets (upper bounds and counts, any
     * order), as Prometheus 2.42: the +Inf bucket is required, counts are made monotonic, and the
     * quantile is interpolated linearly inside its bucket.
     */
    static double bucketQuantile(double q, double[] upperBounds, double[] counts, int n) {
        if (Double.isNaN(q)) {
            return Double.NaN;
        }
        if (q < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (q > 1) {
            return Double.POSITIVE_INFINITY;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(upperBounds[a], upperBounds[b]));
        double[] ub = new double[n];
        double[] c = new double[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            double bound = upperBounds[order[i]];
            if (m > 0 && ub[m - 1] == bound) {
                c[m - 1] += counts[order[i]]; // the same bound twice (e.g. "1" and "1.0"): merged
            } else {
                ub[m] = bound;
                c[m] = counts[order[i]];
                m++;
            }
        }
        if (m == 0 || ub[m - 1] != Double.POSITIVE_INFINITY) {
            return Double.NaN;
        }
        for (int i = 1; i < m; i++) {
            if (c[i] < c[i - 1]) {
                c[i] = c[i - 1]; // scrapes of buckets are not atomic: small dips are smoothed, not trusted
            }
        }
        if (m < 2) {
            return Double.NaN;
        }
        double observations = c[m - 1];
        if (observations == 0) {
            return Double.NaN;
        }
        double rank = q * observations;
        int b = 0;
        while (b < m - 1 && c[b] < rank) {
            b++;
        }
        if (b == m - 1) {
            return ub[m - 2];
        }
        if (b == 0 && ub[0] <= 0) {
            return ub[0];
        }
        double start = 0;
        double end = ub[b];
        double count = c[b];
        if (b > 0) {
            start = ub[b - 1];
            count -= c[b - 1];
            rank -= c[b - 1];
        }
        return start + (end - start) * (rank / count);
    }
}
