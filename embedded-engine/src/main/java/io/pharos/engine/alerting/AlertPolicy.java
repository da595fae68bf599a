package io.pharos.engine.alerting;

import java.time.Duration;

/**
 * How an alert moves between states.
 *
 * @param pendingFor    how long the condition must hold before the alert fires (PromQL's "for")
 * @param keepFiringFor how long a firing alert stays firing after its condition stops holding, so a
 *                      value hovering at the threshold does not resolve and fire again
 * @param flapChanges   this many changes between firing and resolved within {@code flapWindow} mark
 *                      the alert as flapping (notifications are quieted while it flaps)
 * @param flapWindow    the window of flap detection; a flapping alert calms down after a whole window
 *                      without a change
 * @param keepResolved  how long a resolved alert is kept for the queue and history
 */
public record AlertPolicy(Duration pendingFor, Duration keepFiringFor, int flapChanges, Duration flapWindow,
                          Duration keepResolved) {

    public AlertPolicy {
        if (pendingFor.isNegative() || keepFiringFor.isNegative() || flapWindow.isNegative()
                || keepResolved.isNegative()) {
            throw new IllegalArgumentException("alert policy durations must not be negative");
        }
        if (flapChanges < 2) {
            throw new IllegalArgumentException("flap detection needs at least 2 changes, got " + flapChanges);
        }
    }

    /** Fires after the condition held for {@code pendingFor}; other settings at their defaults. */
    public static AlertPolicy firingAfter(Duration pendingFor) {
        return new AlertPolicy(pendingFor, Duration.ZERO, 6, Duration.ofHours(1), Duration.ofMinutes(15));
    }

    public AlertPolicy withKeepFiringFor(Duration d) {
        return new AlertPolicy(pendingFor, d, flapChanges, flapWindow, keepResolved);
    }

    public AlertPolicy withFlapDetection(int changes, Duration window) {
        return new AlertPolicy(pendingFor, keepFiringFor, changes, window, keepResolved);
    }
}
