package io.pharos.engine.rules;

import java.util.List;

/**
 * The outcome of one {@link RuleEngine#evaluate}: the groups that were due, the alert state changes
 * they caused, and the rules that failed.
 */
public record RuleCycle(long atMs, List<String> groupsEvaluated, List<RuleTransition> transitions,
                        List<RuleHealth> failures) {
    public RuleCycle {
        groupsEvaluated = List.copyOf(groupsEvaluated);
        transitions = List.copyOf(transitions);
        failures = List.copyOf(failures);
    }
}
