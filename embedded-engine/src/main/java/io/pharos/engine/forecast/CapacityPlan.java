package io.pharos.engine.forecast;

import java.time.Duration;
import java.util.Objects;

/**
 * What a capacity forecast plans for.
 *
 * @param headroom     share of the capacity kept free at the daily peak (0.2 = plan for at most 80 % use)
 * @param growth       the growth target: the peak grows by this share (0.3 = +30 %)...
 * @param growthPeriod ...within this time from now
 * @param peakQuantile the quantile of a day's values taken as that day's peak (0.99 ignores the odd spike)
 */
public record CapacityPlan(double headroom, double growth, Duration growthPeriod, double peakQuantile) {

    public CapacityPlan {
        Objects.requireNonNull(growthPeriod, "growthPeriod");
        if (!(headroom >= 0 && headroom < 1)) {
            throw new IllegalArgumentException("headroom must be at least 0 and below 1, got " + headroom);
        }
        if (!(growth > -1) || !Double.isFinite(growth)) {
            throw new IllegalArgumentException("growth must be above -100 %, got " + growth);
        }
        if (growthPeriod.isNegative() || growthPeriod.isZero()) {
            throw new IllegalArgumentException("the growth period must be positive, got " + growthPeriod);
        }
        if (!(peakQuantile > 0 && peakQuantile <= 1)) {
            throw new IllegalArgumentException("the peak quantile must be above 0 and at most 1, got " + peakQuantile);
        }
    }

    /** +30 % in 90 days, 20 % headroom, the daily 99th percentile as the peak. */
    public static CapacityPlan defaults() {
        return new CapacityPlan(0.2, 0.3, Duration.ofDays(90), 0.99);
    }

    public CapacityPlan withGrowth(double newGrowth, Duration within) {
        return new CapacityPlan(headroom, newGrowth, within, peakQuantile);
    }

    public CapacityPlan withHeadroom(double newHeadroom) {
        return new CapacityPlan(newHeadroom, growth, growthPeriod, peakQuantile);
    }
}
