package io.pharos.engine.forecast;

import io.pharos.engine.model.Labels;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One evaluation of a {@link PredictiveRule} over all the series it watches.
 *
 * @param rule    the rule
 * @param atMs    the evaluation time
 * @param results one result per watched series, holding or not
 */
public record PredictiveEvaluation(PredictiveRule rule, long atMs, List<PredictiveResult> results) {

    public PredictiveEvaluation {
        results = List.copyOf(results);
    }

    /** The results whose alert holds. */
    public List<PredictiveResult> predicted() {
        return results.stream().filter(PredictiveResult::holds).toList();
    }

    /**
     * What {@link io.pharos.engine.alerting.AlertLifecycle#evaluate} takes: the alert labels
     * ({@link PredictiveResult#alertLabels()}) of every holding result, valued with the series' current
     * value. Look a label set up with {@link #byAlertLabels()} to print its crossing, lead time and
     * confidence.
     */
    public Map<Labels, Double> holding() {
        Map<Labels, Double> out = new HashMap<>();
        for (PredictiveResult r : results) {
            if (r.holds()) {
                out.put(r.alertLabels(), r.currentValue());
            }
        }
        return out;
    }

    /** The holding results by their alert labels. */
    public Map<Labels, PredictiveResult> byAlertLabels() {
        Map<Labels, PredictiveResult> out = new HashMap<>();
        for (PredictiveResult r : results) {
            if (r.holds()) {
                out.put(r.alertLabels(), r);
            }
        }
        return out;
    }
}
