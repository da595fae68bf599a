package io.pharos.engine.dashboard;

/** How a figure moved since the previous period, judged by whether higher is better for it. */
public enum Trend {
    BETTER,
    WORSE,
    /** Changed by less than the figure's tolerance (see {@link Kpi#STEADY_TOLERANCE}). */
    STEADY,
    /** The figure or its previous value is unavailable: nothing to compare. */
    UNKNOWN
}
