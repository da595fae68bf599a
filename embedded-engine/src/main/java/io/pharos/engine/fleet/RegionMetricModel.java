package io.pharos.engine.fleet;

/**
 * Computes region-level series from the same traffic and load model as the hosts, with the mean host
 * standing for all of a service's hosts, so region series match the sum or mean of the host series
 * to within the hosts' individual variation. Region series are few; clarity beats speed here.
 */
final class RegionMetricModel {
    private static final double INVERSE_JITTER_PERIOD = Noise.inverse(20_000);
    /** Average revenue per checkout request (most are cart views, a few are orders). */
    private static final double REVENUE_PER_CHECKOUT_REQUEST = 0.09;
    /** What leaves the region through the gateway is billed as internet egress. */
    private static final double EGRESS_DOLLARS_PER_GB = 0.08;
    /** Service-to-service traffic is billed as cross-zone transfer. */
    private static final double INTERNAL_DOLLARS_PER_GB = 0.01;

    private final RegionTraffic traffic;
    private final FleetLayout layout;

    RegionMetricModel(RegionTraffic traffic, FleetLayout layout) {
        this.traffic = traffic;
        this.layout = layout;
    }

    double value(RegionSeries s, long t, ScenarioEffects fx) {
        FleetRegion region = s.region();
        int r = region.ordinal();
        double level = traffic.level(r, t);
        double j = Noise.smooth(s.seriesSalt(), t, INVERSE_JITTER_PERIOD);
        FleetService svc = s.service();
        RegionMetric metric = s.metric();
        double raw = switch (metric) {
            case ACTIVE_USERS -> region.peakActiveUsers() * fx.users(level, r, t)
                    * (1 - 0.5 * fx.outageSeverity(r, -1, t)) * (1 + 0.01 * j);
            case REQUESTS -> requests(region, svc, level, fx, t) * (1 + 0.01 * j);
            case LATENCY_P50 -> latency(region, svc, level, fx, t) * (1 + 0.02 * j);
            case LATENCY_P95 -> latency(region, svc, level, fx, t) * 2.8 * (1 + 0.03 * j);
            case LATENCY_P99 -> latency(region, svc, level, fx, t) * 5.5 * (1 + 0.04 * j);
            case SUCCESS -> 1 - Rounding.round(errorRatio(region, svc, level, fx, t, s.groupSalt()), metric.decimals());
            case ERROR -> errorRatio(region, svc, level, fx, t, s.groupSalt());
            case REVENUE -> revenue(region, level, fx, t, s.seriesSalt()) * (1 + 0.01 * j);
            case COST -> cost(region, s.resource(), level, fx, t);
        };
        return Rounding.round(raw, metric.decimals());
    }

    private static double demand(int r, FleetService svc, double level, ScenarioEffects fx, long t) {
        int si = svc.ordinal();
        // per host: offered() adds operator adjustments (throttle, fail-over), capacity() added hosts
        return fx.offered(level, r, si, t) * LoadModel.reachingShare(fx.outageSeverity(r, si, t))
                / fx.capacity(r, si, t);
    }

    private double requests(FleetRegion region, FleetService svc, double level, ScenarioEffects fx, long t) {
        int r = region.ordinal();
        return svc.peakRequestsPerSecond * hosts(r, svc, fx, t) * demand(r, svc, level, fx, t);
    }

    private static double latency(FleetRegion region, FleetService svc, double level, ScenarioEffects fx, long t) {
        int r = region.ordinal();
        int si = svc.ordinal();
        double demand = demand(r, svc, level, fx, t);
        return svc.p50Seconds * LoadModel.latencyFactor(LoadModel.utilisation(svc, demand))
                * LoadModel.outageLatencyFactor(fx.outageSeverity(r, si, t)) * fx.latencyMultiplier(r, si, t);
    }

    private static double errorRatio(FleetRegion region, FleetService svc, double level, ScenarioEffects fx, long t,
            long groupSalt) {
        int r = region.ordinal();
        double demand = demand(r, svc, level, fx, t);
        double j = Noise.smooth(groupSalt, t, INVERSE_JITTER_PERIOD);
        return LoadModel.errorRatio(svc.baseErrorRatio * (1 + 0.3 * j),
                LoadModel.shed(LoadModel.utilisation(svc, demand)), fx.outageSeverity(r, svc.ordinal(), t));
    }

    /** Checkout requests that succeed through checkout and payments, turned into dollars per minute. */
    private double revenue(FleetRegion region, double level, ScenarioEffects fx, long t, long salt) {
        double checkouts = requests(region, FleetService.CHECKOUT, level, fx, t);
        double success = (1 - errorRatio(region, FleetService.CHECKOUT, level, fx, t, salt + 1))
                * (1 - errorRatio(region, FleetService.PAYMENTS, level, fx, t, salt + 2));
        return checkouts * success * REVENUE_PER_CHECKOUT_REQUEST * 60;
    }

    /** The service's hosts in the region, with those an operator added. */
    private double hosts(int r, FleetService svc, ScenarioEffects fx, long t) {
        return layout.hostCount(svc) * fx.capacity(r, svc.ordinal(), t);
    }

    private double cost(FleetRegion region, CostResource resource, double level, ScenarioEffects fx, long t) {
        int r = region.ordinal();
        double dollars = 0;
        for (FleetService svc : FleetService.values()) {
            double perService = switch (resource) {
                case COMPUTE -> hosts(r, svc, fx, t) * svc.computeDollarsPerHour;
                case STORAGE -> hosts(r, svc, fx, t) * svc.storageDollarsPerHour;
                case NETWORK -> {
                    double demand = demand(r, svc, level, fx, t);
                    double served = demand * (1 - LoadModel.shed(LoadModel.utilisation(svc, demand)));
                    double bytesPerHour = svc.peakRequestsPerSecond * hosts(r, svc, fx, t) * served
                            * svc.transmitBytesPerRequest * 3600;
                    yield bytesPerHour / 1e9
                            * (svc == FleetService.API_GATEWAY ? EGRESS_DOLLARS_PER_GB : INTERNAL_DOLLARS_PER_GB);
                }
            };
            dollars += perService * fx.costMultiplier(r, svc.ordinal(), t);
        }
        return dollars * region.provider().priceFactor();
    }
}
