package io.pharos.engine.dashboard;

import java.time.Duration;
import java.util.Objects;

/**
 * An availability objective: the share of requests that should succeed over a rolling window. The
 * default is the default rules' 99.99 % over 30 days; its error budget is the 0.01 % that may fail.
 */
public record Objective(double target, Duration window) {
    public static final Objective DEFAULT = new Objective(0.9999, Duration.ofDays(30));

    public Objective {
        Objects.requireNonNull(window, "window");
        if (!(target > 0 && target < 1)) {
            throw new IllegalArgumentException("an objective is a share strictly between 0 and 1, got " + target);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the objective's window must be positive, got " + window);
        }
    }

    /** The share of requests allowed to fail: 1 − target. */
    public double errorBudget() {
        return 1 - target;
    }
}
