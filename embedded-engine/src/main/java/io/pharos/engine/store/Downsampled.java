package io.pharos.engine.store;

/**
 * A series reduced to buckets of {@code stepMs} starting at {@code fromMs}: per bucket the count, min,
 * max and sum of the samples in it (count 0: no data). Charts draw min/max bands and the average.
 */
public record Downsampled(SeriesRef series, long fromMs, long stepMs, long[] count, double[] min, double[] max,
                          double[] sum) {

    public int buckets() {
        return count.length;
    }

    public long bucketStart(int i) {
        return fromMs + i * stepMs;
    }

    public double avg(int i) {
        return count[i] == 0 ? Double.NaN : sum[i] / count[i];
    }

    /** Every bucket's average (NaN where empty) into {@code out}, which has {@link #buckets()} places. */
    public double[] averagesInto(double[] out) {
        for (int i = 0; i < count.length; i++) {
            out[i] = avg(i);
        }
        return out;
    }

    static Downsampled empty(SeriesRef series, long fromMs, long toMs, long stepMs) {
        int n = bucketsFor(fromMs, toMs, stepMs);
        double[] min = new double[n];
        double[] max = new double[n];
        java.util.Arrays.fill(min, Double.NaN);
        java.util.Arrays.fill(max, Double.NaN);
        return new Downsampled(series, fromMs, stepMs, new long[n], min, max, new double[n]);
    }

    private static int bucketsFor(long fromMs, long toMs, long stepMs) {
        return (int) Math.max(1, Math.ceilDiv(toMs - fromMs + 1, stepMs));
    }

    /** True when a read of [fromMs, toMs] at this step has exactly these buckets. */
    boolean fits(long from, long toMs, long step) {
        return from == fromMs && step == stepMs && bucketsFor(from, toMs, step) == count.length;
    }

    /** These arrays emptied, for another series' read on the same grid. */
    Downsampled clearedFor(SeriesRef other) {
        java.util.Arrays.fill(count, 0);
        java.util.Arrays.fill(sum, 0);
        java.util.Arrays.fill(min, Double.NaN);
        java.util.Arrays.fill(max, Double.NaN);
        return new Downsampled(other, fromMs, stepMs, count, min, max, sum);
    }

    void add(long ts, double v) {
        if (ts < fromMs || Double.isNaN(v)) {
            return;
        }
        long idx = (ts - fromMs) / stepMs;
        if (idx >= count.length) {
            return;
        }
        int i = (int) idx;
        if (count[i] == 0 || v < min[i]) {
            min[i] = v;
        }
        if (count[i] == 0 || v > max[i]) {
            max[i] = v;
        }
        count[i]++;
        sum[i] += v;
    }

    void addBucket(long ts, long n, double bucketMin, double bucketMax, double bucketSum) {
        if (ts < fromMs || n == 0) {
            return;
        }
        long idx = (ts - fromMs) / stepMs;
        if (idx >= count.length) {
            return;
        }
        int i = (int) idx;
        if (count[i] == 0 || bucketMin < min[i]) {
            min[i] = bucketMin;
        }
        if (count[i] == 0 || bucketMax > max[i]) {
            max[i] = bucketMax;
        }
        count[i] += n;
        sum[i] += bucketSum;
    }
}
