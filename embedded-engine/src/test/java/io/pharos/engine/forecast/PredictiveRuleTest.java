package io.pharos.engine.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pharos.engine.alerting.AlertLifecycle;
import io.pharos.engine.alerting.AlertPolicy;
import io.pharos.engine.alerting.AlertState;
import io.pharos.engine.model.Labels;
import io.pharos.engine.model.Matcher;
import io.pharos.engine.model.SeriesKey;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.function.LongToDoubleFunction;
import org.junit.jupiter.api.Test;

class PredictiveRuleTest {
    private static final long HOUR = 3_600_000L;
    private static final long T0 = 1_741_132_800_000L;
    private static final SeriesKey DISK = SeriesKey.of("disk_used_ratio", "host", "db-1", "region", "eu-west-1");
    private static final SeriesKey OTHER = SeriesKey.of("disk_used_ratio", "host", "web-1", "region", "us-east-1");
    private final PredictiveRule rule = PredictiveRule.above("DiskFillingUp", "disk_used_ratio", 0.9)
            .withMatchers(Matcher.eq("region", "eu-west-1"));

    /** A week at 0.5 with a little noise, then a rise of 0.1 per hour. */
    private static LongToDoubleFunction filling(long riseFrom) {
        SplittableRandom r = new SplittableRandom(1);
        return t -> 0.5 + 0.002 * (r.nextDouble() - 0.5) + (t > riseFrom ? 0.1 * (t - riseFrom) / HOUR : 0);
    }

    private static SeriesForecaster feed(LongToDoubleFunction f, long from, long to) {
        SeriesForecaster forecaster = new SeriesForecaster();
        for (long t = from; t <= to; t += 15_000) {
            forecaster.update(t, f.applyAsDouble(t));
        }
        return forecaster;
    }

    @Test
    void watchesItsMetricWhereTheMatchersHold() {
        assertThat(rule.watches(DISK)).isTrue();
        assertThat(rule.watches(OTHER)).isFalse();
        assertThat(rule.watches(SeriesKey.of("cpu", "region", "eu-west-1"))).isFalse();
    }

