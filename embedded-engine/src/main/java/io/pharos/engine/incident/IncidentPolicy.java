package io.pharos.engine.incident;

import io.pharos.engine.alerting.Alert;
import io.pharos.engine.model.Labels;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * When alerts open incidents by themselves, and which alerts share one.
 *
 * @param severityLabel the alert label that carries its severity (usually {@code severity})
 * @param automatic     alert severities (label values) that open an incident, and the incident's
 *                      severity; alerts of other severities open none (people may still link them)
 * @param groupBy       labels whose values make an alert group: a firing alert joins the open incident
 *                      of its group instead of opening another (an empty list: all alerts share one)
 */
public record IncidentPolicy(String severityLabel, Map<String, Severity> automatic, List<String> groupBy) {

    public IncidentPolicy {
        automatic = Map.copyOf(automatic);
        groupBy = List.copyOf(groupBy);
    }

    /** {@code severity="critical"} alerts open a SEV2, one incident per region. */
    public static IncidentPolicy defaults() {
        return new IncidentPolicy("severity", Map.of("critical", Severity.SEV2), List.of("region"));
    }

    /** No incident opens by itself. */
    public static IncidentPolicy manualOnly() {
        return new IncidentPolicy("severity", Map.of(), List.of("region"));
    }

    /** The severity of the incident this alert opens, or empty when it opens none. */
    public Optional<Severity> severityFor(Alert alert) {
        String value = alert.labels().get(severityLabel);
        return value == null ? Optional.empty() : Optional.ofNullable(automatic.get(value));
    }

    /** The group an alert belongs to: its labels named in {@code groupBy}. */
    public Labels groupOf(Alert alert) {
        return alert.labels().keep(groupBy);
    }
}
