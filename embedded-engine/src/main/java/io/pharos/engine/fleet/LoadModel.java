package io.pharos.engine.fleet;

/**
 * How a service host responds to demand (1.0 = a weekday afternoon peak): CPU grows linearly until
 * the host saturates, beyond that the excess is shed as errors, and latency rises like a queue's as
 * utilisation approaches 1. Shared by host and region series so they tell the same story.
 */
final class LoadModel {
    private static final double CPU_CEILING = 0.97;
    private static final double MAX_QUEUE_UTILISATION = 0.98;

    private LoadModel() {
    }

    /** Fraction of usable CPU the demand asks for; above 1 the host is overloaded. */
    static double utilisation(FleetService s, double demand) {
        return s.peakCpu * demand / (CPU_CEILING - s.idleCpu);
    }

    static double cpu(FleetService s, double demand) {
        return s.idleCpu + Math.min(s.peakCpu * demand, CPU_CEILING - s.idleCpu);
    }

    /** Share of requests an overloaded host cannot serve. */
    static double shed(double utilisation) {
        return utilisation > 1 ? 1 - 1 / utilisation : 0;
    }

    /** Multiplies the service's base latency: about 1.2 at peak, over 10 near saturation. */
    static double latencyFactor(double utilisation) {
        double u = Math.min(utilisation, MAX_QUEUE_UTILISATION);
        return 1 + 0.35 * u * u / (1 - u);
    }

    /** Independent failure causes combined: base errors, shed load, an outage. */
    static double errorRatio(double baseErrors, double shed, double outage) {
        return 1 - (1 - baseErrors) * (1 - shed) * (1 - outage);
    }

    /** An outage keeps some requests from reaching the hosts at all (DNS, load balancers). */
    static double reachingShare(double outage) {
        return 1 - 0.7 * outage;
    }

    /** Waiting for timeouts makes the requests that do arrive during an outage slow. */
    static double outageLatencyFactor(double outage) {
        return 1 + 3 * outage;
    }
}
