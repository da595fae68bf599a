package io.pharos.engine.fleet;

/** Region-level series of the reference fleet: what the executive dashboard reads per region. */
public enum RegionMetric {
    ACTIVE_USERS("region_active_users", 0, Scope.REGION),
    REQUESTS("region_requests_per_second", 1, Scope.PER_SERVICE),
    LATENCY_P50("region_latency_p50_seconds", 5, Scope.PER_SERVICE),
    LATENCY_P95("region_latency_p95_seconds", 5, Scope.PER_SERVICE),
    LATENCY_P99("region_latency_p99_seconds", 5, Scope.PER_SERVICE),
    SUCCESS("region_success_ratio", 6, Scope.PER_SERVICE),
    ERROR("region_error_ratio", 6, Scope.PER_SERVICE),
    REVENUE("region_revenue_dollars_per_minute", 2, Scope.REGION),
    COST("region_cost_dollars_per_hour", 2, Scope.PER_RESOURCE);

    /** Which extra label the series carry: none, {@code service}, or {@code resource}. */
    public enum Scope { REGION, PER_SERVICE, PER_RESOURCE }

    private final String metricName;
    private final int decimals;
    private final Scope scope;

    RegionMetric(String metricName, int decimals, Scope scope) {
        this.metricName = metricName;
        this.decimals = decimals;
        this.scope = scope;
    }

    public String metricName() {
        return metricName;
    }

    public int decimals() {
        return decimals;
    }

    public Scope scope() {
        return scope;
    }
}
