package io.pharos.engine.rules;

import java.util.List;

/** Rules evaluated together, in order, every {@code intervalMs}; later rules see earlier recordings. */
public record RuleGroup(String name, long intervalMs, List<Rule> rules) {
    public RuleGroup {
        rules = List.copyOf(rules);
        if (intervalMs <= 0) {
            throw new IllegalArgumentException("a group's interval must be positive");
        }
    }
}
