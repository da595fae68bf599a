package io.pharos.engine.dashboard;

/** A region's health by the design's thresholds (see {@link HealthRule}). */
public enum Health {
    HEALTHY,
    DEGRADED,
    UNHEALTHY,
    /** No response time or no success rate to judge by. */
    UNKNOWN
}
