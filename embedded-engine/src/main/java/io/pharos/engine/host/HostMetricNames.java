package io.pharos.engine.host;

/**
 * Metric names of the local host source: node_exporter's name where it has a counterpart, otherwise
 * Prometheus conventions. Rates carry {@code _per_second} because the source differentiates counters
 * itself instead of exporting the raw totals.
 */
public final class HostMetricNames {
    public static final String CPU_UTILIZATION = "node_cpu_utilization_ratio";

    public static final String MEMORY_TOTAL = "node_memory_total_bytes";
    public static final String MEMORY_USED = "node_memory_used_bytes";
    public static final String MEMORY_UTILIZATION = "node_memory_utilization_ratio";
    public static final String SWAP_TOTAL = "node_memory_swap_total_bytes";
    public static final String SWAP_USED = "node_memory_swap_used_bytes";

    /** Labels: device, fstype, mountpoint. */
    public static final String FILESYSTEM_SIZE = "node_filesystem_size_bytes";
    public static final String FILESYSTEM_USED = "node_filesystem_used_bytes";
    public static final String FILESYSTEM_AVAILABLE = "node_filesystem_avail_bytes";
    public static final String FILESYSTEM_UTILIZATION = "node_filesystem_utilization_ratio";

    /** Label: device. */
    public static final String DISK_READ_RATE = "node_disk_read_bytes_per_second";
    public static final String DISK_WRITE_RATE = "node_disk_written_bytes_per_second";
    public static final String NETWORK_RECEIVE_RATE = "node_network_receive_bytes_per_second";
    public static final String NETWORK_TRANSMIT_RATE = "node_network_transmit_bytes_per_second";

    public static final String LOAD1 = "node_load1";
    public static final String LOAD5 = "node_load5";
    public static final String LOAD15 = "node_load15";
    public static final String PROCESSES = "node_processes_pids";
    public static final String THREADS = "node_processes_threads";
    public static final String UPTIME = "node_uptime_seconds";

    public static final String HOST_LABEL = "host";
    public static final String DEVICE_LABEL = "device";
    public static final String FSTYPE_LABEL = "fstype";
    public static final String MOUNTPOINT_LABEL = "mountpoint";
    /** Value of the {@code source} label on every series of this source. */
    public static final String LOCAL_SOURCE = "local";

    private HostMetricNames() {
    }
}
