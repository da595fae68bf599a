package io.pharos.engine.pipeline;

import io.pharos.engine.alerting.AlertLifecycle;
import io.pharos.engine.rules.RuleAlert;
import io.pharos.engine.rules.RuleTransition;
import java.util.List;
import java.util.Map;

/**
 * Alerts beside the threshold rules' that go through the same stages (saved, muted, grouped,
 * notified): predictive rules, alerts other systems send. Called on the pipeline's thread only.
 */
interface AlertProducer {

    /** Moves its alerts to {@code nowMs}; returns their changes of state. */
    List<RuleTransition> evaluate(long nowMs);

    /** Its alerts pending, firing or recently resolved, with their annotations. */
    List<RuleAlert> alerts();

    /** Its lifecycles by key ("group/name"), as the state file keeps them. */
    Map<String, AlertLifecycle> lifecycles();
}
