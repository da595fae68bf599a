package io.pharos.engine.rules;

import io.pharos.engine.alerting.Alert;
import java.util.Map;

/** An alert raised by an alerting rule, with its annotations rendered for its labels and value. */
public record RuleAlert(String rule, String group, Alert alert, Map<String, String> annotations) {
    public RuleAlert {
        annotations = Map.copyOf(annotations);
    }
}
