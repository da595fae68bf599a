package io.pharos.engine.dashboard;

import java.util.ArrayList;
import java.util.List;

/**
 * Judges a region's health from its response time and success rate, as the design defines it:
 * healthy when response time &lt; 100 ms and success rate &gt; 0.99; degraded when &lt; 200 ms and
 * &gt; 0.95; unhealthy otherwise. The thresholds are parameters with those defaults. Pure: the same
 * figures give the same verdict.
 *
 * @param healthyResponseSeconds  response time must be below this to be healthy
 * @param healthySuccessRatio     success rate must be above this to be healthy
 * @param degradedResponseSeconds response time must be below this not to be unhealthy
 * @param degradedSuccessRatio    success rate must be above this not to be unhealthy
 */
public record HealthRule(double healthyResponseSeconds, double healthySuccessRatio, double degradedResponseSeconds,
                         double degradedSuccessRatio) {

    public static final HealthRule DEFAULTS = new HealthRule(0.100, 0.99, 0.200, 0.95);

    public HealthRule {
        if (!(healthyResponseSeconds > 0 && degradedResponseSeconds >= healthyResponseSeconds)) {
            throw new IllegalArgumentException("response time limits must be positive and the degraded one at least the"
                    + " healthy one, got " + healthyResponseSeconds + " s and " + degradedResponseSeconds + " s");
        }
        if (!(healthySuccessRatio <= 1 && degradedSuccessRatio <= healthySuccessRatio && degradedSuccessRatio >= 0)) {
            throw new IllegalArgumentException("success rate limits must be within 0..1 and the degraded one at most the"
                    + " healthy one, got " + healthySuccessRatio + " and " + degradedSuccessRatio);
        }
    }

    /** A health and the reasons for it, e.g. UNHEALTHY because "success rate 0.93 < 0.95". */
    public record Verdict(Health health, List<String> reasons) {
        public Verdict {
            reasons = List.copyOf(reasons);
        }
    }

    /**
     * The verdict for a response time (seconds) and a success rate (0..1); NaN for a figure with no data.
     * The reasons name each figure that keeps the region from being healthy (for a healthy region, both
     * figures within their limits).
     */
    public Verdict judge(double responseSeconds, double successRatio) {
        List<String> missing = new ArrayList<>();
        if (Double.isNaN(responseSeconds)) {
            missing.add("no response time data");
        }
        if (Double.isNaN(successRatio)) {
            missing.add("no success rate data");
        }
        if (!missing.isEmpty()) {
            return new Verdict(Health.UNKNOWN, missing);
        }
        List<String> unhealthy = new ArrayList<>();
        if (!(responseSeconds < degradedResponseSeconds)) {
            unhealthy.add(responseTooSlow(responseSeconds, degradedResponseSeconds));
        }
        if (!(successRatio > degradedSuccessRatio)) {
            unhealthy.add(successTooLow(successRatio, degradedSuccessRatio));
        }
        if (!unhealthy.isEmpty()) {
            return new Verdict(Health.UNHEALTHY, unhealthy);
        }
        List<String> degraded = new ArrayList<>();
        if (!(responseSeconds < healthyResponseSeconds)) {
            degraded.add(responseTooSlow(responseSeconds, healthyResponseSeconds));
        }
        if (!(successRatio > healthySuccessRatio)) {
            degraded.add(successTooLow(successRatio, healthySuccessRatio));
        }
        if (!degraded.isEmpty()) {
            return new Verdict(Health.DEGRADED, degraded);
        }
        return new Verdict(Health.HEALTHY, List.of(
                "response time " + Numbers.millis(responseSeconds, healthyResponseSeconds) + " < "
                        + Numbers.millis(healthyResponseSeconds, healthyResponseSeconds),
                "success rate " + Numbers.ratio(successRatio, healthySuccessRatio) + " > "
                        + Numbers.plain(healthySuccessRatio)));
    }

    private static String responseTooSlow(double seconds, double limit) {
        String op = seconds > limit ? " > " : " ≥ ";
        return "response time " + Numbers.millis(seconds, limit) + op + Numbers.millis(limit, limit);
    }

    private static String successTooLow(double ratio, double limit) {
        String op = ratio < limit ? " < " : " ≤ ";
        return "success rate " + Numbers.ratio(ratio, limit) + op + Numbers.plain(limit);
    }
}
