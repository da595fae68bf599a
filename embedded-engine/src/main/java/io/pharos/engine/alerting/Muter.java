package io.pharos.engine.alerting;

import io.pharos.engine.model.Labels;
import java.util.Optional;

/**
 * The one muting idea behind silences and inhibitions, as in Alertmanager: does something mute
 * these labels now? The answer says what, so the console can show why an alert is quiet.
 */
public interface Muter {

    Optional<MuteReason> mutes(Labels alert, long nowMs);

    /** What muted an alert: a silence or an inhibition, its id and a sentence for people. */
    record MuteReason(Kind kind, String id, String description) {
        public enum Kind { SILENCE, INHIBITION }
    }

    /** The first muter that mutes, in order; how a pipeline stage asks all of them at once. */
    static Muter firstOf(java.util.List<Muter> muters) {
        return (alert, now) -> {
            for (Muter m : muters) {
                Optional<MuteReason> r = m.mutes(alert, now);
                if (r.isPresent()) {
                    return r;
                }
            }
            return Optional.empty();
        };
    }
}
