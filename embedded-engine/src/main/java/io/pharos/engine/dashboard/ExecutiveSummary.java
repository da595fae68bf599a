package io.pharos.engine.dashboard;

import io.pharos.engine.incident.Severity;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the executive dashboard shows for a range [from, to), each figure with its value over
 * the previous period of the same length [previousFrom, from). Immutable. docs/dashboards.md says how
 * each figure is computed.
 *
 * @param simulated      some figure was computed from simulated series ({@code source="simulated"}):
 *                       the view must say so
 * @param openBySeverity incidents open at the end of the range per severity (every severity present,
 *                       zeros included); empty when incidents are not tracked
 * @param regions        per region, sorted by name
 */
public record ExecutiveSummary(long fromMs, long toMs, long previousFromMs, Objective objective, boolean simulated,
                               Kpi availability, Kpi errorBudgetRemaining, Kpi activeUsers, Kpi requestsPerSecond,
                               Kpi latencyP95, Kpi latencyP99, Kpi errorRate, Kpi revenuePerMinute,
                               Kpi revenueAtRisk, Kpi costPerHour, Kpi monthlyRunRate, Kpi cpuHeadroom,
                               Kpi openIncidents, Kpi meanTimeToAcknowledge, Kpi meanTimeToResolve,
                               Map<Severity, Integer> openBySeverity, List<RegionHealth> regions) {

    public static final String AVAILABILITY = "availability";
    public static final String ERROR_BUDGET_REMAINING = "error_budget_remaining";
    public static final String ACTIVE_USERS = "active_users";
    public static final String REQUESTS_PER_SECOND = "requests_per_second";
    public static final String LATENCY_P95 = "latency_p95";
    public static final String LATENCY_P99 = "latency_p99";
    public static final String ERROR_RATE = "error_rate";
    public static final String REVENUE_PER_MINUTE = "revenue_per_minute";
    public static final String REVENUE_AT_RISK = "revenue_at_risk";
    public static final String COST_PER_HOUR = "cost_per_hour";
    public static final String MONTHLY_RUN_RATE = "monthly_run_rate";
    public static final String CPU_HEADROOM = "cpu_headroom";
    public static final String OPEN_INCIDENTS = "open_incidents";
    public static final String MEAN_TIME_TO_ACKNOWLEDGE = "mean_time_to_acknowledge";
    public static final String MEAN_TIME_TO_RESOLVE = "mean_time_to_resolve";

    public ExecutiveSummary {
        Objects.requireNonNull(objective, "objective");
        openBySeverity = openBySeverity.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new EnumMap<>(openBySeverity));
        regions = List.copyOf(regions);
    }

    /** Every figure in the dashboard's order, for views that lay tiles out in a loop. */
    public List<Kpi> kpis() {
        return List.of(availability, errorBudgetRemaining, activeUsers, requestsPerSecond, latencyP95, latencyP99,
                errorRate, revenuePerMinute, revenueAtRisk, costPerHour, monthlyRunRate, cpuHeadroom, openIncidents,
                meanTimeToAcknowledge, meanTimeToResolve);
    }

    /** The figure with this id (one of the constants), or an exception naming the known ones. */
    public Kpi kpi(String id) {
        return kpis().stream().filter(k -> k.id().equals(id)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("no figure '" + id + "'; known: "
                        + kpis().stream().map(Kpi::id).toList()));
    }

    /** The region with this name, if it has any data. */
    public java.util.Optional<RegionHealth> region(String name) {
        return regions.stream().filter(r -> r.region().equals(name)).findFirst();
    }
}
