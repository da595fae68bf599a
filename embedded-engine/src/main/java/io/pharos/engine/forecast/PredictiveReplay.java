package io.pharos.engine.forecast;

import io.pharos.engine.alerting.AlertLifecycle;
import io.pharos.engine.alerting.AlertPolicy;
import io.pharos.engine.alerting.AlertState;
import io.pharos.engine.alerting.AlertTransition;
import io.pharos.engine.model.Labels;
import io.pharos.engine.model.SeriesKey;
import io.pharos.engine.model.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Replays samples through predictive rules exactly as they run live (forecasters, the stateless rule
 * evaluation, an {@link AlertLifecycle} per rule) and scores the alerts against what the series
 * really did: for every predictive alert that fired, when, what it predicted (crossing time, lead
 * time, confidence) and when the threshold was really crossed. A backtest over stored history, or
 * over the simulated fleet, is: register the series, then per time step {@link #sample} every series
 * and {@link #evaluate} once.
 *
 * <p>An alert counts as <i>confirmed</i> when the series really crossed the threshold (a sample
 * strictly beyond it) while the alert fired or less than one horizon after it resolved: it predicted a
 * crossing within the horizon throughout. Otherwise it was a <i>false</i> predictive alert. The lead
 * time of a real crossing is measured from the firing of the earliest alert it confirmed. Not
 * thread-safe.
 */
public final class PredictiveReplay {
    private final List<PredictiveRule> rules;
    private final ForecastConfig config;
    private final List<Watch> watches = new ArrayList<>();
    private final List<Map<Labels, Watch>> watchByLabels = new ArrayList<>();
    private final Map<SeriesKey, Integer> indexByKey = new HashMap<>();
    private final List<List<Watch>> watchesByRule = new ArrayList<>();
    private final List<AlertLifecycle> lifecycles = new ArrayList<>();
    private final List<Episode> episodes = new ArrayList<>();
    private long lastEvaluationMs = Long.MIN_VALUE;

    /** One alert episode: from firing to resolved, with what was predicted at firing and what happened. */
    public static final class Episode {
        private final PredictiveRule rule;
        private final SeriesKey series;
        private final PredictiveResult atFiring;
        private long resolvedAtMs = Long.MIN_VALUE;
        private long actualCrossingAtMs = Long.MIN_VALUE;

        Episode(PredictiveRule rule, SeriesKey series, PredictiveResult atFiring) {
            this.rule = rule;
            this.series = series;
            this.atFiring = atFiring;
        }

        public PredictiveRule rule() {
            return rule;
        }

        public SeriesKey series() {
            return series;
        }

        /** The rule's result at the evaluation that made the alert fire: predicted crossing, lead time, confidence. */
        public PredictiveResult atFiring() {
            return atFiring;
        }

        public long firingAtMs() {
            return atFiring.evaluatedAtMs();
        }

        /** When the forecast said, at firing, the threshold would be crossed. */
        public long predictedCrossingAtMs() {
            return atFiring.crossingAtMs();
        }

        /** The lead time the alert announced at firing. */
        public Duration predictedLeadTime() {
            return Duration.ofMillis(atFiring.crossingAtMs() - atFiring.evaluatedAtMs());
        }

        public double confidence() {
            return atFiring.confidence();
        }

        /** When the alert resolved, {@link Long#MIN_VALUE} while it still fires. */
        public long resolvedAtMs() {
            return resolvedAtMs;
        }

        /** The first real crossing of the threshold after firing (within the confirmation window), or {@link Long#MIN_VALUE}. */
        public long actualCrossingAtMs() {
            return actualCrossingAtMs;
        }

        public boolean confirmed() {
            return actualCrossingAtMs != Long.MIN_VALUE;
        }

        /** The warning the alert really gave: from firing to the real crossing; empty when there was none. */
        public Optional<Duration> actualLeadTime() {
            return confirmed() ? Optional.of(Duration.ofMillis(actualCrossingAtMs - firingAtMs()))
                    : Optional.empty();
        }

        @Override
        public String toString() {
            return rule.name() + " " + series + " fired " + Instant.ofEpochMilli(firingAtMs())
                    + ", predicted crossing " + Instant.ofEpochMilli(predictedCrossingAtMs())
                    + " (lead " + Durations.human(predictedLeadTime().toMillis()) + ", confidence "
                    + String.format(Locale.ROOT, "%.0f %%", 100 * confidence()) + "), "
                    + (confirmed() ? "crossed " + Instant.ofEpochMilli(actualCrossingAtMs)
                    + " (real lead " + Durations.human(actualLeadTime().orElseThrow().toMillis()) + ")"
                    : "no real crossing");
        }
    }

    /** One watched (rule, series) pair. */
    private static final class Watch {
        final PredictiveRule rule;
        final SeriesKey series;
        final SeriesForecaster forecaster;
        Labels alertLabels;
        boolean beyond;
        long firstCrossingMs = Long.MIN_VALUE;
        long lastSampleMs = Long.MIN_VALUE;
        Episode open;
        /** Episodes not yet confirmed that a crossing could still confirm. */
        final List<Episode> awaiting = new ArrayList<>();

        Watch(PredictiveRule rule, SeriesKey series, SeriesForecaster forecaster) {
            this.rule = rule;
            this.series = series;
            this.forecaster = forecaster;
        }
    }

    /** Per series: the forecaster it feeds and the (rule, series) watches that read it. */
    private final List<Watch[]> bySeries = new ArrayList<>();

    public PredictiveReplay(List<PredictiveRule> rules, ForecastConfig config, AlertPolicy policy) {
        this.rules = List.copyOf(rules);
        this.config = Objects.requireNonNull(config, "config");
        for (int r = 0; r < this.rules.size(); r++) {
            watchesByRule.add(new ArrayList<>());
            watchByLabels.add(new HashMap<>());
            lifecycles.add(new AlertLifecycle(Objects.requireNonNull(policy, "policy")));
        }
    }

    /**
     * Makes a series known and returns its handle for {@link #sample(int, long, double)}, or -1 when no
     * rule watches it.
     */
    public int register(SeriesKey key) {
        Integer known = indexByKey.get(key);
        if (known != null) {
            return known;
        }
        List<Watch> mine = new ArrayList<>();
        SeriesForecaster forecaster = null;
        for (int r = 0; r < rules.size(); r++) {
            PredictiveRule rule = rules.get(r);
            if (rule.watches(key)) {
                if (forecaster == null) {
                    forecaster = new SeriesForecaster(config);
                }
                Watch w = new Watch(rule, key, forecaster);
                w.alertLabels = PredictiveResult.alertLabels(rule, key);
                mine.add(w);
                watchesByRule.get(r).add(w);
                watchByLabels.get(r).put(w.alertLabels, w);
                watches.add(w);
            }
        }
        if (mine.isEmpty()) {
            indexByKey.put(key, -1);
            return -1;
        }
        int index = bySeries.size();
        bySeries.add(mine.toArray(Watch[]::new));
        indexByKey.put(key, index);
        return index;
    }

    /** Learns one sample of a series; ignored when no rule watches it. */
    public void sample(SeriesKey key, long timeMs, double value) {
        int index = register(key);
        if (index >= 0) {
            sample(index, timeMs, value);
        }
    }

    /** Learns one sample of a registered series and notes real crossings of each watching rule's threshold. */
    public void sample(int handle, long timeMs, double value) {
        Watch[] ws = bySeries.get(handle);
        if (!ws[0].forecaster.update(timeMs, value)) {
            return;
        }
        for (Watch w : ws) {
            boolean beyond = w.rule.direction().crossed(value, w.rule.threshold());
            if (beyond && !w.beyond) {
                if (w.firstCrossingMs == Long.MIN_VALUE) {
                    w.firstCrossingMs = timeMs;
                }
                long horizonMs = w.rule.horizon().toMillis();
                for (Episode e : w.awaiting) {
                    if (e.resolvedAtMs == Long.MIN_VALUE || timeMs <= e.resolvedAtMs + horizonMs) {
                        e.actualCrossingAtMs = timeMs;
                    }
                }
                w.awaiting.clear();
            }
            w.beyond = beyond;
            w.lastSampleMs = timeMs;
        }
    }

    /** Evaluates every rule at {@code nowMs} and moves its alerts through their lifecycle. */
    public void evaluate(long nowMs) {
        lastEvaluationMs = nowMs;
        for (int r = 0; r < rules.size(); r++) {
            PredictiveRule rule = rules.get(r);
            Map<Labels, Double> holding = new HashMap<>();
            Map<Labels, PredictiveResult> holdingResult = new HashMap<>();
            for (Watch w : watchesByRule.get(r)) {
                PredictiveResult result = rule.evaluate(w.series, w.forecaster, nowMs);
                if (result.holds()) {
                    holding.put(w.alertLabels, result.currentValue());
                    holdingResult.put(w.alertLabels, result);
                }
            }
            for (AlertTransition t : lifecycles.get(r).evaluate(nowMs, holding)) {
                Labels labels = t.alert().labels();
                Watch w = watchByLabels.get(r).get(labels);
                if (t.alert().state() == AlertState.FIRING) {
                    Episode e = new Episode(rule, w.series, holdingResult.get(labels));
                    episodes.add(e);
                    w.open = e;
                    w.awaiting.removeIf(old -> nowMs > old.resolvedAtMs + rule.horizon().toMillis());
                    w.awaiting.add(e);
                } else if (t.alert().state() == AlertState.RESOLVED && w.open != null) {
                    w.open.resolvedAtMs = nowMs;
                    w.open = null;
                }
            }
        }
    }

    /** Every alert episode so far, in order of firing. */
    public List<Episode> episodes() {
        return List.copyOf(episodes);
    }

    /** Episodes without a real crossing; those still firing or resolved less than a horizon ago are not judged yet. */
    public List<Episode> falseAlerts() {
        return episodes.stream().filter(e -> !e.confirmed() && e.resolvedAtMs != Long.MIN_VALUE
                && e.resolvedAtMs + e.rule.horizon().toMillis() <= lastSampleTime()).toList();
    }

    /** Episodes not confirmed by a real crossing, judged or not (still firing, or resolved within a horizon). */
    public List<Episode> unconfirmed() {
        return episodes.stream().filter(e -> !e.confirmed()).toList();
    }

    private long lastSampleTime() {
        long last = Long.MIN_VALUE;
        for (Watch w : watches) {
            last = Math.max(last, w.lastSampleMs);
        }
        return last;
    }

    /**
     * Per watched (rule, series) whose threshold was really crossed: the first crossing and the earliest
     * alert that warned of it (firing then, or resolved less than a horizon before).
     */
    public List<LeadTime> leadTimes() {
        List<LeadTime> out = new ArrayList<>();
        for (Watch w : watches) {
            if (w.firstCrossingMs == Long.MIN_VALUE) {
                continue;
            }
            Episode warned = null;
            for (Episode e : episodes) {
                if (e.rule == w.rule && e.series.equals(w.series) && e.actualCrossingAtMs == w.firstCrossingMs) {
                    warned = e;
                    break;
                }
            }
            out.add(new LeadTime(w.rule, w.series, w.firstCrossingMs, warned));
        }
        return out;
    }

    /**
     * The first real crossing of one (rule, series) and the predictive alert that warned of it.
     *
     * @param firstAlert null when no predictive alert warned before the crossing (a miss)
     */
    public record LeadTime(PredictiveRule rule, SeriesKey series, long crossingAtMs, Episode firstAlert) {
        /** From the first alert's firing to the real crossing; empty for a miss. */
        public Optional<Duration> lead() {
            return firstAlert == null ? Optional.empty()
                    : Optional.of(Duration.ofMillis(crossingAtMs - firstAlert.firingAtMs()));
        }
    }

    /** The forecaster of a series, or null when none of the rules watches it. */
    public SeriesForecaster forecaster(SeriesKey key) {
        Integer index = indexByKey.get(key);
        return index == null || index < 0 ? null : bySeries.get(index)[0].forecaster;
    }

    /** The time of the last evaluation, {@link Long#MIN_VALUE} before the first. */
    public long lastEvaluationMs() {
        return lastEvaluationMs;
    }
}
