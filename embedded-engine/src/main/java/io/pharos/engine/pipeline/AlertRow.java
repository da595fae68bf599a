package io.pharos.engine.pipeline;

import io.pharos.engine.alerting.Acknowledgements;
import io.pharos.engine.alerting.Muter;
import io.pharos.engine.rules.RuleAlert;

/**
 * One alert as the queue shows it: the rule's alert with its annotations, what mutes it (null when
 * nothing does) and who acknowledged it (null when nobody has).
 */
public record AlertRow(RuleAlert alert, Muter.MuteReason mutedBy, Acknowledgements.Ack acknowledgement) {
    public boolean muted() {
        return mutedBy != null;
    }
}
