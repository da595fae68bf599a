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
 * elsewhere or not at all (the command line's snapshot export): the saved alerts, muted by the saved
 * silences and the default inhibitions, with the saved acknowledgements, through the pipeline's own
 * stages. Annotations are rendered from the rules given with the alert's labels, as close as the
 * saved state allows to what the running engine rendered from the series' labels.
 */
public final class SavedQueue {
    private SavedQueue() {
    }

    public static List<AlertRow> read(StateStore.Reader reader, List<RuleGroup> rules, long nowMs, String where) {
        Silences silences = new Silences();
        AlertStateStore.silences(reader, where).forEach(silences::put);
        Acknowledgements acks = new Acknowledgements();
        AlertStateStore.acks(reader, where).forEach(acks::restore);
        Map<String, Rule.Alerting> byKey = new HashMap<>();
        for (RuleGroup g : rules) {
            for (Rule r : g.rules()) {
                if (r instanceof Rule.Alerting a) {
                    byKey.putIfAbsent(g.name() + "/" + a.name(), a);
                }
            }
        }
        List<RuleAlert> alerts = new ArrayList<>();
        for (AlertStateStore.SavedAlert s : AlertStateStore.savedAlerts(reader)) {
            int slash = s.rule().lastIndexOf('/');
            String group = slash < 0 ? "" : s.rule().substring(0, slash);
            String name = slash < 0 ? s.rule() : s.rule().substring(slash + 1);
            Rule.Alerting rule = byKey.get(s.rule());
            Map<String, String> annotations = new TreeMap<>();
            if (rule != null) {
                var labels = s.labels().without("alertname");
                rule.annotations().forEach((k, v) -> annotations.put(k,
                        AnnotationTemplate.render(v, labels, s.alert().lastValue())));
            }
            alerts.add(new RuleAlert(name, group, s.alert(), annotations));
        }
        List<Alert> firing = alerts.stream().map(RuleAlert::alert).filter(a -> a.state() == AlertState.FIRING).toList();
        return AlertPipeline.rows(alerts, AlertPipeline.muter(silences, AlertingRuntime.DEFAULT_INHIBITIONS,
                () -> firing), acks, nowMs);
    }
}
