package io.pharos.engine.rules;

import io.pharos.engine.alerting.AlertTransition;
import java.util.Map;

/** A change of an alert's state, with the rule that raised it. */
public record RuleTransition(String rule, String group, AlertTransition transition, Map<String, String> annotations) {
    public RuleTransition {
        annotations = Map.copyOf(annotations);
    }
}
