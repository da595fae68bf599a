package io.pharos.engine.incident;

import io.pharos.engine.fleet.CostResource;
import io.pharos.engine.fleet.FleetRegion;
import io.pharos.engine.fleet.FleetService;
import io.pharos.engine.fleet.HostMetric;
import io.pharos.engine.fleet.ReferenceFleet;
import io.pharos.engine.fleet.RegionMetric;
import io.pharos.engine.model.SeriesKey;

/** Reads values of the simulated reference fleet by region, service and metric. */
final class FleetSeries {
    private final ReferenceFleet fleet;

    FleetSeries(ReferenceFleet fleet) {
        this.fleet = fleet;
    }

    ReferenceFleet fleet() {
        return fleet;
    }

    /** A region-wide series (active users, revenue). */
    double region(RegionMetric metric, FleetRegion region, long t) {
        return value(SeriesKey.of(metric.metricName(), "region", region.id(), "provider", region.provider().label(),
                SeriesKey.SOURCE_LABEL, SeriesKey.SIMULATED), t);
    }

    /** A per-service region series (requests, latency, error ratio). */
    double service(RegionMetric metric, FleetRegion region, FleetService service, long t) {
        return value(SeriesKey.of(metric.metricName(), "region", region.id(), "provider", region.provider().label(),
                "service", service.id(), SeriesKey.SOURCE_LABEL, SeriesKey.SIMULATED), t);
    }

    /** The region's cost of every resource, dollars per hour. */
    double cost(FleetRegion region, long t) {
        double sum = 0;
        for (CostResource r : CostResource.values()) {
            sum += cost(region, r, t);
        }
        return sum;
    }

    double cost(FleetRegion region, CostResource resource, long t) {
        return value(SeriesKey.of(RegionMetric.COST.metricName(), "region", region.id(), "provider",
                region.provider().label(), "resource", resource.label(), SeriesKey.SOURCE_LABEL, SeriesKey.SIMULATED), t);
    }

    /** The mean of a host metric over the region's hosts of a service (null: every host). */
    double hostMean(HostMetric metric, FleetRegion region, FleetService service, long t) {
        double sum = 0;
        int n = 0;
        for (int host = 0; host < fleet.hostsPerRegion(); host++) {
            if (service == null || fleet.serviceOf(host) == service) {
                sum += fleet.value(fleet.hostSeriesIndex(region, host, metric), t);
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private double value(SeriesKey key, long t) {
        int i = fleet.indexOf(key);
        if (i < 0) {
            throw new IllegalStateException("the reference fleet has no series " + key);
        }
        return fleet.value(i, t);
    }
}
