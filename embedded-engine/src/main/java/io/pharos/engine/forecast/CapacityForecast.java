package io.pharos.engine.forecast;

import io.pharos.engine.model.Labels;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The capacity outlook of one resource of one group (for example CPU of a region): how its daily peak
 * trends, when it runs out at that trend, and how many units it needs for the plan's growth target.
 *
 * @param resource         what is planned, e.g. "cpu"
 * @param group            the group's labels, e.g. {region="eu-west-1"}
 * @param plan             the plan
 * @param atMs             the time the forecast is made for ("now"): the end of the data
 * @param capacity         the group's capacity now, in the usage's units
 * @param unitCapacity     the capacity of one unit (one host)
 * @param days             how many daily peaks the trend is fitted through
 * @param currentPeak      the daily peak now, on the fitted trend line
 * @param growthPerDay     the trend of the daily peak in usage units per day (NaN with fewer than 3 days)
 * @param timeToExhaustion when the peak reaches the capacity at this trend: zero when it already has,
 *                         empty when the trend does not rise (or is unknown)
 * @param timeToHeadroom   when the peak eats into the headroom at this trend (same conventions)
 * @param peakAtTarget     the peak after the plan's growth: current peak × (1 + growth)
 * @param peakAtTrend      the peak the trend reaches at the end of the plan's period (NaN when unknown)
 * @param neededCapacity   capacity that keeps the headroom at the larger of the two
 * @param neededUnits      units (hosts) that provide {@code neededCapacity}
 * @param additionalUnits  units to add (negative: units that could go)
 */
public record CapacityForecast(String resource, Labels group, CapacityPlan plan, long atMs, double capacity,
                               double unitCapacity, int days, double currentPeak, double growthPerDay,
                               Optional<Duration> timeToExhaustion, Optional<Duration> timeToHeadroom,
                               double peakAtTarget, double peakAtTrend, double neededCapacity, long neededUnits,
                               long additionalUnits) {

    /** The units the group has now. */
    public double units() {
        return capacity / unitCapacity;
    }

    /** The peak as a share of the capacity now. */
    public double peakUtilisation() {
        return currentPeak / capacity;
    }

    /** One paragraph for people. */
    public String explanation() {
        StringBuilder sb = new StringBuilder();
        sb.append(resource).append(' ').append(group).append(": daily peak ").append(num(currentPeak)).append(" of ")
                .append(num(capacity)).append(" (").append(percent(peakUtilisation())).append(')');
        if (Double.isNaN(growthPerDay)) {
            sb.append("; too little history for a trend (").append(days).append(" days, 3 needed)");
        } else {
            sb.append(", trend ").append(growthPerDay >= 0 ? "+" : "").append(num(growthPerDay)).append("/day over ")
                    .append(days).append(" days");
        }
        sb.append(". ");
        if (timeToExhaustion.isPresent() && timeToExhaustion.get().isZero()) {
            sb.append("Capacity is exhausted now. ");
        } else if (timeToExhaustion.isPresent()) {
            sb.append("At this trend the peak reaches the capacity in ").append(days(timeToExhaustion.get()));
            timeToHeadroom.ifPresent(d -> sb.append(" and the ").append(percent(plan.headroom())).append(" headroom in ")
                    .append(days(d)));
            sb.append(". ");
        } else if (!Double.isNaN(growthPerDay)) {
            sb.append("At this trend it does not run out. ");
        }
        sb.append("For ").append(plan.growth() >= 0 ? "+" : "").append(percent(plan.growth())).append(" in ")
                .append(days(plan.growthPeriod())).append(" with ").append(percent(plan.headroom()))
                .append(" headroom: ").append(neededUnits).append(" hosts (have ").append(num(units())).append(", ")
                .append(additionalUnits >= 0 ? "add " + additionalUnits : "could remove " + -additionalUnits)
                .append(").");
        return sb.toString();
    }

    private static String num(double v) {
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.0f", v) : PredictiveResult.num(v);
    }

    private static String percent(double p) {
        return String.format(Locale.ROOT, "%.0f %%", 100 * p);
    }

    private static String days(Duration d) {
        double days = d.toMillis() / 86_400_000.0;
        return days < 2 ? String.format(Locale.ROOT, "%.0f h", days * 24) : String.format(Locale.ROOT, "%.0f days", days);
    }
}
