package io.pharos.engine.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.LongToDoubleFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SeriesForecasterTest {
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;
    /** Wednesday 2025-03-05 00:00 UTC. */
    private static final long T0 = 1_741_132_800_000L;

    /** A daily cosine (peak 15:00 UTC) around 10 with amplitude 3, plus a little Gaussian noise. */
    private static LongToDoubleFunction daily(SplittableRandom noise) {
        return t -> 10 + 3 * Math.cos(2 * Math.PI * ((t % DAY) / (double) DAY - 15 / 24.0)) + 0.05 * gaussian(noise);
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    private static SeriesForecaster feed(LongToDoubleFunction f, long from, long to, long stepMs) {
        SeriesForecaster forecaster = new SeriesForecaster();
        for (long t = from; t < to; t += stepMs) {
            forecaster.update(t, f.applyAsDouble(t));
        }
        return forecaster;
    }

    @ParameterizedTest(name = "every {0} s")
    @ValueSource(ints = {1, 10, 15})
    void learnsTheDailyProfileAndForecastsItAtAnySampleRate(int stepSeconds) {
        LongToDoubleFunction f = daily(new SplittableRandom(7));
        SeriesForecaster forecaster = feed(f, T0, T0 + 3 * DAY + 10 * HOUR, stepSeconds * 1000L);

        long now = forecaster.lastTimestamp();
        for (int hoursAhead = 1; hoursAhead <= 6; hoursAhead++) {
            long t = now + hoursAhead * HOUR;
            double truth = 10 + 3 * Math.cos(2 * Math.PI * ((t % DAY) / (double) DAY - 15 / 24.0));
            assertThat(forecaster.valueAt(t)).as("%d h ahead", hoursAhead).isCloseTo(truth, offset(0.25));
        }
        assertThat(forecaster.trendPerHour()).isCloseTo(0, offset(0.1));
        assertThat(forecaster.ready()).isTrue();
    }

    @ParameterizedTest(name = "every {0} s")
    @ValueSource(ints = {1, 10, 15})
    void learnsATrendOnTopOfTheProfileAtAnySampleRate(int stepSeconds) {
        LongToDoubleFunction seasonal = daily(new SplittableRandom(11));
        long rampStart = T0 + 7 * DAY;
        LongToDoubleFunction f = t -> seasonal.applyAsDouble(t) + (t > rampStart ? 0.5 * (t - rampStart) / (double) HOUR : 0);
        SeriesForecaster forecaster = feed(f, T0, rampStart + 3 * HOUR, stepSeconds * 1000L);

        assertThat(forecaster.trendPerHour()).isCloseTo(0.5, offset(0.1));
        long t = forecaster.lastTimestamp() + HOUR;
        double truth = 10 + 3 * Math.cos(2 * Math.PI * ((t % DAY) / (double) DAY - 15 / 24.0)) + 0.5 * 4;
        assertThat(forecaster.valueAt(t)).isCloseTo(truth, offset(0.3));
    }

    @Test
    void predictsWhenARampCrossesTheThresholdWithHighConfidence() {
        LongToDoubleFunction seasonal = daily(new SplittableRandom(3));
        long rampStart = T0 + 7 * DAY;
        LongToDoubleFunction f = t -> seasonal.applyAsDouble(t) + (t > rampStart ? 2.0 * (t - rampStart) / (double) HOUR : 0);
        SeriesForecaster forecaster = feed(f, T0, rampStart + 2 * HOUR, 15_000);
        long now = forecaster.lastTimestamp();
        // the true crossing of 20: find it on the noiseless curve
        long trueCrossing = now;
        while (10 + 3 * Math.cos(2 * Math.PI * ((trueCrossing % DAY) / (double) DAY - 15 / 24.0))
                + 2.0 * (trueCrossing - rampStart) / (double) HOUR <= 20) {
            trueCrossing += 1000;
        }

        Optional<Crossing> crossing = forecaster.predictCrossing(20, Direction.ABOVE, Duration.ofHours(6));

        assertThat(crossing).isPresent();
        assertThat(crossing.get().atMs()).isCloseTo(trueCrossing, offset(20 * 60_000L));
        assertThat(crossing.get().confidence()).isGreaterThan(0.9);
        assertThat(crossing.get().forecastFromMs()).isEqualTo(now);
        assertThat(forecaster.predictCrossing(40, Direction.ABOVE, Duration.ofHours(1))).isEmpty();
        assertThat(forecaster.chanceBeyond(40, Direction.ABOVE, now, now + HOUR)).isLessThan(0.01);
    }

    @Test
    void aFallingSeriesCrossesBelow() {
        long start = T0 + 7 * DAY;
        LongToDoubleFunction f = t -> 100 - (t > start ? 10.0 * (t - start) / HOUR : 0);
        SeriesForecaster forecaster = feed(f, T0, start + 2 * HOUR, 15_000);
        Optional<Crossing> crossing = forecaster.predictCrossing(60, Direction.BELOW, Duration.ofHours(3));
        assertThat(crossing).isPresent();
        assertThat(crossing.get().atMs()).isCloseTo(start + 4 * HOUR, offset(15 * 60_000L));
        assertThat(forecaster.predictCrossing(90, Direction.ABOVE, Duration.ofHours(3))).isEmpty();
        // a value already on the bad side crosses now
        long now = forecaster.lastTimestamp();
        assertThat(forecaster.predictCrossing(60, Direction.ABOVE, Duration.ofHours(3)))
                .hasValueSatisfying(c -> assertThat(c.atMs()).isEqualTo(now));
    }

    @Test
    void aFlatSeriesIsForecastFlatWithATightInterval() {
        SplittableRandom r = new SplittableRandom(5);
        SeriesForecaster forecaster = feed(t -> 50 + 0.5 * gaussian(r), T0, T0 + 2 * DAY, 15_000);
        Forecast in1h = forecaster.forecast(Duration.ofHours(1));
        assertThat(in1h.value()).isCloseTo(50, offset(0.5));
        assertThat(in1h.sigma()).isBetween(0.3, 1.5);
        assertThat(in1h.lower(0.95)).isLessThan(in1h.value()).isGreaterThan(45);
        assertThat(in1h.upper(0.95)).isGreaterThan(in1h.value()).isLessThan(55);
        assertThat(forecaster.predictCrossing(60, Direction.ABOVE, Duration.ofHours(1))).isEmpty();
    }

    @Test
    void aSingleSpikeDoesNotMakeATrend() {
        SplittableRandom r = new SplittableRandom(9);
        SeriesForecaster forecaster = feed(t -> 50 + 0.5 * gaussian(r), T0, T0 + 2 * DAY, 15_000);
        long t = forecaster.lastTimestamp() + 15_000;
        forecaster.update(t, 500);
        forecaster.update(t + 15_000, 50);
        assertThat(forecaster.trendPerHour()).isCloseTo(0, offset(2.0));
        assertThat(forecaster.valueAt(t + HOUR)).isCloseTo(50, offset(2.0));
    }

    @Test
    void ignoresOldDuplicateAndNonFiniteSamples() {
        SeriesForecaster forecaster = new SeriesForecaster();
        assertThat(forecaster.update(T0, 1)).isTrue();
        assertThat(forecaster.update(T0, 2)).isFalse();
        assertThat(forecaster.update(T0 - 1000, 3)).isFalse();
        assertThat(forecaster.update(T0 + 1000, Double.NaN)).isFalse();
        assertThat(forecaster.update(T0 + 1000, Double.POSITIVE_INFINITY)).isFalse();
        assertThat(forecaster.samples()).isEqualTo(1);
        assertThat(forecaster.lastValue()).isEqualTo(1);
    }

    @Test
    void isReadyAfterAWholeSeasonOnly() {
        SeriesForecaster forecaster = feed(daily(new SplittableRandom(1)), T0, T0 + 23 * HOUR, 15_000);
        assertThat(forecaster.ready()).isFalse();
        for (long t = T0 + 23 * HOUR; t <= T0 + 25 * HOUR; t += 15_000) {
            forecaster.update(t, 10);
        }
        assertThat(forecaster.ready()).isTrue();
        assertThat(forecaster.historyMs()).isGreaterThanOrEqualTo(DAY);
    }

    @Test
    void theSpreadGrowsWithTheDistanceAhead() {
        SplittableRandom r = new SplittableRandom(13);
        // a random walk: the further ahead, the less anyone knows
        double[] walk = {100};
        SeriesForecaster forecaster = feed(t -> walk[0] += 0.05 * gaussian(r), T0, T0 + 2 * DAY, 15_000);
        double s15 = forecaster.sigma(15 * 60_000);
        double s60 = forecaster.sigma(HOUR);
        double s120 = forecaster.sigma(2 * HOUR);
        assertThat(s15).isPositive();
        assertThat(s60).isGreaterThan(s15);
        assertThat(s120).isGreaterThan(s60);
    }

    @Test
    void beforeAnySampleThereIsNoCrossing() {
        SeriesForecaster forecaster = new SeriesForecaster();
        assertThat(forecaster.predictCrossing(1, Direction.ABOVE, Duration.ofHours(1))).isEmpty();
        assertThat(forecaster.lastValue()).isNaN();
        assertThat(forecaster.ready()).isFalse();
    }
}
