package io.pharos.engine.fleet;

import io.pharos.engine.model.Labels;
import io.pharos.engine.model.SeriesKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which hosts run which service, and the series of the fleet in a fixed order: for each region, its
 * hosts, each with the 20 host metrics in {@link HostMetric} order; then, for each region, its
 * region-level series. Every region has the same layout; hosts of a service are numbered from 001.
 */
final class FleetLayout {
    static final int MIN_HOSTS_PER_REGION = FleetService.values().length;

    private final int hostsPerRegion;
    private final int[] hostsPerService;
    private final FleetService[] serviceOfHost;
    private final int[] numberInService;

    FleetLayout(int hostsPerRegion) {
        if (hostsPerRegion < MIN_HOSTS_PER_REGION) {
            throw new IllegalArgumentException("hosts per region must be at least " + MIN_HOSTS_PER_REGION
                    + " (one per service), got " + hostsPerRegion);
        }
        this.hostsPerRegion = hostsPerRegion;
        this.hostsPerService = distribute(hostsPerRegion);
        this.serviceOfHost = new FleetService[hostsPerRegion];
        this.numberInService = new int[hostsPerRegion];
        int host = 0;
        for (FleetService svc : FleetService.values()) {
            for (int n = 1; n <= hostsPerService[svc.ordinal()]; n++, host++) {
                serviceOfHost[host] = svc;
                numberInService[host] = n;
            }
        }
    }

    /** Largest-remainder split of the hosts by service share, at least one host per service. */
    private static int[] distribute(int hosts) {
        FleetService[] services = FleetService.values();
        int[] counts = new int[services.length];
        double[] remainder = new double[services.length];
        int sum = 0;
        for (FleetService svc : services) {
            double exact = svc.hostShare * hosts;
            counts[svc.ordinal()] = Math.max(1, (int) exact);
            remainder[svc.ordinal()] = exact - (int) exact;
            sum += counts[svc.ordinal()];
        }
        while (sum < hosts) {
            int best = 0;
            for (int i = 1; i < counts.length; i++) {
                if (remainder[i] > remainder[best]) {
                    best = i;
                }
            }
            counts[best]++;
            remainder[best] = -1;
            sum++;
        }
        while (sum > hosts) {
            int largest = 0;
            for (int i = 1; i < counts.length; i++) {
                if (counts[i] > counts[largest]) {
                    largest = i;
                }
            }
            counts[largest]--;
            sum--;
        }
        return counts;
    }

    int hostsPerRegion() {
        return hostsPerRegion;
    }

    int hostCount(FleetService svc) {
        return hostsPerService[svc.ordinal()];
    }

    FleetService serviceOf(int host) {
        return serviceOfHost[host];
    }

    /** E.g. "checkout-eu-west-1-007". */
    String hostName(FleetRegion region, int host) {
        return serviceOfHost[host].id() + "-" + region.id() + "-" + String.format("%03d", numberInService[host]);
    }

    HostSeries[] hostSeries(long seed) {
        HostMetric[] metrics = HostMetric.values();
        List<HostSeries> out = new ArrayList<>(FleetRegion.values().length * hostsPerRegion * metrics.length);
        for (FleetRegion region : FleetRegion.values()) {
            for (int host = 0; host < hostsPerRegion; host++) {
                FleetService svc = serviceOfHost[host];
                long hostSalt = Noise.salt(seed, region.ordinal(), host);
                double hostFactor = 0.85 + 0.3 * Noise.unit(Noise.mix(hostSalt + 1));
                long rotationPhase = (long) (Noise.unit(Noise.mix(hostSalt + 2)) * 86_400_000L);
                Labels labels = Labels.of("region", region.id(), "provider", region.provider().label(),
                        "service", svc.id(), "host", hostName(region, host),
                        SeriesKey.SOURCE_LABEL, SeriesKey.SIMULATED);
                for (HostMetric metric : metrics) {
                    out.add(new HostSeries(new SeriesKey(metric.metricName(), labels), metric, region, svc, hostFactor,
                            hostSalt, Noise.salt(hostSalt, 0x4D, metric.ordinal()), rotationPhase));
                }
            }
        }
        return out.toArray(HostSeries[]::new);
    }

    RegionSeries[] regionSeries(long seed) {
        List<RegionSeries> out = new ArrayList<>();
        for (FleetRegion region : FleetRegion.values()) {
            String[] base = {"region", region.id(), "provider", region.provider().label(),
                    SeriesKey.SOURCE_LABEL, SeriesKey.SIMULATED};
            for (RegionMetric metric : RegionMetric.values()) {
                switch (metric.scope()) {
                    case REGION -> out.add(regionSeries(seed, metric, region, null, null, base));
                    case PER_SERVICE -> {
                        for (FleetService svc : FleetService.values()) {
                            out.add(regionSeries(seed, metric, region, svc, null, with(base, "service", svc.id())));
                        }
                    }
                    case PER_RESOURCE -> {
                        for (CostResource res : CostResource.values()) {
                            out.add(regionSeries(seed, metric, region, null, res, with(base, "resource", res.label())));
                        }
                    }
                }
            }
        }
        return out.toArray(RegionSeries[]::new);
    }

    private static RegionSeries regionSeries(long seed, RegionMetric metric, FleetRegion region, FleetService svc,
            CostResource resource, String[] labels) {
        int svcNumber = svc == null ? 0xFF : svc.ordinal();
        int resourceNumber = resource == null ? 0xFF : resource.ordinal();
        long groupSalt = Noise.salt(seed, 0x5E61_0000L + region.ordinal(), svcNumber);
        long seriesSalt = Noise.salt(groupSalt, metric.ordinal(), resourceNumber);
        return new RegionSeries(new SeriesKey(metric.metricName(), Labels.of(labels)), metric, region, svc, resource,
                seriesSalt, groupSalt);
    }

    private static String[] with(String[] pairs, String name, String value) {
        String[] out = Arrays.copyOf(pairs, pairs.length + 2);
        out[pairs.length] = name;
        out[pairs.length + 1] = value;
        return out;
    }
}
