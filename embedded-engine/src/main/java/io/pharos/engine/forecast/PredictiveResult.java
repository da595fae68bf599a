package io.pharos.engine.forecast;

import io.pharos.engine.model.Labels;
import io.pharos.engine.model.SeriesKey;
import io.pharos.engine.model.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * What a {@link PredictiveRule} found for one series at one evaluation, with everything needed to
 * explain it: a backtest prints the predicted crossing, the lead time and the confidence; the console
 * shows {@link #explanation()}.
 *
 * @param rule          the rule evaluated
 * @param series        the series
 * @param status        the verdict; {@link Status#PREDICTED} raises the alert
 * @param evaluatedAtMs the evaluation time (epoch ms)
 * @param currentValue  the series' newest value (NaN without samples)
 * @param crossingAtMs  when the forecast crosses the threshold, {@link Long#MIN_VALUE} when it does not
 * @param confidence    for a crossing: its confidence ({@link Crossing#confidence()}); without one:
 *                      the highest chance of being beyond the threshold within the horizon (below 0.5);
 *                      1 when the value is already beyond, 0 when unknown
 * @param trendPerHour  the forecaster's trend in value units per hour (NaN without samples)
 * @param atCrossing    the forecast at the crossing (null without a crossing)
 * @param atHorizon     the forecast at the end of the horizon, when no crossing is forecast (else null)
 * @param excursion     how far the value has recently poked beyond its forecast towards the threshold:
 *                      a crossing is predicted where the forecast comes this close (see
 *                      {@link SeriesForecaster#excursion})
 * @param dataAgeMs     how old the newest sample was at the evaluation (-1 without samples)
 * @param historyMs     how much history the forecaster has learned
 */
public record PredictiveResult(PredictiveRule rule, SeriesKey series, Status status, long evaluatedAtMs,
                               double currentValue, long crossingAtMs, double confidence, double trendPerHour,
                               Forecast atCrossing, Forecast atHorizon, double excursion, long dataAgeMs,
                               long historyMs) {

    /** The verdicts, from the one that raises an alert to the reasons for not raising one. */
    public enum Status {
        /** A crossing is forecast within the horizon with enough confidence and lead time: the alert holds. */
        PREDICTED,
        /** A crossing is forecast, but with less confidence than the rule asks. */
        LOW_CONFIDENCE,
        /** A crossing is forecast sooner than the rule's minimum lead time. */
        TOO_SOON,
        /** The forecast stays on the good side of the threshold within the horizon. */
        NO_CROSSING,
        /** The value is already beyond the threshold: the threshold alert's business, not a prediction. */
        ALREADY_BEYOND,
        /** The forecaster has too little history (or no sample) to be trusted yet. */
        NOT_READY,
        /** The series sent nothing for {@link PredictiveRule#STALE_AFTER}. */
        STALE
    }

    /** True when the predictive alert's condition holds for this series. */
    public boolean holds() {
        return status == Status.PREDICTED;
    }

    /** The predicted crossing time, when the forecast crosses. */
    public Optional<Instant> predictedCrossing() {
        return crossingAtMs == Long.MIN_VALUE ? Optional.empty() : Optional.of(Instant.ofEpochMilli(crossingAtMs));
    }

    /** Time from the evaluation to the predicted crossing, when the forecast crosses. */
    public Optional<Duration> leadTime() {
        return crossingAtMs == Long.MIN_VALUE ? Optional.empty()
                : Optional.of(Duration.ofMillis(crossingAtMs - evaluatedAtMs));
    }

    /**
     * The labels of the alert: the series' labels, {@code alertname} = the rule's name and
     * {@code kind="predictive"}.
     */
    public Labels alertLabels() {
        return alertLabels(rule, series);
    }

    public static Labels alertLabels(PredictiveRule rule, SeriesKey series) {
        return series.labels().with("alertname", rule.name()).with(PredictiveRule.KIND_LABEL, PredictiveRule.KIND);
    }

    /** One or two sentences for people: what is forecast, when, how sure, and why the alert does or does not hold. */
    public String explanation() {
        String what = series + " (now " + num(currentValue) + ", trend " + signed(trendPerHour) + "/h)";
        String line = rule.direction().word() + " " + num(rule.threshold());
        return switch (status) {
            case PREDICTED -> what + " is forecast to cross " + line + " at " + Instant.ofEpochMilli(crossingAtMs)
                    + ", in " + Durations.human(crossingAtMs - evaluatedAtMs) + ", with " + percent(confidence) + " confidence"
                    + band() + ".";
            case LOW_CONFIDENCE -> what + " is forecast to cross " + line + " at " + Instant.ofEpochMilli(crossingAtMs)
                    + ", in " + Durations.human(crossingAtMs - evaluatedAtMs) + ", but with only " + percent(confidence)
                    + " confidence (the rule asks for " + percent(rule.minConfidence()) + ")" + band() + ".";
            case TOO_SOON -> what + " is forecast to cross " + line + " in " + Durations.human(crossingAtMs - evaluatedAtMs)
                    + " (" + percent(confidence) + " confidence): less warning than the rule's minimum lead time of "
                    + Durations.human(rule.minLeadTime().toMillis()) + "; the threshold alert will cover it.";
            case NO_CROSSING -> what + " is not forecast to cross " + line + " within " + Durations.human(rule.horizon().toMillis())
                    + (atHorizon == null ? "" : ": forecast " + num(atHorizon.value()) + " ± " + num(atHorizon.sigma())
                    + " at the horizon") + "; chance of crossing at most " + percent(confidence) + ".";
            case ALREADY_BEYOND -> what + " is already " + line + ": the threshold alert applies, not a prediction.";
            case NOT_READY -> dataAgeMs < 0 ? series + " has no samples yet."
                    : what + " has " + Durations.human(historyMs) + " of history: its forecasts are trusted after a whole"
                    + " season and a few measured forecast errors.";
            case STALE -> series + " sent nothing for " + Durations.human(dataAgeMs) + ": no forecast from stale data.";
        };
    }

    private String band() {
        if (atCrossing == null) {
            return "";
        }
        return " (forecast there " + num(atCrossing.value()) + " ± " + num(atCrossing.sigma())
                + (excursion > 0 ? ", and the value has recently poked " + num(excursion) + " " + rule.direction().word()
                + " its forecast" : "") + ")";
    }

    /** Four significant digits without trailing zeros: 0.9, 0.1234, 1.5e-05. */
    static String num(double v) {
        if (Double.isNaN(v)) {
            return "?";
        }
        if (v == 0 || Double.isInfinite(v)) {
            return v == 0 ? "0" : String.valueOf(v);
        }
        double a = Math.abs(v);
        if (a < 0.001 || a >= 1e7) {
            return String.format(Locale.ROOT, "%.3g", v);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    private static String signed(double v) {
        return Double.isNaN(v) ? "?" : (v >= 0 ? "+" : "") + num(v);
    }

    private static String percent(double p) {
        return String.format(Locale.ROOT, "%.0f %%", 100 * p);
    }

}
