package io.pharos.engine.fleet;

import static io.pharos.engine.fleet.Rounding.clamp;

/**
 * Computes a host metric at a time. Every host's demand is its region's traffic times its own
 * factor and a slow wander; each metric derives from that demand through {@link LoadModel}, plus a
 * little jitter of its own.
 */
final class HostMetricModel {
    private static final double HOST_WANDER = 0.05;
    private static final double INVERSE_HOST_WANDER_PERIOD = Noise.inverse(5 * 60_000);
    private static final double INVERSE_JITTER_PERIOD = Noise.inverse(20_000);
    private static final long DAY_MS = 86_400_000L;
    /** Fraction of the disk that fills up between two daily log rotations. */
    private static final double DAILY_DISK_GROWTH = 0.06;
    private static final long REQUEST_JITTER_SALT = 0x7E9;
    private static final long ERROR_JITTER_SALT = 0xE77;

    private final RegionTraffic traffic;

    HostMetricModel(RegionTraffic traffic) {
        this.traffic = traffic;
    }

    double value(HostSeries s, long t, ScenarioEffects fx) {
        FleetService svc = s.service();
        int r = s.region().ordinal();
        int si = svc.ordinal();
        double outage = fx.outageSeverity(r, si, t);
        // offered(): traffic with surges and operator adjustments; capacity(): hosts added by an operator
        double demand = fx.offered(traffic.level(r, t), r, si, t) * s.hostFactor()
                * (1 + HOST_WANDER * Noise.smooth(s.hostSalt(), t, INVERSE_HOST_WANDER_PERIOD))
                * LoadModel.reachingShare(outage) / fx.capacity(r, si, t);
        double j = Noise.smooth(s.seriesSalt(), t, INVERSE_JITTER_PERIOD);
        HostMetric metric = s.metric();
        double raw = switch (metric) {
            case CPU_UTILIZATION -> clamp(LoadModel.cpu(svc, demand) + 0.015 * j, 0.005, 0.995);
            case MEMORY_UTILIZATION -> clamp(svc.memoryBase + svc.memorySwing * Math.min(demand, 1.5) + 0.004 * j
                    + fx.leakedMemory(r, si, t), 0.01, 0.99);
            case FILESYSTEM_UTILIZATION -> {
                // a disk clean-up empties the disk as the daily rotation does
                double sinceRotation = Math.min(Math.floorMod(t + s.rotationPhaseMs(), DAY_MS),
                        (double) t - fx.diskCleanedAt(r, t)) / DAY_MS;
                yield clamp(svc.filesystemBase + DAILY_DISK_GROWTH * sinceRotation + 0.002 * j, 0, 0.99);
            }
            case DISK_READ -> svc.diskReadBytesPerSecond * (0.2 + 0.8 * served(svc, demand)) * (1 + 0.15 * j);
            case DISK_WRITTEN -> svc.diskWriteBytesPerSecond * (0.2 + 0.8 * served(svc, demand)) * (1 + 0.15 * j);
            case NETWORK_RECEIVE -> requests(s, demand, t) * svc.receiveBytesPerRequest * (1 + 0.05 * j) + 3000;
            case NETWORK_TRANSMIT -> {
                double requests = requests(s, demand, t);
                double errors = errorRatio(s, demand, outage, t);
                yield requests * ((1 - errors) * svc.transmitBytesPerRequest + errors * 512) * (1 + 0.05 * j) + 5000;
            }
            case LOAD1 -> svc.cores * LoadModel.cpu(svc, demand) * (1 + 0.08 * j)
                    + 2 * svc.cores * LoadModel.shed(LoadModel.utilisation(svc, demand));
            case PROCESSES -> 120 + 10 * svc.cores + 25 * Math.min(demand, 2) + 3 * j;
            case TCP_CONNECTIONS -> 30 + 0.3 * requests(s, demand, t) * (1 + 0.05 * j);
            case CPU_IOWAIT -> clamp(0.002 + svc.diskReadBytesPerSecond / 1e9 * served(svc, demand) * (1 + 0.3 * j), 0, 0.5);
            case REQUESTS -> requests(s, demand, t);
            case ERRORS -> requests(s, demand, t) * errorRatio(s, demand, outage, t);
            case LATENCY_P50 -> latency(svc, demand, outage, fx, r, si, t) * (1 + 0.04 * j);
            case LATENCY_P95 -> latency(svc, demand, outage, fx, r, si, t) * 2.8 * (1 + 0.06 * j);
            case LATENCY_P99 -> latency(svc, demand, outage, fx, r, si, t) * 5.5 * (1 + 0.08 * j);
            case SUCCESS -> 1 - errorRatio(s, demand, outage, t);
            case DATABASE_CONNECTIONS -> Math.min(1.6 * svc.peakDbConnections, svc.peakDbConnections * (0.3 + 0.7 * demand))
                    * (1 + 0.05 * j);
            case CACHE_HIT -> clamp(svc.cacheHitRatio - 0.03 * Math.max(0, demand - 1) + 0.005 * j, 0, 1);
            case COST -> svc.computeDollarsPerHour * s.region().provider().priceFactor() * fx.costMultiplier(r, si, t);
        };
        return Rounding.round(raw, metric.decimals());
    }

    /** Demand actually served: an overloaded host sheds the rest. */
    private static double served(FleetService svc, double demand) {
        return demand * (1 - LoadModel.shed(LoadModel.utilisation(svc, demand)));
    }

    /** Requests arriving at the host; the jitter is the host's, so every metric derived from it agrees. */
    private static double requests(HostSeries s, double demand, long t) {
        double j = Noise.smooth(s.hostSalt() + REQUEST_JITTER_SALT, t, INVERSE_JITTER_PERIOD);
        return s.service().peakRequestsPerSecond * demand * (1 + 0.02 * j);
    }

    private static double errorRatio(HostSeries s, double demand, double outage, long t) {
        FleetService svc = s.service();
        double j = Noise.smooth(s.hostSalt() + ERROR_JITTER_SALT, t, INVERSE_JITTER_PERIOD);
        return LoadModel.errorRatio(svc.baseErrorRatio * (1 + 0.5 * j),
                LoadModel.shed(LoadModel.utilisation(svc, demand)), outage);
    }

    private static double latency(FleetService svc, double demand, double outage, ScenarioEffects fx, int r, int si, long t) {
        return svc.p50Seconds * LoadModel.latencyFactor(LoadModel.utilisation(svc, demand))
                * LoadModel.outageLatencyFactor(outage) * fx.latencyMultiplier(r, si, t);
    }
}
