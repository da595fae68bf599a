package io.pharos.engine.incident;

import static io.pharos.engine.incident.ResponseMetrics.COST;
import static io.pharos.engine.incident.ResponseMetrics.CPU;
import static io.pharos.engine.incident.ResponseMetrics.DISK;
import static io.pharos.engine.incident.ResponseMetrics.ERRORS;
import static io.pharos.engine.incident.ResponseMetrics.HOSTS;
import static io.pharos.engine.incident.ResponseMetrics.LATENCY_P99;
import static io.pharos.engine.incident.ResponseMetrics.MEMORY;
import static io.pharos.engine.incident.ResponseMetrics.REQUESTS;
import static io.pharos.engine.incident.ResponseMetrics.REVENUE;
import static io.pharos.engine.incident.ResponseMetrics.USERS;

import io.pharos.engine.model.SeriesKey;
import io.pharos.engine.rules.Expr;
import io.pharos.engine.rules.Parser;
import io.pharos.engine.rules.RuleSyntaxException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The PromQL that {@link StoreResponseMetrics} reads each response metric with, on real systems. Each
 * query holds {@value #TARGET}, which becomes the label matchers of the action's target:
 * {@code region="eu-west-1",source!="simulated"}, with {@code service="checkout"} when scaling a
 * service, and {@code region!=""} for every region. Simulated series are left out because these
 * metrics judge actions on real systems: the simulation's host counts would let the policy allow what
 * it should not. The defaults read the data model's host metrics (one series per host, labelled
 * region, service and host) and region series.
 */
public final class ResponseQueries {
    public static final String TARGET = "$target";

    /** By metric name; every response metric has one. */
    public static final Map<String, String> DEFAULTS = defaults();

    private final Map<String, String> queries;

    private ResponseQueries(Map<String, String> queries) {
        this.queries = queries;
    }

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        // hosts reporting CPU within the last five minutes (the evaluator's look-back)
        d.put(HOSTS, "count(node_cpu_utilization_ratio{$target})");
        d.put(CPU, "avg(node_cpu_utilization_ratio{$target})");
        d.put(MEMORY, "avg(node_memory_utilization_ratio{$target})");
        d.put(DISK, "avg(node_filesystem_utilization_ratio{$target})");
        d.put(REQUESTS, "sum(service_requests_per_second{$target})");
        d.put(ERRORS, "sum(service_errors_per_second{$target}) / sum(service_requests_per_second{$target})");
        // no p99 of the whole can be computed from the hosts' p99s: their mean weighted by requests
        // follows it closely enough to show an action's effect
        d.put(LATENCY_P99, "sum(service_latency_p99_seconds{$target} * service_requests_per_second{$target})"
                + " / sum(service_requests_per_second{$target})");
        d.put(COST, "sum(host_cost_dollars_per_hour{$target})");
        d.put(USERS, "sum(region_active_users{$target})");
        d.put(REVENUE, "sum(region_revenue_dollars_per_minute{$target})");
        return Collections.unmodifiableMap(d);
    }

    /** The defaults with some replaced, by metric name. */
    public static ResponseQueries withOverrides(Map<String, String> overrides) {
        Map<String, String> q = new LinkedHashMap<>(DEFAULTS);
        overrides.forEach((metric, query) -> {
            if (!DEFAULTS.containsKey(metric)) {
                throw new IllegalArgumentException("no response metric " + metric + "; known: " + DEFAULTS.keySet());
            }
            check(query);
            q.put(metric, query);
        });
        return new ResponseQueries(Collections.unmodifiableMap(q));
    }

    public String query(String metric) {
        return queries.get(metric);
    }

    /** Whether {@code metric} is read with its default query. */
    public boolean isDefault(String metric) {
        return DEFAULTS.get(metric).equals(queries.get(metric));
    }

    /** Every metric's query, in the order of {@link #DEFAULTS}. */
    public Map<String, String> all() {
        return queries;
    }

    /** The query of {@code metric} for a region (null: every region) and a service (null: every service). */
    Expr expression(String metric, String region, String service) {
        return Parser.parse(queries.get(metric).replace(TARGET, target(region, service)));
    }

    /** The matchers {@value #TARGET} stands for. */
    static String target(String region, String service) {
        return (region == null ? "region!=\"\"" : "region=\"" + escape(region) + "\"")
                + (service == null ? "" : ",service=\"" + escape(service) + "\"")
                + "," + SeriesKey.SOURCE_LABEL + "!=\"" + SeriesKey.SIMULATED + "\"";
    }

    /**
     * Refuses a query that does not use {@value #TARGET} (it would read the same series whatever the
     * action) or that does not parse once it is expanded; the message says why.
     */
    public static void check(String query) {
        if (query == null || !query.contains(TARGET)) {
            throw new IllegalArgumentException("must use " + TARGET + " (for example avg(my_metric{" + TARGET
                    + "})), or it would read the same series whatever the action's target");
        }
        try {
            Parser.parse(query.replace(TARGET, target("a-region", "a-service")));
        } catch (RuleSyntaxException e) {
            // the place is in the expanded text; the reason is what the person can act on
            throw new IllegalArgumentException("not valid PromQL with " + TARGET + " expanded: " + e.reason());
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResponseQueries q && q.queries.equals(queries);
    }

    @Override
    public int hashCode() {
        return queries.hashCode();
    }

    @Override
    public String toString() {
        return queries.toString();
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
