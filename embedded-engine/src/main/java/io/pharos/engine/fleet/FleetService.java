package io.pharos.engine.fleet;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The services of the reference fleet and how one host of each behaves at a weekday afternoon peak
 * (demand 1.0). The numbers are plausible orders of magnitude for a large web shop, tuned so that
 * on a normal day no default alert rule fires (CPU below 80 %, memory below 85 %, p99 latency below
 * 200 ms, errors well inside the 99.99 % availability objective's budget) and a service saturates at
 * roughly 1.5x its peak demand: alerts come from scenarios.
 */
public enum FleetService {
    // Columns: host share, peak requests/s per host, cores, idle and peak CPU ratio, memory base and
    // swing ratio, disk use ratio, disk read and write MB/s, received and sent KB per request,
    // p50 latency ms, base error ratio, database connections, cache hit ratio, compute and storage $/h.
    API_GATEWAY("api-gateway", 0.15, 900, 8, 0.04, 0.50, 0.35, 0.10, 0.25, 1, 2, 1.5, 6, 6, 0.00003, 2, 0.80, 0.34, 0.01),
    CHECKOUT("checkout", 0.12, 160, 8, 0.05, 0.55, 0.45, 0.12, 0.30, 2, 4, 3, 8, 18, 0.00004, 40, 0.75, 0.38, 0.01),
    SEARCH("search", 0.15, 420, 16, 0.06, 0.55, 0.55, 0.15, 0.45, 30, 5, 1, 20, 14, 0.00002, 8, 0.88, 0.77, 0.04),
    CATALOG("catalog", 0.14, 650, 8, 0.04, 0.45, 0.50, 0.10, 0.35, 10, 2, 1, 25, 10, 0.000016, 30, 0.92, 0.34, 0.02),
    PAYMENTS("payments", 0.08, 110, 8, 0.05, 0.45, 0.40, 0.08, 0.30, 1, 3, 2, 3, 24, 0.00005, 25, 0.70, 0.38, 0.01),
    DATABASE("database", 0.16, 1500, 32, 0.08, 0.55, 0.68, 0.08, 0.62, 60, 35, 0.5, 4, 2, 0.000008, 350, 0.97, 3.06, 0.35),
    CACHE("cache", 0.20, 6000, 8, 0.03, 0.35, 0.70, 0.05, 0.15, 0.5, 1, 0.2, 2, 0.5, 0.000002, 2, 0.94, 0.68, 0.01);

    final String id;
    /** Share of a region's hosts. */
    final double hostShare;
    final double peakRequestsPerSecond;
    final int cores;
    final double idleCpu;
    final double peakCpu;
    final double memoryBase;
    final double memorySwing;
    final double filesystemBase;
    final double diskReadBytesPerSecond;
    final double diskWriteBytesPerSecond;
    final double receiveBytesPerRequest;
    final double transmitBytesPerRequest;
    final double p50Seconds;
    final double baseErrorRatio;
    final double peakDbConnections;
    final double cacheHitRatio;
    final double computeDollarsPerHour;
    final double storageDollarsPerHour;

    FleetService(String id, double hostShare, double peakRequestsPerSecond, int cores, double idleCpu, double peakCpu,
            double memoryBase, double memorySwing, double filesystemBase, double diskReadMBps, double diskWriteMBps,
            double receiveKBPerRequest, double transmitKBPerRequest, double p50Millis, double baseErrorRatio,
            double peakDbConnections, double cacheHitRatio, double computeDollarsPerHour, double storageDollarsPerHour) {
        this.id = id;
        this.hostShare = hostShare;
        this.peakRequestsPerSecond = peakRequestsPerSecond;
        this.cores = cores;
        this.idleCpu = idleCpu;
        this.peakCpu = peakCpu;
        this.memoryBase = memoryBase;
        this.memorySwing = memorySwing;
        this.filesystemBase = filesystemBase;
        this.diskReadBytesPerSecond = diskReadMBps * 1e6;
        this.diskWriteBytesPerSecond = diskWriteMBps * 1e6;
        this.receiveBytesPerRequest = receiveKBPerRequest * 1024;
        this.transmitBytesPerRequest = transmitKBPerRequest * 1024;
        this.p50Seconds = p50Millis / 1000;
        this.baseErrorRatio = baseErrorRatio;
        this.peakDbConnections = peakDbConnections;
        this.cacheHitRatio = cacheHitRatio;
        this.computeDollarsPerHour = computeDollarsPerHour;
        this.storageDollarsPerHour = storageDollarsPerHour;
    }

    /** The value of the {@code service} label, e.g. "checkout". */
    public String id() {
        return id;
    }

    /** Requests per second one host of this service receives at a weekday afternoon peak (demand 1.0). */
    public double peakRequestsPerSecond() {
        return peakRequestsPerSecond;
    }

    /**
     * Requests per second one host serves before its CPU saturates; beyond that the excess is shed as
     * errors. What capacity planning divides request rates by.
     */
    public double requestCapacityPerHost() {
        return peakRequestsPerSecond / LoadModel.utilisation(this, 1.0);
    }

    /** The service with this label value; the message lists the known ones when there is none. */
    public static FleetService byId(String id) {
        for (FleetService s : values()) {
            if (s.id.equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown service '" + id + "'; known services: " + ids());
    }

    static String ids() {
        return Arrays.stream(values()).map(FleetService::id).collect(Collectors.joining(", "));
    }
}
