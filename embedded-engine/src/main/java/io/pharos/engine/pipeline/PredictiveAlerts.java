package io.pharos.engine.pipeline;

import io.pharos.engine.alerting.Alert;
import io.pharos.engine.alerting.AlertLifecycle;
import io.pharos.engine.alerting.AlertPolicy;
import io.pharos.engine.alerting.AlertTransition;
import io.pharos.engine.forecast.ForecastConfig;
import io.pharos.engine.forecast.Forecasters;
import io.pharos.engine.forecast.PredictiveEvaluation;
import io.pharos.engine.forecast.PredictiveResult;
import io.pharos.engine.forecast.PredictiveRule;
import io.pharos.engine.model.Labels;
import io.pharos.engine.model.Matcher;
import io.pharos.engine.model.Sample;
import io.pharos.engine.rules.RuleAlert;
import io.pharos.engine.rules.RuleTransition;
import io.pharos.engine.store.SeriesRef;
import io.pharos.engine.store.SeriesSamples;
import io.pharos.engine.store.TimeSeriesStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Predictive rules running live beside the threshold rules: each watched series' forecaster learns
 * from stored history once ({@link #warmUp}, on its own thread), then from the newest sample at each
 * pass; every {@code evaluationIntervalMs} the rules are evaluated and their alerts move through
 * their own lifecycles. Until the warm-up is done nothing is evaluated (forecasts need a day).
 */
public final class PredictiveAlerts implements AlertProducer {
    /** The group name predictive alerts carry in the pipeline and the state file. */
    public static final String GROUP = "predictive";

    private final List<PredictiveRule> rules;
    private final TimeSeriesStore store;
    private final Forecasters forecasters;
    private final long evaluationIntervalMs;
    private final Map<PredictiveRule, AlertLifecycle> lifecycles = new LinkedHashMap<>();
    private final Map<PredictiveRule, Map<Labels, PredictiveResult>> results = new HashMap<>();
    private final Map<Integer, Long> lastFed = new HashMap<>();
    private List<SeriesRef> watched = List.of();
    private int watchedAtSeriesCount = -1;
    private long lastEvaluationMs = Long.MIN_VALUE;
    private volatile boolean ready;

    public PredictiveAlerts(List<PredictiveRule> rules, TimeSeriesStore store, AlertPolicy policy,
                            long evaluationIntervalMs) {
        this.rules = List.copyOf(rules);
        this.store = store;
        this.evaluationIntervalMs = evaluationIntervalMs;
        this.forecasters = new Forecasters(ForecastConfig.defaults(), key -> this.rules.stream().anyMatch(r -> r.watches(key)));
        for (PredictiveRule r : this.rules) {
            lifecycles.put(r, new AlertLifecycle(policy));
        }
    }

    /**
     * Learns the stored history of every watched series between the two times; then evaluation
     * starts. Returns false, not ready, when the thread was interrupted meanwhile (alerting closing).
     */
    public boolean warmUp(long fromMs, long toMs) {
        for (SeriesRef ref : select()) {
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
            SeriesSamples s = store.read(ref, fromMs, toMs);
            for (int i = 0; i < s.size(); i++) {
                forecasters.update(ref.key(), s.timestamps()[i], s.values()[i]);
            }
            if (s.size() > 0) {
                lastFed.put(ref.id(), s.timestamps()[s.size() - 1]);
            }
        }
        ready = true;
        return true;
    }

    public boolean ready() {
        return ready;
    }

    private List<SeriesRef> select() {
        int count = store.seriesCount();
        if (count != watchedAtSeriesCount) {
            Map<Integer, SeriesRef> all = new LinkedHashMap<>();
            for (PredictiveRule r : rules) {
                List<Matcher> matchers = new ArrayList<>(r.matchers());
                matchers.add(Matcher.metric(r.metric()));
                store.select(matchers).forEach(ref -> all.put(ref.id(), ref));
            }
            watched = List.copyOf(all.values());
            watchedAtSeriesCount = count;
        }
        return watched;
    }

    /** Learns the newest samples and, when due, evaluates the rules; returns their alerts' changes. */
    @Override
    public List<RuleTransition> evaluate(long nowMs) {
        if (!ready) {
            return List.of();
        }
        for (SeriesRef ref : select()) {
            Sample newest = store.latest(ref);
            Long fed = lastFed.get(ref.id());
            if (newest != null && (fed == null || newest.timestampMs() > fed)) {
                forecasters.update(ref.key(), newest.timestampMs(), newest.value());
                lastFed.put(ref.id(), newest.timestampMs());
            }
        }
        if (lastEvaluationMs != Long.MIN_VALUE && nowMs - lastEvaluationMs < evaluationIntervalMs) {
            return List.of();
        }
        lastEvaluationMs = nowMs;
        List<RuleTransition> out = new ArrayList<>();
        for (PredictiveRule r : rules) {
            PredictiveEvaluation ev = r.evaluate(forecasters, nowMs);
            Map<Labels, PredictiveResult> byLabels = ev.byAlertLabels();
            results.put(r, byLabels);
            for (AlertTransition t : lifecycles.get(r).evaluate(nowMs, ev.holding())) {
                out.add(new RuleTransition(r.name(), GROUP, t, annotations(byLabels.get(t.alert().labels()))));
            }
        }
        return out;
    }

    private static Map<String, String> annotations(PredictiveResult result) {
        if (result == null) {
            return Map.of();
        }
        Map<String, String> a = new LinkedHashMap<>();
        a.put("summary", result.explanation());
        result.predictedCrossing().ifPresent(c -> a.put("predicted_crossing", c.toString()));
        result.leadTime().ifPresent(l -> a.put("lead_time_seconds", Long.toString(l.toSeconds())));
        a.put("confidence", String.format(java.util.Locale.ROOT, "%.3f", result.confidence()));
        return a;
    }

    /** Every predictive alert pending, firing or recently resolved. */
    @Override
    public List<RuleAlert> alerts() {
        List<RuleAlert> out = new ArrayList<>();
        for (var e : lifecycles.entrySet()) {
            Map<Labels, PredictiveResult> last = results.getOrDefault(e.getKey(), Map.of());
            for (Alert a : e.getValue().alerts()) {
                out.add(new RuleAlert(e.getKey().name(), GROUP, a, annotations(last.get(a.labels()))));
            }
        }
        return out;
    }

    /** The lifecycles by key, as the state file keeps them. */
    @Override
    public Map<String, AlertLifecycle> lifecycles() {
        Map<String, AlertLifecycle> out = new LinkedHashMap<>();
        lifecycles.forEach((r, l) -> out.put(GROUP + "/" + r.name(), l));
        return out;
    }
}
