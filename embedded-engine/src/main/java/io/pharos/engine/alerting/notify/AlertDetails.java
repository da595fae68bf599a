package io.pharos.engine.alerting.notify;

import io.pharos.engine.alerting.Alert;
import java.util.Map;

/**
 * What the payload says about an alert beyond its labels: annotations (summary, description,
 * runbook_url) and a link back to its source. The rule layer supplies these; the default has none.
 */
public interface AlertDetails {
    AlertDetails NONE = new AlertDetails() {
    };

    default Map<String, String> annotations(Alert alert) {
        return Map.of();
    }

    /** A link to the alert's source (the rule or a graph of its expression); empty when there is none. */
    default String generatorUrl(Alert alert) {
        return "";
    }
}
