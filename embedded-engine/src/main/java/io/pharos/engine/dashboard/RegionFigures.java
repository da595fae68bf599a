package io.pharos.engine.dashboard;

import java.util.OptionalDouble;

/**
 * A region's main figures now (the last minutes of the range), for the map's tooltip; each empty when
 * the region has no data for it. Definitions as the fleet-wide figures of {@link ExecutiveSummary}.
 *
 * @param responseTimeSeconds request-weighted p50 latency of the user-facing services (health's measure)
 * @param successRatio        request-weighted success ratio of every service (health's measure)
 * @param cpuHeadroom         share of the region's CPU free at the busiest step of the range
 */
public record RegionFigures(OptionalDouble responseTimeSeconds, OptionalDouble successRatio,
                            OptionalDouble requestsPerSecond, OptionalDouble latencyP95Seconds,
                            OptionalDouble latencyP99Seconds, OptionalDouble errorRatio, OptionalDouble activeUsers,
                            OptionalDouble revenuePerMinute, OptionalDouble costPerHour, OptionalDouble cpuHeadroom) {
}
