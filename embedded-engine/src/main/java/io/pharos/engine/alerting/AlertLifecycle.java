package io.pharos.engine.alerting;

import io.pharos.engine.model.Labels;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The lifecycle of the alerts of one rule: inactive → pending (for a duration) → firing →
 * resolved, with keep-firing hysteresis and flap detection. Each evaluation passes the label sets
 * whose condition holds now and the evaluation time; nothing here reads a clock, so rules can be
 * replayed over history (backtesting) exactly as they run live. Not thread-safe: one evaluator.
 */
public final class AlertLifecycle {
    private final AlertPolicy policy;
    private final Map<Labels, Tracked> tracked = new HashMap<>();

    /** Mutable state of one label set, including the change times flap detection needs. */
    private static final class Tracked {
        AlertState state = AlertState.INACTIVE;
        long activeSince;
        long firingSince;
        long resolvedAt;
        long lastTrue;
        double lastValue = Double.NaN;
        boolean flapping;
        final ArrayDeque<Long> changes = new ArrayDeque<>();
    }

    public AlertLifecycle(AlertPolicy policy) {
        this.policy = policy;
    }

    /**
     * Applies one evaluation at {@code nowMs}: {@code holding} maps each label set whose condition
     * holds to its value. Returns the transitions, in no particular order.
     */
    public List<AlertTransition> evaluate(long nowMs, Map<Labels, Double> holding) {
        List<AlertTransition> out = new ArrayList<>();
        for (var e : holding.entrySet()) {
            Tracked t = tracked.computeIfAbsent(e.getKey(), k -> new Tracked());
            t.lastTrue = nowMs;
            t.lastValue = e.getValue();
            AlertState before = t.state;
            switch (t.state) {
                case INACTIVE, RESOLVED -> {
                    t.activeSince = nowMs;
                    t.firingSince = 0;
                    t.resolvedAt = 0;
                    t.state = AlertState.PENDING;
                    if (policy.pendingFor().isZero()) {
                        fire(t, nowMs);
                    }
                }
                case PENDING -> {
                    if (nowMs - t.activeSince >= policy.pendingFor().toMillis()) {
                        fire(t, nowMs);
                    }
                }
                case FIRING -> {
                    // still firing
                }
            }
            record(out, e.getKey(), t, before, nowMs);
        }
        for (var e : tracked.entrySet()) {
            if (holding.containsKey(e.getKey())) {
                continue;
            }
            Tracked t = e.getValue();
            AlertState before = t.state;
            switch (t.state) {
                case PENDING -> t.state = AlertState.INACTIVE; // never fired: nobody was told, nothing to resolve
                case FIRING -> {
                    if (nowMs - t.lastTrue >= policy.keepFiringFor().toMillis()) {
                        t.state = AlertState.RESOLVED;
                        t.resolvedAt = nowMs;
                        change(t, nowMs);
                    }
                }
                default -> {
                    // inactive or resolved stays so
                }
            }
            record(out, e.getKey(), t, before, nowMs);
        }
        calm(nowMs);
        forget(nowMs);
        return out;
    }

    private void fire(Tracked t, long nowMs) {
        t.state = AlertState.FIRING;
        t.firingSince = nowMs;
        change(t, nowMs);
    }

    /** Notes a change between firing and resolved for flap detection. */
    private void change(Tracked t, long nowMs) {
        t.changes.addLast(nowMs);
        trim(t, nowMs);
        if (t.changes.size() >= policy.flapChanges()) {
            t.flapping = true;
        }
    }

    private void trim(Tracked t, long nowMs) {
        long since = nowMs - policy.flapWindow().toMillis();
        while (!t.changes.isEmpty() && t.changes.peekFirst() < since) {
            t.changes.removeFirst();
        }
    }

    /** A flapping alert calms down after a whole flap window without a change. */
    private void calm(long nowMs) {
        for (Tracked t : tracked.values()) {
            trim(t, nowMs);
            if (t.flapping && t.changes.isEmpty()) {
                t.flapping = false;
            }
        }
    }

    /**
     * Resolved alerts leave the list after {@code keepResolved}; a label set is forgotten once it is
     * inactive and has no change left in the flap window (so flapping is remembered across episodes).
     */
    private void forget(long nowMs) {
        for (Tracked t : tracked.values()) {
            if (t.state == AlertState.RESOLVED && nowMs - t.resolvedAt >= policy.keepResolved().toMillis()) {
                t.state = AlertState.INACTIVE;
            }
        }
        tracked.values().removeIf(t -> t.state == AlertState.INACTIVE && t.changes.isEmpty());
    }

    private static void record(List<AlertTransition> out, Labels labels, Tracked t, AlertState before, long nowMs) {
        if (t.state != before) {
            out.add(new AlertTransition(before, snapshot(labels, t), nowMs));
        }
    }

    private static Alert snapshot(Labels labels, Tracked t) {
        boolean active = t.state == AlertState.PENDING || t.state == AlertState.FIRING;
        return new Alert(labels, t.state, active ? t.activeSince : 0, t.firingSince, t.resolvedAt, t.lastValue,
                t.flapping);
    }

    /**
     * What a label set's state is made of, for saving it and restoring it after a restart: the state,
     * its times, the last value and the change times flap detection counts.
     */
    public record Saved(Labels labels, AlertState state, long activeSinceMs, long firingSinceMs, long resolvedAtMs,
                        long lastTrueMs, double lastValue, boolean flapping, List<Long> changes) {
        public Saved {
            changes = List.copyOf(changes);
        }
    }

    /** Everything tracked, to be saved. */
    public List<Saved> save() {
        List<Saved> out = new ArrayList<>(tracked.size());
        tracked.forEach((labels, t) -> out.add(new Saved(labels, t.state, t.activeSince, t.firingSince, t.resolvedAt,
                t.lastTrue, t.lastValue, t.flapping, List.copyOf(t.changes))));
        return out;
    }

    /** Replaces what is tracked by saved state (at start-up, before the first evaluation). */
    public void restore(Collection<Saved> saved) {
        tracked.clear();
        for (Saved s : saved) {
            Tracked t = new Tracked();
            t.state = s.state();
            t.activeSince = s.activeSinceMs();
            t.firingSince = s.firingSinceMs();
            t.resolvedAt = s.resolvedAtMs();
            t.lastTrue = s.lastTrueMs();
            t.lastValue = s.lastValue();
            t.flapping = s.flapping();
            t.changes.addAll(s.changes());
            tracked.put(s.labels(), t);
        }
    }

    /** Every alert known now (pending, firing, resolved still kept), as immutable pictures. */
    public Collection<Alert> alerts() {
        List<Alert> out = new ArrayList<>();
        tracked.forEach((labels, t) -> {
            if (t.state != AlertState.INACTIVE) {
                out.add(snapshot(labels, t));
            }
        });
        return out;
    }
}
