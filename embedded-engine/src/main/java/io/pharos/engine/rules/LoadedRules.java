package io.pharos.engine.rules;

import java.util.List;

/** The groups read from rule files and what was refused in them. */
public record LoadedRules(List<RuleGroup> groups, List<RuleProblem> problems) {
    public LoadedRules {
        groups = List.copyOf(groups);
        problems = List.copyOf(problems);
    }

    public int ruleCount() {
        return groups.stream().mapToInt(g -> g.rules().size()).sum();
    }
}
