package io.pharos.engine.pipeline;

import io.pharos.engine.alerting.Acknowledgements;
import io.pharos.engine.alerting.Alert;
import io.pharos.engine.alerting.AlertState;
import io.pharos.engine.alerting.AlertStateStore;
import io.pharos.engine.alerting.Silences;
import io.pharos.engine.rules.AnnotationTemplate;
import io.pharos.engine.rules.Rule;
import io.pharos.engine.rules.RuleAlert;
import io.pharos.engine.rules.RuleGroup;
import io.pharos.engine.store.StateStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The alert queue as a state file tells it, for a command that reads the file while alerting runs
 * elsewhere or not at all (the command line's snapshot export), or as it stood at a time before
 * ({@link #asOf}, a snapshot of a range that ended before its export): the alerts, muted by the saved
 * silences and the default inhibitions, with the saved acknowledgements, through the pipeline's own
 * stages. Annotations are rendered from the rules given with the alert's labels, as close as the
 * saved state allows to what the running engine rendered from the series' labels.
 */
public final class SavedQueue {
    private SavedQueue() {
    }

    /** How long a resolved alert stays in the queue: the lifecycles' default ({@code AlertPolicy}). */
    static final long KEEP_RESOLVED_MS = java.time.Duration.ofMinutes(15).toMillis();
    /** The history read back from a range's end: episodes older than this are not in the queue then. */
    static final long LOOK_BACK_MS = java.time.Duration.ofDays(30).toMillis();

    /**
     * The queue as it stood at {@code atMs}, rebuilt from the alert history (a range that ended before the
     * export): each alert's state after its last change up to then, its episode's start and firing
     * times from the changes before, resolved ones kept {@value #KEEP_RESOLVED_MS} ms as the queue keeps
     * them; muted by the silences and inhibitions in force then, with the acknowledgements held then
     * (those given and not yet replaced by the time of export). The value shown is the one of its last
     * change; flapping is not known from the history and is not marked.
     */
    public static List<AlertRow> asOf(StateStore.Reader reader, List<RuleGroup> rules, long atMs, String where) {
        List<io.pharos.engine.alerting.AlertHistoryEntry> changes = AlertStateStore.history(reader, null,
                atMs - LOOK_BACK_MS, atMs + 1, Integer.MAX_VALUE, where);
        Map<io.pharos.engine.model.Labels, List<io.pharos.engine.alerting.AlertHistoryEntry>> byAlert =
                new java.util.LinkedHashMap<>();
        for (var h : changes) {
            byAlert.computeIfAbsent(h.labels(), k -> new ArrayList<>()).add(h);
        }
        Map<String, String> groupOf = new HashMap<>();
        Map<String, Rule.Alerting> byKey = index(rules, groupOf);
        List<RuleAlert> alerts = new ArrayList<>();
        for (var e : byAlert.entrySet()) {
            List<io.pharos.engine.alerting.AlertHistoryEntry> h = e.getValue();
            var last = h.getLast();
            AlertState state = last.to();
            if (state == AlertState.INACTIVE || state == AlertState.RESOLVED && atMs - last.atMs() >= KEEP_RESOLVED_MS) {
                continue;
            }
            long activeSince = 0;
            long firingSince = 0;
            for (var c : h) {
                if (c.to() == AlertState.PENDING || c.to() == AlertState.FIRING && c.from() != AlertState.PENDING) {
                    activeSince = c.atMs(); // a new episode
                    firingSince = 0;
                }
                if (c.to() == AlertState.FIRING) {
                    firingSince = c.atMs();
                }
            }
            Alert alert = new Alert(e.getKey(), state, activeSince, firingSince,
                    state == AlertState.RESOLVED ? last.atMs() : 0, last.value(), false);
            String group = groupOf.getOrDefault(last.rule(), "");
            alerts.add(new RuleAlert(last.rule(), group, alert, annotations(byKey.get(group + "/" + last.rule()), alert)));
        }
        return rows(reader, alerts, atMs, where, true);
    }

    public static List<AlertRow> read(StateStore.Reader reader, List<RuleGroup> rules, long nowMs, String where) {
        Map<String, Rule.Alerting> byKey = index(rules, new HashMap<>());
        List<RuleAlert> alerts = new ArrayList<>();
        for (AlertStateStore.SavedAlert s : AlertStateStore.savedAlerts(reader)) {
            int slash = s.rule().lastIndexOf('/');
            String group = slash < 0 ? "" : s.rule().substring(0, slash);
            String name = slash < 0 ? s.rule() : s.rule().substring(slash + 1);
            alerts.add(new RuleAlert(name, group, s.alert(), annotations(byKey.get(s.rule()), s.alert())));
        }
        return rows(reader, alerts, nowMs, where, false);
    }

    /** The alerting rules by "group/name"; {@code groupOf} gets each rule name's (first) group. */
    private static Map<String, Rule.Alerting> index(List<RuleGroup> rules, Map<String, String> groupOf) {
        Map<String, Rule.Alerting> byKey = new HashMap<>();
        for (RuleGroup g : rules) {
            for (Rule r : g.rules()) {
                if (r instanceof Rule.Alerting a) {
                    byKey.putIfAbsent(g.name() + "/" + a.name(), a);
                    groupOf.putIfAbsent(a.name(), g.name());
                }
            }
        }
        return byKey;
    }

    /** The rule's annotations rendered with the alert's labels and value; none when the rule is not known. */
    private static Map<String, String> annotations(Rule.Alerting rule, Alert alert) {
        Map<String, String> out = new TreeMap<>();
        if (rule != null) {
            var labels = alert.labels().without("alertname");
            rule.annotations().forEach((k, v) -> out.put(k, AnnotationTemplate.render(v, labels, alert.lastValue())));
        }
        return out;
    }

    /**
     * The pipeline's muting and acknowledgement stages at {@code atMs}: the saved silences (each in force
     * over its own interval), the default inhibitions over the alerts firing then, and the saved
     * acknowledgements ({@code given} only: those given by then).
     */
    private static List<AlertRow> rows(StateStore.Reader reader, List<RuleAlert> alerts, long atMs, String where,
                                       boolean given) {
        Silences silences = new Silences();
        AlertStateStore.silences(reader, where).forEach(silences::put);
        Acknowledgements acks = new Acknowledgements();
        AlertStateStore.acks(reader, where).forEach((labels, ack) -> {
            if (!given || ack.atMs() <= atMs) {
                acks.restore(labels, ack);
            }
        });
        List<Alert> firing = alerts.stream().map(RuleAlert::alert).filter(a -> a.state() == AlertState.FIRING).toList();
        return AlertPipeline.rows(alerts, AlertPipeline.muter(silences, AlertingRuntime.DEFAULT_INHIBITIONS,
                () -> firing), acks, atMs);
    }
}
