package io.pharos.engine.pipeline;

import java.util.List;

/**
 * Alerting at a glance, for the status screen: how many rules, which fail and why, how many alerts
 * fire and pend, the rule files' problems, and how long the last pass took.
 */
public record AlertingStatus(int rules, List<String> failingRules, int firing, int pending, List<String> ruleProblems,
                             long lastPassMs, long lastPassNanos) {
    public AlertingStatus {
        failingRules = List.copyOf(failingRules);
        ruleProblems = List.copyOf(ruleProblems);
    }
}
