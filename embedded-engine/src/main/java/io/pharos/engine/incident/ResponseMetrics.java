package io.pharos.engine.incident;

import java.util.Map;

/**
 * Reads the metrics that show an action's effect, before and after it runs, and the fleet's size for
 * the policy check. {@link FleetResponseMetrics} reads the simulated reference fleet; for real
 * systems, read the latest values from the store; tests pass a fake.
 *
 * <p>Metric names are the constants below; for a fail-over each is read for both regions, prefixed
 * {@code from.} and {@code to.}. A metric that cannot be read is left out of the map.
 */
public interface ResponseMetrics {
    String CPU = "cpu_utilization";
    String MEMORY = "memory_utilization";
    String DISK = "filesystem_utilization";
    String LATENCY_P99 = "latency_p99_seconds";
    String ERRORS = "error_ratio";
    String REQUESTS = "requests_per_second";
    String USERS = "active_users";
    String REVENUE = "revenue_dollars_per_minute";
    String COST = "cost_dollars_per_hour";
    String HOSTS = "hosts";

    /** The metrics of the action's target at {@code atMs}, by name. */
    Map<String, Double> read(ResponseAction action, long atMs);

    /**
     * Hosts at {@code atMs} in a region (null: every region) of a service (null: every service), or
     * -1 when unknown (the policy then asks for approval).
     */
    int hosts(String region, String service, long atMs);
}
