package io.pharos.engine.forecast;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link SeriesForecaster} smooths. The smoothing constants are time constants rather than
 * per-sample weights, so one configuration behaves the same whether a series arrives every second or
 * every 15 seconds (each sample moves the estimate by {@code 1 - exp(-Δt / τ)}).
 *
 * @param season         the length of the seasonal cycle (one day); a multiple of {@code bucket}
 * @param bucket         spacing of the seasonal profile's knots; the profile is linear between knots
 * @param levelTime      τ of the level: how fast the forecast follows a change of the deseasonalised
 *                       value
 * @param trendTime      τ of the trend: how long a slope must persist to be believed
 * @param baselineTime   τ of the slow baseline the seasonal profile is learned against; much longer
 *                       than the level's, so the profile learns the daily shape rather than noise
 * @param seasonalMemory how many past cycles the profile remembers (a running mean over the first
 *                       ones, then an exponential average over this many)
 * @param trendDamping   τ of trend damping: a trend is extrapolated for {@code τ (1 - exp(-h/τ))}
 *                       rather than {@code h}; {@link Duration#ZERO} extrapolates it undamped
 * @param robustness     residuals beyond this many standard deviations are clipped before they move
 *                       level and trend, so a single spike does not make a trend
 * @param noiseBand      multiplies the recent excursion (how far the value has poked beyond its
 *                       forecast): a crossing is predicted where the forecast comes this close to the
 *                       threshold, since the value's own fluctuation will carry it over there; 0
 *                       predicts the crossing of the smooth forecast itself
 * @param excursionMemory how long a past excursion keeps counting (it fades exponentially)
 * @param shortCheck     horizon of the first forecast-error check (also the check interval)
 * @param longCheck      horizon of the second check; a multiple of {@code shortCheck}. The spread of
 *                       the errors actually made at both horizons gives the confidence of a forecast
 * @param errorMemory    how many checks per horizon the error spread averages over (errors beyond 3
 *                       standard deviations count as 3 once a quarter of them is filled)
 * @param minHistory     how much history a series needs before its forecasts are trusted: at least a
 *                       whole season, so the profile has seen every time of day
 */
public record ForecastConfig(Duration season, Duration bucket, Duration levelTime, Duration trendTime,
                             Duration baselineTime, double seasonalMemory, Duration trendDamping, double robustness,
                             double noiseBand, Duration excursionMemory, Duration shortCheck, Duration longCheck,
                             int errorMemory, Duration minHistory) {

    private static final ForecastConfig DEFAULTS = new ForecastConfig(Duration.ofDays(1), Duration.ofMinutes(15),
            Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofHours(3), 7, Duration.ZERO, 4, 1,
            Duration.ofHours(1), Duration.ofMinutes(15), Duration.ofHours(1), 96, Duration.ofDays(1));

    public ForecastConfig {
        Objects.requireNonNull(season, "season");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(levelTime, "levelTime");
        Objects.requireNonNull(trendTime, "trendTime");
        Objects.requireNonNull(baselineTime, "baselineTime");
        Objects.requireNonNull(trendDamping, "trendDamping");
        Objects.requireNonNull(excursionMemory, "excursionMemory");
        Objects.requireNonNull(shortCheck, "shortCheck");
        Objects.requireNonNull(longCheck, "longCheck");
        Objects.requireNonNull(minHistory, "minHistory");
        positive("bucket", bucket);
        positive("season", season);
        positive("levelTime", levelTime);
        positive("trendTime", trendTime);
        positive("baselineTime", baselineTime);
        positive("excursionMemory", excursionMemory);
        positive("shortCheck", shortCheck);
        positive("longCheck", longCheck);
        if (season.toMillis() % bucket.toMillis() != 0 || season.toMillis() / bucket.toMillis() < 4) {
            throw new IllegalArgumentException("the season " + season + " must be a multiple of the bucket " + bucket
                    + ", with at least 4 buckets");
        }
        if (longCheck.toMillis() % shortCheck.toMillis() != 0 || longCheck.compareTo(shortCheck) <= 0) {
            throw new IllegalArgumentException("the long check " + longCheck + " must be a multiple of the short check "
                    + shortCheck + " and longer");
        }
        if (!(seasonalMemory >= 1)) {
            throw new IllegalArgumentException("seasonal memory must be at least 1 season, got " + seasonalMemory);
        }
        if (!(noiseBand >= 0 && noiseBand < 10)) {
            throw new IllegalArgumentException("noise band must be between 0 and 10 standard deviations, got " + noiseBand);
        }
        if (!(robustness > 0)) {
            throw new IllegalArgumentException("robustness must be positive, got " + robustness);
        }
        if (errorMemory < 1) {
            throw new IllegalArgumentException("error memory must be at least 1 check, got " + errorMemory);
        }
        if (trendDamping.isNegative() || minHistory.isNegative()) {
            throw new IllegalArgumentException("trend damping and minimum history must not be negative");
        }
    }

    private static void positive(String name, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
    }

    /**
     * A daily season in 15-minute buckets remembered over 7 days, learned against a 3-hour baseline;
     * level τ 10 min, trend τ 30 min, undamped; residuals clipped at 4 σ; crossings predicted within
     * the excursion of the last hour; errors checked at 15 min and 1 h over 96 checks; trusted after a
     * day of history. Tuned on the reference fleet (docs/forecasting.md).
     */
    public static ForecastConfig defaults() {
        return DEFAULTS;
    }

    public ForecastConfig withSeason(Duration newSeason, Duration newBucket) {
        return new ForecastConfig(newSeason, newBucket, levelTime, trendTime, baselineTime, seasonalMemory, trendDamping,
                robustness, noiseBand, excursionMemory, shortCheck, longCheck, errorMemory, minHistory);
    }

    public ForecastConfig withSmoothing(Duration newLevelTime, Duration newTrendTime) {
        return new ForecastConfig(season, bucket, newLevelTime, newTrendTime, baselineTime, seasonalMemory, trendDamping,
                robustness, noiseBand, excursionMemory, shortCheck, longCheck, errorMemory, minHistory);
    }

    public ForecastConfig withBaselineTime(Duration newBaselineTime) {
        return new ForecastConfig(season, bucket, levelTime, trendTime, newBaselineTime, seasonalMemory, trendDamping,
                robustness, noiseBand, excursionMemory, shortCheck, longCheck, errorMemory, minHistory);
    }

    public ForecastConfig withSeasonalMemory(double seasons) {
        return new ForecastConfig(season, bucket, levelTime, trendTime, baselineTime, seasons, trendDamping,
                robustness, noiseBand, excursionMemory, shortCheck, longCheck, errorMemory, minHistory);
    }

    public ForecastConfig withTrendDamping(Duration newTrendDamping) {
        return new ForecastConfig(season, bucket, levelTime, trendTime, baselineTime, seasonalMemory, newTrendDamping,
                robustness, noiseBand, excursionMemory, shortCheck, longCheck, errorMemory, minHistory);
    }

    public ForecastConfig withRobustness(double sigmas) {
        return new ForecastConfig(season, bucket, levelTime, trendTime, baselineTime, seasonalMemory, trendDamping,
                sigmas, noiseBand, excursionMemory, shortCheck, longCheck, errorMemory, minHistory);
    }

    public ForecastConfig withNoiseBand(double sigmas) {
        return new ForecastConfig(season, bucket, levelTime, trendTime, baselineTime, seasonalMemory, trendDamping,
                robustness, sigmas, excursionMemory, shortCheck, longCheck, errorMemory, minHistory);
    }

    public ForecastConfig withExcursionMemory(Duration newExcursionMemory) {
        return new ForecastConfig(season, bucket, levelTime, trendTime, baselineTime, seasonalMemory, trendDamping,
                robustness, noiseBand, newExcursionMemory, shortCheck, longCheck, errorMemory, minHistory);
    }

    public ForecastConfig withChecks(Duration newShortCheck, Duration newLongCheck, int newErrorMemory) {
        return new ForecastConfig(season, bucket, levelTime, trendTime, baselineTime, seasonalMemory, trendDamping,
                robustness, noiseBand, excursionMemory, newShortCheck, newLongCheck, newErrorMemory, minHistory);
    }

    public ForecastConfig withMinHistory(Duration newMinHistory) {
        return new ForecastConfig(season, bucket, levelTime, trendTime, baselineTime, seasonalMemory, trendDamping,
                robustness, noiseBand, excursionMemory, shortCheck, longCheck, errorMemory, newMinHistory);
    }
}
