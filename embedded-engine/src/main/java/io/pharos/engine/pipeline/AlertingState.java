package io.pharos.engine.pipeline;

import io.pharos.engine.alerting.AlertHistoryEntry;
import io.pharos.engine.alerting.Silence;
import io.pharos.engine.model.Labels;
import io.pharos.engine.rules.RuleGroup;
import java.util.List;
import java.util.Optional;

/**
 * What the alert screens read: the alerts as the queue shows them, the silences, the rules and each
 * alert's history. The running {@link AlertingRuntime} is one; a snapshot's state, fixed as it was
 * exported, is another. Only a runtime is acted on.
 */
public interface AlertingState {
    /** The alerts as the queue shows them, muting and acknowledgement included. */
    List<AlertRow> alerts();

    List<Silence> silences();

    /** The rule groups evaluated: what an alert's rule says (its expression, for a chart of its series). */
    List<RuleGroup> ruleGroups();

    /** How many rules are evaluated, for "no alerts firing — N rules evaluated". */
    int ruleCount();

    /** An alert's state changes with {@code fromMs <= at < toMs}, oldest first, at most {@code limit}. */
    List<AlertHistoryEntry> history(Labels alert, long fromMs, long toMs, int limit);

    /** The runtime to acknowledge, silence and open incidents on; empty for a state that is fixed. */
    Optional<AlertingRuntime> runtime();
}