    @Test
    void predictsTheCrossingWithLeadTimeConfidenceAndAnExplanation() {
        long rise = T0 + 7 * 24 * HOUR;
        SeriesForecaster f = feed(filling(rise), T0, rise + 195 * 60_000L);
        long now = f.lastTimestamp();

        PredictiveResult result = rule.evaluate(DISK, f, now);

        assertThat(result.status()).isEqualTo(PredictiveResult.Status.PREDICTED);
        assertThat(result.holds()).isTrue();
        // 0.825 now, +0.1/h: 0.9 in 45 minutes (the smoothed level lags the ramp by a few minutes)
        assertThat(result.leadTime()).hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofMinutes(35),
                Duration.ofMinutes(60)));
        assertThat(result.confidence()).isGreaterThanOrEqualTo(0.99);
        assertThat(result.currentValue()).isCloseTo(0.825, org.assertj.core.data.Offset.offset(0.01));
        assertThat(result.predictedCrossing()).isPresent();
        assertThat(result.alertLabels()).isEqualTo(DISK.labels().with("alertname", "DiskFillingUp").with("kind", "predictive"));
        assertThat(result.explanation()).contains("is forecast to cross above 0.9 at", "in 5", "100 % confidence", "trend +0.09", "recently poked");
    }

    @Test
    void nothingIsPredictedForAFlatSeries() {
        SeriesForecaster f = feed(filling(Long.MAX_VALUE), T0, T0 + 7 * 24 * HOUR);
        PredictiveResult result = rule.evaluate(DISK, f, f.lastTimestamp());
        assertThat(result.status()).isEqualTo(PredictiveResult.Status.NO_CROSSING);
        assertThat(result.confidence()).isLessThan(0.01);
        assertThat(result.leadTime()).isEmpty();
        assertThat(result.explanation()).contains("is not forecast to cross above 0.9 within 1 h");
    }

    @Test
    void explainsEveryReasonForNotRaising() {
        long rise = T0 + 7 * 24 * HOUR;
        SeriesForecaster young = feed(filling(rise), T0, T0 + 3 * HOUR);
        assertThat(rule.evaluate(DISK, young, young.lastTimestamp()).status()).isEqualTo(PredictiveResult.Status.NOT_READY);
        assertThat(rule.evaluate(DISK, young, young.lastTimestamp()).explanation()).contains("3 h of history");
        assertThat(rule.evaluate(DISK, null, T0).status()).isEqualTo(PredictiveResult.Status.NOT_READY);
        assertThat(rule.evaluate(DISK, null, T0).explanation()).contains("no samples");

        SeriesForecaster rising = feed(filling(rise), T0, rise + 195 * 60_000L);
        long now = rising.lastTimestamp();
        PredictiveResult stale = rule.evaluate(DISK, rising, now + Duration.ofMinutes(6).toMillis());
        assertThat(stale.status()).isEqualTo(PredictiveResult.Status.STALE);
        assertThat(stale.explanation()).contains("sent nothing for 6 min");

        PredictiveResult tooSoon = rule.withMinLeadTime(Duration.ofMinutes(59)).evaluate(DISK, rising, now);
        assertThat(tooSoon.status()).isEqualTo(PredictiveResult.Status.TOO_SOON);
        assertThat(tooSoon.holds()).isFalse();

        PredictiveResult unsure = rule.withMinConfidence(0.999999).withHorizon(Duration.ofHours(3))
                .evaluate(DISK, rising, now);
        assertThat(unsure.status()).isIn(PredictiveResult.Status.LOW_CONFIDENCE, PredictiveResult.Status.PREDICTED);

        SeriesForecaster over = feed(filling(rise), T0, rise + 5 * HOUR);
        PredictiveResult beyond = rule.evaluate(DISK, over, over.lastTimestamp());
        assertThat(beyond.status()).isEqualTo(PredictiveResult.Status.ALREADY_BEYOND);
        assertThat(beyond.explanation()).contains("already above 0.9");
    }

    @Test
    void lowConfidenceWhenTheSeriesIsTooNoisyToBeSure() {
        SplittableRandom r = new SplittableRandom(2);
        long rise = T0 + 7 * 24 * HOUR;
        // the same rise buried in noise as large as the distance to the threshold
        SeriesForecaster f = feed(t -> 0.5 + 0.15 * (r.nextDouble() - 0.5) + (t > rise ? 0.02 * (t - rise) / HOUR : 0),
                T0, rise + HOUR);
        PredictiveRule strict = rule.withMinConfidence(0.99).withHorizon(Duration.ofHours(2));
        PredictiveResult result = strict.evaluate(DISK, f, f.lastTimestamp());
        assertThat(result.holds()).isFalse();
    }

    @Test
    void predictiveAlertsGoThroughTheAlertLifecycle() {
        Forecasters forecasters = new Forecasters(ForecastConfig.defaults(), rule::watches);
        long rise = T0 + 7 * 24 * HOUR;
        LongToDoubleFunction disk = filling(rise);
        AlertLifecycle lifecycle = new AlertLifecycle(AlertPolicy.firingAfter(Duration.ZERO));
        Labels alert = DISK.labels().with("alertname", "DiskFillingUp").with("kind", "predictive");
        AlertState state = AlertState.INACTIVE;
        long firedAt = 0;
        for (long t = T0; t <= rise + 5 * HOUR; t += 15_000) {
            forecasters.update(DISK, t, disk.applyAsDouble(t));
            forecasters.update(OTHER, t, 0.95);
            if (t % 60_000 == 0) {
                PredictiveEvaluation evaluation = rule.evaluate(forecasters, t);
                assertThat(evaluation.results()).extracting(PredictiveResult::series).containsExactly(DISK);
                for (var transition : lifecycle.evaluate(t, evaluation.holding())) {
                    if (transition.alert().state() == AlertState.FIRING) {
                        firedAt = t;
                        assertThat(evaluation.byAlertLabels().get(alert).leadTime()).isPresent();
                    }
                    state = transition.alert().state();
                }
            }
        }
        assertThat(forecasters.size()).isEqualTo(1);
        // it fired before the real crossing at rise + 4 h, and resolved once the value was over
        assertThat(firedAt).isBetween(rise, rise + 4 * HOUR - Duration.ofMinutes(8).toMillis());
        assertThat(state).isEqualTo(AlertState.RESOLVED);
    }

    @Test
    void rejectsRulesThatCannotWork() {
        assertThatThrownBy(() -> rule.withMinConfidence(0.4)).hasMessageContaining("at least 0.5");
        assertThatThrownBy(() -> rule.withHorizon(Duration.ZERO)).hasMessageContaining("horizon must be positive");
        assertThatThrownBy(() -> rule.withMinLeadTime(Duration.ofHours(2))).hasMessageContaining("minimum lead time");
        assertThatThrownBy(() -> PredictiveRule.above(" ", "m", 1)).hasMessageContaining("needs a name");
        assertThatThrownBy(() -> PredictiveRule.above("A", "m", Double.NaN)).hasMessageContaining("finite");
        assertThatThrownBy(() -> PredictiveRule.above("A", "bad metric", 1)).hasMessageContaining("invalid metric name");
    }
}
