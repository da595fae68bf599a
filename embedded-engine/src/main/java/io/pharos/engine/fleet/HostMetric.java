package io.pharos.engine.fleet;

/**
 * The 20 metrics every simulated host exports, named by Prometheus conventions, each with the number
 * of decimals a real exporter would give it (fewer decimals compress better downstream).
 */
public enum HostMetric {
    CPU_UTILIZATION("node_cpu_utilization_ratio", 4),
    MEMORY_UTILIZATION("node_memory_utilization_ratio", 4),
    FILESYSTEM_UTILIZATION("node_filesystem_utilization_ratio", 4),
    DISK_READ("node_disk_read_bytes_per_second", 0),
    DISK_WRITTEN("node_disk_written_bytes_per_second", 0),
    NETWORK_RECEIVE("node_network_receive_bytes_per_second", 0),
    NETWORK_TRANSMIT("node_network_transmit_bytes_per_second", 0),
    LOAD1("node_load1", 2),
    PROCESSES("node_processes", 0),
    TCP_CONNECTIONS("node_tcp_connections", 0),
    CPU_IOWAIT("node_cpu_iowait_ratio", 4),
    REQUESTS("service_requests_per_second", 1),
    ERRORS("service_errors_per_second", 4),
    LATENCY_P50("service_latency_p50_seconds", 5),
    LATENCY_P95("service_latency_p95_seconds", 5),
    LATENCY_P99("service_latency_p99_seconds", 5),
    SUCCESS("service_success_ratio", 6),
    DATABASE_CONNECTIONS("service_database_connections", 0),
    CACHE_HIT("service_cache_hit_ratio", 4),
    COST("host_cost_dollars_per_hour", 4);

    private final String metricName;
    private final int decimals;

    HostMetric(String metricName, int decimals) {
        this.metricName = metricName;
        this.decimals = decimals;
    }

    public String metricName() {
        return metricName;
    }

    public int decimals() {
        return decimals;
    }
}
