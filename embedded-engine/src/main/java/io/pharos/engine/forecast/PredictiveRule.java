package io.pharos.engine.forecast;

import io.pharos.engine.model.Matcher;
import io.pharos.engine.model.SeriesKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A predictive alert rule: "warn when the forecast of these series crosses this threshold within
 * the horizon, with at least this confidence and this much warning". Stateless: every evaluation
 * takes the series' forecasters and the evaluation time and returns an explained result per series,
 * so a rule replays over history (backtesting) exactly as it runs live. The result of a whole
 * evaluation feeds an {@link io.pharos.engine.alerting.AlertLifecycle} like any rule's
 * (see {@link PredictiveEvaluation#holding()}).
 *
 * @param name          the alert's name (label {@code alertname})
 * @param metric        the metric the rule watches
 * @param matchers      further label matchers the series must satisfy (may be empty)
 * @param threshold     the value the real alert fires at
 * @param direction     which side of the threshold is bad
 * @param horizon       how far ahead of the evaluation time crossings are looked for
 * @param minConfidence the least confidence (0.5..1) a predicted crossing needs to raise the alert
 * @param minLeadTime   a crossing forecast sooner than this is not raised: so little warning is the
 *                      threshold alert's job. Zero raises any forecast crossing
 */
public record PredictiveRule(String name, String metric, List<Matcher> matchers, double threshold, Direction direction,
                             Duration horizon, double minConfidence, Duration minLeadTime) {

    /** Label every predictive alert carries, beside {@code alertname} and the series' labels. */
    public static final String KIND_LABEL = "kind";
    public static final String KIND = "predictive";
    /** A series with no sample for this long is stale: nothing is predicted from it (Prometheus' staleness). */
    public static final Duration STALE_AFTER = Duration.ofMinutes(5);

    public PredictiveRule {
        Objects.requireNonNull(name, "name");
        SeriesKey.validateMetric(metric);
        matchers = List.copyOf(matchers);
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(horizon, "horizon");
        Objects.requireNonNull(minLeadTime, "minLeadTime");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a predictive rule needs a name");
        }
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold must be a finite number, got " + threshold);
        }
        if (horizon.isNegative() || horizon.isZero()) {
            throw new IllegalArgumentException("horizon must be positive, got " + horizon);
        }
        if (!(minConfidence >= 0.5 && minConfidence < 1)) {
            throw new IllegalArgumentException("minimum confidence must be at least 0.5 and below 1, got " + minConfidence);
        }
        if (minLeadTime.isNegative() || minLeadTime.compareTo(horizon) >= 0) {
            throw new IllegalArgumentException("minimum lead time must be between 0 and the horizon " + horizon
                    + ", got " + minLeadTime);
        }
    }

    /** Warns of {@code metric} rising above {@code threshold}: horizon 1 h, confidence 0.97, any lead time. */
    public static PredictiveRule above(String name, String metric, double threshold) {
        return new PredictiveRule(name, metric, List.of(), threshold, Direction.ABOVE, Duration.ofHours(1), 0.97,
                Duration.ZERO);
    }

    /** Warns of {@code metric} falling below {@code threshold}: horizon 1 h, confidence 0.97, any lead time. */
    public static PredictiveRule below(String name, String metric, double threshold) {
        return new PredictiveRule(name, metric, List.of(), threshold, Direction.BELOW, Duration.ofHours(1), 0.97,
                Duration.ZERO);
    }

    public PredictiveRule withMatchers(Matcher... more) {
        List<Matcher> all = new ArrayList<>(matchers);
        all.addAll(List.of(more));
        return new PredictiveRule(name, metric, all, threshold, direction, horizon, minConfidence, minLeadTime);
    }

    public PredictiveRule withHorizon(Duration newHorizon) {
        return new PredictiveRule(name, metric, matchers, threshold, direction, newHorizon, minConfidence, minLeadTime);
    }

    public PredictiveRule withMinConfidence(double newMinConfidence) {
        return new PredictiveRule(name, metric, matchers, threshold, direction, horizon, newMinConfidence, minLeadTime);
    }

    public PredictiveRule withMinLeadTime(Duration newMinLeadTime) {
        return new PredictiveRule(name, metric, matchers, threshold, direction, horizon, minConfidence, newMinLeadTime);
    }

    /** Whether the rule watches this series: its metric, and every matcher holds. */
    public boolean watches(SeriesKey key) {
        if (!key.metric().equals(metric)) {
            return false;
        }
        for (Matcher m : matchers) {
            if (!m.matches(key)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Evaluates one series at {@code nowMs}: whether its forecast crosses the threshold within the
     * horizon, when, with what confidence, and why (or why not).
     *
     * @param forecaster the series' forecaster; null when the series has no samples
     */
    public PredictiveResult evaluate(SeriesKey series, SeriesForecaster forecaster, long nowMs) {
        long horizonMs = horizon.toMillis();
        if (forecaster == null || forecaster.samples() == 0) {
            return result(series, PredictiveResult.Status.NOT_READY, nowMs, Double.NaN, Long.MIN_VALUE, 0, null);
        }
        double current = forecaster.lastValue();
        if (nowMs - forecaster.lastTimestamp() > STALE_AFTER.toMillis()) {
            return result(series, PredictiveResult.Status.STALE, nowMs, current, Long.MIN_VALUE, 0, forecaster);
        }
        if (!forecaster.ready()) {
            return result(series, PredictiveResult.Status.NOT_READY, nowMs, current, Long.MIN_VALUE, 0, forecaster);
        }
        if (direction.crossed(current, threshold)) {
            return result(series, PredictiveResult.Status.ALREADY_BEYOND, nowMs, current, Long.MIN_VALUE, 1, forecaster);
        }
        long toMs = nowMs + horizonMs;
        Optional<Crossing> crossing = forecaster.predictCrossing(threshold, direction, nowMs, toMs);
        if (crossing.isEmpty()) {
            double chance = forecaster.chanceBeyond(threshold, direction, nowMs, toMs);
            return result(series, PredictiveResult.Status.NO_CROSSING, nowMs, current, Long.MIN_VALUE, chance, forecaster);
        }
        Crossing c = crossing.get();
        PredictiveResult.Status status;
        if (c.confidence() < minConfidence) {
            status = PredictiveResult.Status.LOW_CONFIDENCE;
        } else if (c.atMs() - nowMs < minLeadTime.toMillis()) {
            status = PredictiveResult.Status.TOO_SOON;
        } else {
            status = PredictiveResult.Status.PREDICTED;
        }
        return result(series, status, nowMs, current, c.atMs(), c.confidence(), forecaster);
    }

    /** Evaluates every watched series of {@code forecasters} at {@code nowMs}. */
    public PredictiveEvaluation evaluate(Forecasters forecasters, long nowMs) {
        List<PredictiveResult> results = new ArrayList<>();
        forecasters.all().forEach((key, f) -> {
            if (watches(key)) {
                results.add(evaluate(key, f, nowMs));
            }
        });
        return new PredictiveEvaluation(this, nowMs, results);
    }

    private PredictiveResult result(SeriesKey series, PredictiveResult.Status status, long nowMs, double current,
            long crossingMs, double confidence, SeriesForecaster f) {
        double trend = f == null ? Double.NaN : f.trendPerHour();
        long dataAge = f == null ? -1 : nowMs - f.lastTimestamp();
        long history = f == null ? 0 : f.historyMs();
        Forecast atCrossing = f == null || crossingMs == Long.MIN_VALUE ? null : f.forecast(crossingMs);
        Forecast atHorizon = f == null || status != PredictiveResult.Status.NO_CROSSING ? null
                : f.forecast(nowMs + horizon.toMillis());
        double excursion = f == null ? 0 : f.excursion(direction) * f.config().noiseBand();
        return new PredictiveResult(this, series, status, nowMs, current, crossingMs, confidence, trend, atCrossing,
                atHorizon, excursion, dataAge, history);
    }
}
