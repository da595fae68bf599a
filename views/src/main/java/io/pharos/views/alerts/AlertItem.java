package io.pharos.views.alerts;

import io.pharos.engine.alerting.AlertState;
import io.pharos.engine.alerting.Muter;
import io.pharos.engine.model.Labels;
import io.pharos.engine.model.Durations;
import io.pharos.engine.pipeline.AlertRow;
import java.util.Locale;
import java.util.Set;

/**
 * One alert as the queue shows it: the engine's row and its age when it was read. Immutable; two items
 * are equal when nothing shown about them changed.
 *
 * @param age how long it has been in its state, in whole minutes ("12 min", "< 1 min")
 */
public record AlertItem(AlertRow row, String age) {
    /** Labels every alert of a group has; the rest tell alerts of a group apart. */
    private static final Set<String> SHARED = Set.of("alertname", "region", "severity");

    static AlertItem of(AlertRow row, long nowMs) {
        AlertItem probe = new AlertItem(row, "");
        return new AlertItem(row, age(nowMs - probe.sinceMs()));
    }

    /** An age to the minute, so that the queue changes once a minute, not every second. */
    static String age(long ms) {
        return ms < 60_000 ? "< 1 min" : Durations.human(ms / 60_000 * 60_000);
    }

    public Labels labels() {
        return row.alert().alert().labels();
    }

    public String name() {
        String n = labels().get("alertname");
        return n == null ? row.alert().rule() : n;
    }

    /** The region, "" when the alert has none (a fleet-wide alert). */
    public String region() {
        String r = labels().get("region");
        return r == null ? "" : r;
    }

    /** The severity label in lower case, "" when the rule gives none. */
    public String severity() {
        String s = labels().get("severity");
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }

    public QueueState state() {
        AlertState s = row.alert().alert().state();
        if (s == AlertState.RESOLVED || s == AlertState.INACTIVE) {
            return QueueState.RESOLVED;
        }
        if (row.muted()) {
            return QueueState.SILENCED;
        }
        if (row.acknowledgement() != null) {
            return QueueState.ACKNOWLEDGED;
        }
        return s == AlertState.FIRING ? QueueState.FIRING : QueueState.PENDING;
    }

    /** The state in words: "firing", "inhibited" for an alert another one mutes, "silenced", ... */
    public String stateText() {
        if (state() == QueueState.SILENCED && row.mutedBy().kind() == Muter.MuteReason.Kind.INHIBITION) {
            return "inhibited";
        }
        return state().title().toLowerCase(Locale.ROOT);
    }

    /** When its current state began: resolution, firing, or the start of pending. */
    public long sinceMs() {
        var a = row.alert().alert();
        if (a.resolvedAtMs() > 0 && state() == QueueState.RESOLVED) {
            return a.resolvedAtMs();
        }
        return a.firingSinceMs() > 0 ? a.firingSinceMs() : a.activeSinceMs();
    }

    /** The time to mark on its chart: when it started firing, or when it became pending. */
    public long markMs() {
        var a = row.alert().alert();
        return a.firingSinceMs() > 0 ? a.firingSinceMs() : a.activeSinceMs() > 0 ? a.activeSinceMs() : a.resolvedAtMs();
    }

    /** Who acknowledged it, "" when nobody has (or it lapsed). */
    public String owner() {
        return row.acknowledgement() == null ? "" : row.acknowledgement().owner();
    }

    /** What mutes it, in a sentence; "" when nothing does. */
    public String mutedBy() {
        return row.mutedBy() == null ? "" : row.mutedBy().description();
    }

    public boolean flapping() {
        return row.alert().alert().flapping();
    }

    /** Raised over simulated data (label source="simulated"): the console says so wherever it is shown. */
    public boolean simulated() {
        return "simulated".equals(labels().get("source"));
    }

    /** The summary annotation, else the description, else "". */
    public String summary() {
        var an = row.alert().annotations();
        return an.getOrDefault("summary", an.getOrDefault("description", ""));
    }

    /** What tells this alert apart in its group: its other labels, "host=eu-west-1-h017". */
    public String instance() {
        StringBuilder sb = new StringBuilder();
        Labels l = labels();
        for (int i = 0; i < l.size(); i++) {
            if (!SHARED.contains(l.name(i)) && !"source".equals(l.name(i))) {
                sb.append(sb.isEmpty() ? "" : ", ").append(l.name(i)).append('=').append(l.value(i));
            }
        }
        return sb.toString();
    }

    /** Lower-case text a search looks through: labels (as name=value), summary, state, owner, what mutes it. */
    String searchText() {
        StringBuilder pairs = new StringBuilder();
        for (int i = 0; i < labels().size(); i++) {
            pairs.append(labels().name(i)).append('=').append(labels().value(i)).append(' ');
        }
        return (pairs + summary() + " " + stateText() + " " + owner() + " " + mutedBy()
                + (flapping() ? " flapping" : "") + (simulated() ? " simulated" : "")).toLowerCase(Locale.ROOT);
    }

    /** 0 for critical, 1 warning, 2 info, 3 anything else: the order of the queue. */
    int severityRank() {
        return switch (severity()) {
            case "critical" -> 0;
            case "warning" -> 1;
            case "info" -> 2;
            default -> 3;
        };
    }
}
