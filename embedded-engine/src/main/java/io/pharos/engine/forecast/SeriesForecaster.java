package io.pharos.engine.forecast;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * An additive Holt-Winters forecaster for one series that learns as samples arrive: O(1) work and no
 * allocation per sample, about 1.5 KB per series (the daily profile dominates: 96 knots with the
 * default 15-minute buckets).
 *
 * <p>The model is {@code value(t) = level + trend · (t - last) + profile(t mod season)}:
 * <ul>
 * <li><b>profile</b>: the daily shape, knots every {@link ForecastConfig#bucket()}, linear between
 *     them. Each knot is a kernel-weighted mean of {@code value - baseline} around its time of day,
 *     where the baseline is the deseasonalised value averaged over {@link ForecastConfig#baselineTime()}:
 *     a running mean over the first days, then an exponential one over
 *     {@link ForecastConfig#seasonalMemory()} days.</li>
 * <li><b>level</b> and <b>trend</b>: Holt's double exponential smoothing of the deseasonalised value,
 *     with time constants instead of per-step weights, so any sample rate works (1 s, 10 s, 15 s,
 *     irregular). Residuals beyond {@link ForecastConfig#robustness()} standard deviations are clipped
 *     before they move level and trend, so one spike makes no trend.</li>
 * <li><b>fluctuation</b>: the one-sample residuals' mean square (the value's noise around the smooth
 *     forecast) and its recent extremes, the <i>excursions</i> above and below (largest residual, fading
 *     over {@link ForecastConfig#excursionMemory()}).</li>
 * <li><b>spread</b> of the smooth part, as measured: every {@link ForecastConfig#shortCheck()} the
 *     forecaster remembers its level and trend and later compares the level they forecast with the
 *     level it has learned by then, {@code shortCheck} and {@link ForecastConfig#longCheck()} ahead
 *     (staggered, so both horizons get a check every interval). The root mean squares of those errors
 *     give the smooth part's standard deviation: linear from 0 now through both horizons, extrapolated
 *     beyond.</li>
 * </ul>
 *
 * <p>A crossing is predicted where the forecast comes within the recent excursion (times
 * {@link ForecastConfig#noiseBand()}) of the threshold, since the value's own fluctuation will carry
 * it over there; its confidence is the probability, from the smooth part's spread, that this happens
 * at the most likely moment within the window.
 *
 * <p>Samples must come in time order; older or equal timestamps are ignored, as are NaN (staleness
 * markers) and infinite values. Not thread-safe: one thread updates and asks.
 */
public final class SeriesForecaster {
    private static final int MIN_CHECKS = 4;
    private static final int MIN_SAMPLES_FOR_CLIPPING = 10;
    /** Check errors beyond this many standard deviations count as this many (a Huber-type scale estimate). */
    private static final double CHECK_CLIP = 3;
    /** The constants of the last configuration used: forecasters of one configuration share them. */
    private static volatile Tuning lastTuning;

    private final Tuning k;

    private final double[] profile;
    /** Visited time (ms) each knot has learned from, capped at seasonalMemory buckets. */
    private final float[] weight;

    private boolean started;
    private long firstMs;
    private long lastMs;
    private double lastValue;
    private long samples;
    private double level;
    /** Per millisecond. */
    private double trend;
    private double baseline;
    /** Mean square of the one-sample residuals: the short-term fluctuation around the forecast. */
    private double residualVar;
    /** The largest recent residual above (and below) the forecast, fading over the excursion memory. */
    private double excursionUp;
    private double excursionDown;

    /** The index of the short-check interval the newest sample fell in. */
    private long interval;
    /** Slot 0: the running short check; slots 1..longSlots: the staggered long checks. */
    private final long[] checkFrom;
    private final double[] checkLevel;
    private final double[] checkTrend;
    private double shortVar;
    private double longVar;
    private int shortChecks;
    private int longChecks;

    /** Scratch of the last crossing scan (no allocation per call). */
    private long scanCrossingMs;
    private double scanMaxZ;
    private long scanMaxAtMs;

    /** A configuration's derived constants, in the units the hot path needs. */
    private static final class Tuning {
        final ForecastConfig config;
        final long seasonMs;
        final long bucketMs;
        final int buckets;
        final double inverseBucket;
        final double inverseLevelTime;
        final double inverseTrendTime;
        final double inverseBaselineTime;
        final double inverseResidualTime;
        final double inverseExcursionTime;
        final double dampingMs;
        final double weightCap;
        final double robustness;
        final double noiseBand;
        final long shortMs;
        final long longMs;
        final int longSlots;
        final long minHistoryMs;
        final int errorMemory;

        Tuning(ForecastConfig config) {
            this.config = config;
            seasonMs = config.season().toMillis();
            bucketMs = config.bucket().toMillis();
            buckets = (int) (seasonMs / bucketMs);
            inverseBucket = 1.0 / bucketMs;
            inverseLevelTime = 1.0 / config.levelTime().toMillis();
            inverseTrendTime = 1.0 / config.trendTime().toMillis();
            inverseBaselineTime = 1.0 / config.baselineTime().toMillis();
            shortMs = config.shortCheck().toMillis();
            longMs = config.longCheck().toMillis();
            inverseResidualTime = 1.0 / longMs;
            inverseExcursionTime = 1.0 / config.excursionMemory().toMillis();
            longSlots = (int) (longMs / shortMs);
            dampingMs = config.trendDamping().toMillis();
            weightCap = config.seasonalMemory() * bucketMs;
            robustness = config.robustness();
            noiseBand = config.noiseBand();
            minHistoryMs = config.minHistory().toMillis();
            errorMemory = config.errorMemory();
        }

        static Tuning of(ForecastConfig config) {
            Tuning t = lastTuning;
            if (t == null || !t.config.equals(config)) {
                t = new Tuning(config);
                lastTuning = t;
            }
            return t;
        }
    }

    public SeriesForecaster(ForecastConfig config) {
        this.k = Tuning.of(Objects.requireNonNull(config, "config"));
        profile = new double[k.buckets];
        weight = new float[k.buckets];
        checkFrom = new long[k.longSlots + 1];
        checkLevel = new double[k.longSlots + 1];
        checkTrend = new double[k.longSlots + 1];
        Arrays.fill(checkFrom, Long.MIN_VALUE);
    }

    public SeriesForecaster() {
        this(ForecastConfig.defaults());
    }

    public ForecastConfig config() {
        return k.config;
    }

    /**
     * Learns from one sample. Returns false (and learns nothing) for a sample not after the newest one,
     * or whose value is NaN or infinite.
     */
    public boolean update(long timeMs, double value) {
        if (!Double.isFinite(value)) {
            return false;
        }
        if (!started) {
            started = true;
            firstMs = timeMs;
            lastMs = timeMs;
            lastValue = value;
            samples = 1;
            level = value;
            baseline = value;
            interval = Math.floorDiv(timeMs, k.shortMs);
            startChecks(timeMs);
            return true;
        }
        if (timeMs <= lastMs) {
            return false;
        }
        long dt = timeMs - lastMs;
        double x = value - seasonal(timeMs);
        double ahead = trendAhead(dt);
        double predicted = level + trend * ahead;
        double residual = x - predicted;
        double clipped = residual;
        if (samples >= MIN_SAMPLES_FOR_CLIPPING && residualVar > 0) {
            double limit = k.robustness * Math.sqrt(residualVar);
            clipped = Math.max(-limit, Math.min(limit, residual));
        }
        double newLevel = predicted + (1 - Math.exp(-dt * k.inverseLevelTime)) * clipped;
        double decayedTrend = k.dampingMs > 0 ? trend * Math.exp(-dt / k.dampingMs) : trend;
        double observedSlope = (newLevel - level) / dt;
        trend = decayedTrend + (1 - Math.exp(-dt * k.inverseTrendTime)) * (observedSlope - decayedTrend);
        level = newLevel;
        residualVar += (1 - Math.exp(-dt * k.inverseResidualTime)) * (residual * residual - residualVar);
        double fade = Math.exp(-dt * k.inverseExcursionTime);
        excursionUp = Math.max(residual, excursionUp * fade);
        excursionDown = Math.max(-residual, excursionDown * fade);

        learnProfile(timeMs, value - baseline, Math.min(dt, k.bucketMs));
        baseline += (1 - Math.exp(-dt * k.inverseBaselineTime)) * (x - baseline);

        lastMs = timeMs;
        lastValue = value;
        samples++;
        long newInterval = Math.floorDiv(timeMs, k.shortMs);
        if (newInterval != interval) {
            finishChecks(timeMs, newInterval);
            interval = newInterval;
            startChecks(timeMs);
        }
        return true;
    }

    /**
     * Kernel regression of the profile: each of the two knots around the time moves towards the
     * target by its share of the sample ({@code 1 - f} and {@code f} of the interval) over the time it
     * has learned from, so a knot is a running mean of what it saw, then an exponential one once its
     * time reaches the seasonal memory. Always a convex step: stable at any sample rate.
     */
    private void learnProfile(long timeMs, double target, double dt) {
        double phase = Math.floorMod(timeMs, k.seasonMs) * k.inverseBucket;
        int i = Math.min((int) phase, k.buckets - 1);
        double f = phase - i;
        int j = i + 1 == k.buckets ? 0 : i + 1;
        double wi = (1 - f) * dt;
        double wj = f * dt;
        if (wi > 0) {
            double w = Math.min(weight[i] + wi, k.weightCap);
            weight[i] = (float) w;
            profile[i] += wi / w * (target - profile[i]);
        }
        if (wj > 0) {
            double w = Math.min(weight[j] + wj, k.weightCap);
            weight[j] = (float) w;
            profile[j] += wj / w * (target - profile[j]);
        }
    }

    /**
     * Compares the level the due checks forecast for now with the level learned by now: the error of
     * the forecast's smooth part, without the sample's own fluctuation (that is {@code residualVar}).
     */
    private void finishChecks(long timeMs, long newInterval) {
        if (newInterval == interval + 1) {
            double e = error(0, timeMs, k.shortMs);
            if (!Double.isNaN(e)) {
                shortChecks++;
                shortVar = meanSquare(shortVar, e, shortChecks);
            }
        }
        double e = error(1 + (int) Math.floorMod(newInterval, (long) k.longSlots), timeMs, k.longMs);
        if (!Double.isNaN(e)) {
            longChecks++;
            longVar = meanSquare(longVar, e, longChecks);
        }
    }

    /**
     * Adds a check's error to a running mean square (over the first {@code errorMemory} checks, then
     * exponentially over that many). Once a quarter of the memory is filled, an error is counted at
     * most as {@link #CHECK_CLIP} standard deviations: a sudden change (a leak begins) raises the spread
     * step by step rather than at once, so the forecaster does not lose faith in the trend it is
     * learning because of the one it had before; a lasting change still raises it within hours.
     */
    private double meanSquare(double var, double e, int count) {
        double sq = e * e;
        if (count > k.errorMemory / 4) {
            sq = Math.min(sq, CHECK_CLIP * CHECK_CLIP * var);
        }
        return var + (sq - var) / Math.min(count, k.errorMemory);
    }

    /** A check's level error, or NaN when the check is empty or not about this far ahead (after a gap). */
    private double error(int slot, long timeMs, long horizonMs) {
        long from = checkFrom[slot];
        if (from == Long.MIN_VALUE) {
            return Double.NaN;
        }
        long ahead = timeMs - from;
        if (ahead < horizonMs || ahead > horizonMs + k.shortMs / 2) {
            return Double.NaN;
        }
        return level - (checkLevel[slot] + checkTrend[slot] * trendAhead(ahead));
    }

    /** Remembers the current level and trend for the short check and this interval's long check. */
    private void startChecks(long timeMs) {
        remember(0, timeMs);
        remember(1 + (int) Math.floorMod(interval, (long) k.longSlots), timeMs);
    }

    private void remember(int slot, long timeMs) {
        checkFrom[slot] = timeMs;
        checkLevel[slot] = level;
        checkTrend[slot] = trend;
    }

    /** How far the trend carries in {@code aheadMs}: the time itself, or less when damped. */
    private double trendAhead(double aheadMs) {
        return k.dampingMs > 0 ? k.dampingMs * (1 - Math.exp(-aheadMs / k.dampingMs)) : aheadMs;
    }

    /** The seasonal profile at a time (its offset from the level). */
    public double seasonal(long timeMs) {
        double phase = Math.floorMod(timeMs, k.seasonMs) * k.inverseBucket;
        int i = Math.min((int) phase, k.buckets - 1);
        double f = phase - i;
        int j = i + 1 == k.buckets ? 0 : i + 1;
        return profile[i] + (profile[j] - profile[i]) * f;
    }

    /** The point forecast for a time (for times before the newest sample, the model's fit there). */
    public double valueAt(long timeMs) {
        return level + trend * trendAhead(Math.max(0, timeMs - lastMs)) + seasonal(timeMs);
    }

    /** The forecast for a time, with the spread of past errors at that distance. */
    public Forecast forecast(long timeMs) {
        return new Forecast(timeMs, valueAt(timeMs), sigma(Math.max(0, timeMs - lastMs)));
    }

    /** The forecast {@code ahead} after the newest sample. */
    public Forecast forecast(Duration ahead) {
        return forecast(lastMs + ahead.toMillis());
    }

    /**
     * The standard deviation of the forecast error {@code aheadMs} after the newest sample: the error
     * of the smooth part ({@link #smoothSigma}) and the short-term fluctuation of a single sample
     * combined.
     */
    public double sigma(long aheadMs) {
        double m = smoothSigma(aheadMs);
        return Math.sqrt(m * m + residualVar);
    }

    /**
     * The standard deviation of the error of the forecast's smooth part (level, trend, profile)
     * {@code aheadMs} ahead, as measured by the checks: 0 now, the measured errors at the short and the
     * long check horizon, linear in between and extrapolated beyond; never decreasing with distance.
     */
    public double smoothSigma(long aheadMs) {
        double s1 = Math.sqrt(shortVar);
        double s2 = Math.max(s1, Math.sqrt(longVar));
        if (aheadMs <= k.shortMs) {
            return s1 * aheadMs / k.shortMs;
        }
        return s1 + (s2 - s1) * (aheadMs - k.shortMs) / (k.longMs - k.shortMs);
    }

    /**
     * How far above the forecast the value has poked recently (the largest residual, decaying over the
     * long check's time); for {@link Direction#BELOW}, how far below.
     */
    public double excursion(Direction direction) {
        return direction == Direction.ABOVE ? excursionUp : excursionDown;
    }

    /**
     * The earliest time within {@code horizon} after the newest sample at which the forecast crosses
     * the threshold, or empty when it does not.
     */
    public Optional<Crossing> predictCrossing(double threshold, Direction direction, Duration horizon) {
        return predictCrossing(threshold, direction, lastMs, lastMs + horizon.toMillis());
    }

    /**
     * The earliest time in [fromMs, toMs] at which the point forecast is beyond the threshold (fromMs
     * itself when it already is there), with its confidence (see {@link Crossing#confidence()}); empty
     * when the forecast stays on the good side or nothing was learned yet. Costs one step per bucket
     * boundary in the window.
     */
    public Optional<Crossing> predictCrossing(double threshold, Direction direction, long fromMs, long toMs) {
        if (!scan(threshold, direction, fromMs, toMs) || scanCrossingMs == Long.MIN_VALUE) {
            return Optional.empty();
        }
        return Optional.of(new Crossing(scanCrossingMs, Normal.cdf(scanMaxZ), scanMaxAtMs, lastMs));
    }

    /**
     * The highest probability, over [fromMs, toMs], that the value is beyond the threshold at that
     * moment: the confidence of a crossing, also when the point forecast does not cross. 0 before the
     * first sample.
     */
    public double chanceBeyond(double threshold, Direction direction, long fromMs, long toMs) {
        return scan(threshold, direction, fromMs, toMs) ? Normal.cdf(scanMaxZ) : 0;
    }

    /**
     * Walks the window in pieces on which the forecast and its spread are both linear (bucket knots and
     * the check horizons split it), so the first crossing is found exactly by interpolation and the
     * largest z-score lies at a piece's end.
     */
    private boolean scan(double threshold, Direction direction, long fromMs, long toMs) {
        if (!started) {
            return false;
        }
        long a = Math.max(fromMs, lastMs);
        long end = Math.max(a, toMs);
        double margin = k.noiseBand * excursion(direction);
        double ga = direction.beyond(valueAt(a), threshold) + margin;
        scanCrossingMs = ga > 0 ? a : Long.MIN_VALUE;
        scanMaxZ = z(ga, smoothSigma(a - lastMs));
        scanMaxAtMs = a;
        long shortAt = lastMs + k.shortMs;
        long longAt = lastMs + k.longMs;
        while (a < end) {
            long b = (Math.floorDiv(a, k.bucketMs) + 1) * k.bucketMs;
            if (a < shortAt && shortAt < b) {
                b = shortAt;
            } else if (a < longAt && longAt < b) {
                b = longAt;
            }
            b = Math.min(b, end);
            double gb = direction.beyond(valueAt(b), threshold) + margin;
            double zb = z(gb, smoothSigma(b - lastMs));
            if (zb > scanMaxZ) {
                scanMaxZ = zb;
                scanMaxAtMs = b;
            }
            if (scanCrossingMs == Long.MIN_VALUE && gb > 0) {
                scanCrossingMs = a + (long) Math.ceil((b - a) * (-ga / (gb - ga)));
            }
            a = b;
            ga = gb;
        }
        return true;
    }

    private static double z(double beyond, double sigma) {
        if (sigma > 0) {
            return beyond / sigma;
        }
        return beyond > 0 ? Double.POSITIVE_INFINITY : beyond < 0 ? Double.NEGATIVE_INFINITY : 0;
    }

    /**
     * Whether the forecasts can be trusted: at least {@link ForecastConfig#minHistory()} of history,
     * and a few checks at each horizon so the spread is measured, not guessed.
     */
    public boolean ready() {
        return started && lastMs - firstMs >= k.minHistoryMs && shortChecks >= MIN_CHECKS && longChecks >= MIN_CHECKS;
    }

    /** The time of the newest sample (epoch ms); meaningless before the first. */
    public long lastTimestamp() {
        return lastMs;
    }

    /** The newest sample's value; NaN before the first. */
    public double lastValue() {
        return started ? lastValue : Double.NaN;
    }

    /** How long this series has been learned (newest minus first sample), in ms. */
    public long historyMs() {
        return started ? lastMs - firstMs : 0;
    }

    public long samples() {
        return samples;
    }

    /** The deseasonalised level at the newest sample. */
    public double level() {
        return level;
    }

    /** The trend, in value units per hour. */
    public double trendPerHour() {
        return trend * 3_600_000;
    }
}
