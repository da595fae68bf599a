package io.pharos.engine.alerting;

import io.pharos.engine.model.Labels;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Who took an alert, until when. An acknowledgement lapses after its timeout, so an alert still
 * firing then comes back to the queue un-acknowledged; a resolved alert's acknowledgement is cleared.
 */
public final class Acknowledgements {

    /** An acknowledgement by an owner at a time, valid until a time. */
    public record Ack(String owner, long atMs, long untilMs) {
    }

    private final Map<Labels, Ack> acks = new HashMap<>();

    public synchronized Ack acknowledge(Labels alert, String owner, Duration timeout, long nowMs) {
        if (owner == null || owner.isBlank()) {
            throw new IllegalArgumentException("an acknowledgement needs an owner");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("an acknowledgement needs a positive timeout");
        }
        Ack ack = new Ack(owner, nowMs, nowMs + timeout.toMillis());
        acks.put(alert, ack);
        return ack;
    }

    /** The acknowledgement in force now, if any. */
    public synchronized Optional<Ack> current(Labels alert, long nowMs) {
        Ack a = acks.get(alert);
        if (a == null) {
            return Optional.empty();
        }
        if (nowMs >= a.untilMs()) {
            acks.remove(alert);
            return Optional.empty();
        }
        return Optional.of(a);
    }

    /** Every acknowledgement held, lapsed or not, for saving. */
    public synchronized Map<Labels, Ack> all() {
        return Map.copyOf(acks);
    }

    /** Puts back a saved acknowledgement (at start-up). */
    public synchronized void restore(Labels alert, Ack ack) {
        acks.put(alert, ack);
    }

    /**
     * Applies lifecycle transitions: resolved or gone alerts lose their acknowledgement. Returns
     * whether any was removed (then the saved ones must follow).
     */
    public synchronized boolean onTransitions(Iterable<AlertTransition> transitions) {
        boolean removed = false;
        for (AlertTransition t : transitions) {
            AlertState s = t.alert().state();
            if (s == AlertState.RESOLVED || s == AlertState.INACTIVE) {
                removed |= acks.remove(t.alert().labels()) != null;
            }
        }
        return removed;
    }
}
