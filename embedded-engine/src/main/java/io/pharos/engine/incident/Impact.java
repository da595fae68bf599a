package io.pharos.engine.incident;

/**
 * What an incident cost its users and the business.
 *
 * @param affectedUsers the most users affected at one time (failing requests, or not served at all);
 *                      NaN when unknown
 * @param revenueAtRisk what the affected regions earn in the incident's time, in dollars; NaN when unknown
 * @param revenueLost   the part of it not earned, in dollars; NaN when unknown
 * @param simulated     computed from the simulated reference fleet: not real users or money
 * @param method        how the figures were found, in words (shown in the postmortem)
 */
public record Impact(long startMs, long endMs, double affectedUsers, double revenueAtRisk, double revenueLost,
                     boolean simulated, String method) {

    public long durationMs() {
        return Math.max(0, endMs - startMs);
    }

    /** Figures people worked out themselves (from billing, support tickets...); NaN for those not known. */
    public static Impact given(long startMs, long endMs, double affectedUsers, double revenueAtRisk,
            double revenueLost, String source) {
        return new Impact(startMs, endMs, affectedUsers, revenueAtRisk, revenueLost, false, source);
    }
}
