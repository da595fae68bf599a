package io.pharos.engine.rules;

/**
 * How a rule's last evaluation went: when, how long it took, how many series it returned, and the
 * error if it failed (null when it worked). A failing rule does not stop the others.
 */
public record RuleHealth(String rule, String group, String location, long lastEvaluationMs, long durationNanos,
                         int series, String error) {
    public boolean ok() {
        return error == null;
    }
}
