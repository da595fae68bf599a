package io.pharos.engine.alerting.notify;

import java.util.List;
import java.util.Objects;

/**
 * One notification to one receiver, queued until it is delivered, fails for good or is given up.
 * Stored in the state file as it is (the receiver by name only: no URL, no token).
 *
 * @param id            grows with every enqueue; deliveries to a receiver go out in this order
 * @param receiver      the receiver's name
 * @param groupKey      the alert group, as in the payload's {@code groupKey}
 * @param status        {@code firing} or {@code resolved}, as in the payload
 * @param createdMs     when it was queued
 * @param attempts      attempts made so far
 * @param nextAttemptMs not tried before this time
 * @param lastError     the last attempt's error, or null
 * @param history       the attempts so far, oldest first (at most {@link #MAX_HISTORY}, the latest kept)
 * @param payload       the Alertmanager webhook JSON sent (or given to the command, or shown)
 */
public record Delivery(long id, String receiver, String groupKey, String status, long createdMs, int attempts,
                       long nextAttemptMs, String lastError, List<Attempt> history, String payload) {

    public static final int MAX_HISTORY = 20;

    /**
     * One attempt.
     *
     * @param atMs      when it ended
     * @param error     null when it delivered
     * @param retryInMs the back-off chosen after it (0 when none)
     */
    public record Attempt(long atMs, String error, long retryInMs) {
    }

    public Delivery {
        Objects.requireNonNull(receiver, "receiver");
        Objects.requireNonNull(payload, "payload");
        history = List.copyOf(history);
    }

    static Delivery queued(long id, String receiver, String groupKey, String status, long nowMs, String payload) {
        return new Delivery(id, receiver, groupKey, status, nowMs, 0, nowMs, null, List.of(), payload);
    }

    /** This delivery after a failed attempt, to be tried again at {@code nextMs}. */
    Delivery failedAttempt(long atMs, String error, long nextMs) {
        return new Delivery(id, receiver, groupKey, status, createdMs, attempts + 1, nextMs, error,
                append(new Attempt(atMs, error, nextMs - atMs)), payload);
    }

    /** The history including the last attempt, which ended the delivery. */
    List<Attempt> historyWith(long atMs, String error) {
        return append(new Attempt(atMs, error, 0));
    }

    private List<Attempt> append(Attempt a) {
        List<Attempt> h = new java.util.ArrayList<>(history);
        h.add(a);
        while (h.size() > MAX_HISTORY) {
            h.removeFirst();
        }
        return h;
    }
}
