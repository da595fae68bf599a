package io.pharos.engine.alerting.notify;

import java.util.List;

/**
 * The delivery log's entry for a delivery that left the queue: what was sent to whom, when, and how
 * it ended.
 *
 * @param attempts   attempts made, including the last
 * @param error      why it failed or was given up; null when delivered
 * @param history    the attempts, oldest first, each with its error and the back-off that followed
 * @param payload    what was sent
 */
public record DeliveryRecord(long id, String receiver, String groupKey, String status, Outcome outcome, long createdMs,
                             long finishedMs, int attempts, String error, List<Delivery.Attempt> history,
                             String payload) {

    public enum Outcome {
        /** The receiver has it. */
        DELIVERED,
        /** A permanent failure (HTTP 4xx other than 429, or a receiver no longer configured): not retried. */
        FAILED,
        /** Still failing when the retry policy's maximum age had passed. */
        GAVE_UP
    }

    public DeliveryRecord {
        history = List.copyOf(history);
    }
}
