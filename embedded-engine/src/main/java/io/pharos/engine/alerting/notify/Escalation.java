package io.pharos.engine.alerting.notify;

import io.pharos.engine.alerting.Alert;
import io.pharos.engine.alerting.AlertState;
import io.pharos.engine.model.Labels;
import java.util.List;
import java.util.Map;

/**
 * Where one alert group stands in its escalation policy; stored in the state file so a restart
 * neither re-notifies the first level nor forgets who was already told.
 *
 * @param level          index of the highest level notified so far
 * @param startedMs      when the group first fired
 * @param levelSinceMs   when the current level was reached, or escalation last resumed
 * @param acknowledged   every firing alert of the group is acknowledged: escalation is paused
 * @param quietSinceMs   since when no unmuted alert of the group fires (0 while some does): paused too
 * @param lastNotifiedMs the group's last notification
 * @param firing         the group's firing alerts as last seen, sent to a level reached by escalation
 */
public record Escalation(String groupKey, String policy, Map<String, String> groupLabels, int level, long startedMs,
                         long levelSinceMs, boolean acknowledged, long quietSinceMs, long lastNotifiedMs,
                         List<StoredAlert> firing) {

    public Escalation {
        groupLabels = Map.copyOf(groupLabels);
        firing = List.copyOf(firing);
    }

    public boolean paused() {
        return acknowledged || quietSinceMs != 0;
    }

    Labels group() {
        return Labels.of(groupLabels);
    }

    List<Alert> firingAlerts() {
        return firing.stream().map(StoredAlert::toAlert).toList();
    }

    /** An alert as stored (NaN values as null, which JSON cannot hold). */
    public record StoredAlert(Map<String, String> labels, AlertState state, long activeSinceMs, long firingSinceMs,
                              long resolvedAtMs, Double lastValue, boolean flapping) {

        static StoredAlert of(Alert a) {
            return new StoredAlert(a.labels().toMap(), a.state(), a.activeSinceMs(), a.firingSinceMs(), a.resolvedAtMs(),
                    Double.isFinite(a.lastValue()) ? a.lastValue() : null, a.flapping());
        }

        static List<StoredAlert> of(List<Alert> alerts) {
            return alerts.stream().map(StoredAlert::of).toList();
        }

        Alert toAlert() {
            return new Alert(Labels.of(labels), state, activeSinceMs, firingSinceMs, resolvedAtMs,
                    lastValue == null ? Double.NaN : lastValue, flapping);
        }
    }
}
