package io.pharos.engine.alerting;

import io.pharos.engine.model.Labels;

/** One change of an alert's state, as kept in the history: which rule, which alert, from what to what, when. */
public record AlertHistoryEntry(String rule, Labels labels, AlertState from, AlertState to, long atMs, double value) {

    public static AlertHistoryEntry of(String rule, AlertTransition t) {
        return new AlertHistoryEntry(rule, t.alert().labels(), t.from(), t.alert().state(), t.atMs(), t.alert().lastValue());
    }
}
