package io.pharos.engine.incident;

import static io.pharos.engine.incident.ResponseMetrics.CPU;

import io.pharos.engine.fleet.FleetRegion;
import io.pharos.engine.fleet.FleetService;
import io.pharos.engine.fleet.HostMetric;
import io.pharos.engine.fleet.ReferenceFleet;
import io.pharos.engine.fleet.RegionMetric;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads an action's metrics from the simulated reference fleet, at the time asked (the simulation is
 * a function of time, so "before" and "after" an action taken at the same moment show its effect
 * alone). Host metrics are means over the target's hosts; requests and error ratio are those of the
 * region's api-gateway (its edge) except when scaling a service, where they are that service's.
 */
public final class FleetResponseMetrics implements ResponseMetrics {
    private final FleetSeries series;

    public FleetResponseMetrics(ReferenceFleet fleet) {
        this.series = new FleetSeries(fleet);
    }

    @Override
    public Map<String, Double> read(ResponseAction action, long t) {
        Map<String, Double> m = new LinkedHashMap<>();
        switch (action) {
            case ResponseAction.ScaleCompute a -> {
                FleetRegion r = FleetRegion.byId(a.region());
                FleetService s = FleetService.byId(a.service());
                m.put(HOSTS, (double) series.fleet().hostCount(r, s, t));
                m.put(CPU, series.hostMean(HostMetric.CPU_UTILIZATION, r, s, t));
                m.put(LATENCY_P99, series.service(RegionMetric.LATENCY_P99, r, s, t));
                m.put(ERRORS, series.service(RegionMetric.ERROR, r, s, t));
                m.put(REQUESTS, series.service(RegionMetric.REQUESTS, r, s, t));
                m.put(COST, series.cost(r, t));
            }
            case ResponseAction.ThrottleTraffic a -> edge(m, "", FleetRegion.byId(a.region()), t);
            case ResponseAction.CleanUpResources a -> {
                FleetRegion r = FleetRegion.byId(a.region());
                m.put(DISK, series.hostMean(HostMetric.FILESYSTEM_UTILIZATION, r, null, t));
                m.put(MEMORY, series.hostMean(HostMetric.MEMORY_UTILIZATION, r, null, t));
                m.put(COST, series.cost(r, t));
            }
            case ResponseAction.FailOverRegion a -> {
                edge(m, "from.", FleetRegion.byId(a.from()), t);
                edge(m, "to.", FleetRegion.byId(a.to()), t);
            }
            case ResponseAction.FailBackRegion a -> {
                // Traffic moves from the region that took it back to the region it belongs to.
                edge(m, "from.", FleetRegion.byId(a.from()), t);
                edge(m, "to.", FleetRegion.byId(a.region()), t);
            }
        }
        return m;
    }

    private void edge(Map<String, Double> m, String prefix, FleetRegion r, long t) {
        m.put(prefix + USERS, series.region(RegionMetric.ACTIVE_USERS, r, t));
        m.put(prefix + REQUESTS, series.service(RegionMetric.REQUESTS, r, FleetService.API_GATEWAY, t));
        m.put(prefix + ERRORS, series.service(RegionMetric.ERROR, r, FleetService.API_GATEWAY, t));
        m.put(prefix + CPU, series.hostMean(HostMetric.CPU_UTILIZATION, r, null, t));
        m.put(prefix + REVENUE, series.region(RegionMetric.REVENUE, r, t));
    }

    @Override
    public int hosts(String region, String service, long t) {
        int sum = 0;
        for (FleetRegion r : FleetRegion.values()) {
            if (region != null && !r.id().equals(region)) {
                continue;
            }
            for (FleetService s : FleetService.values()) {
                if (service == null || s.id().equals(service)) {
                    sum += series.fleet().hostCount(r, s, t);
                }
            }
        }
        if (region != null) {
            FleetRegion.byId(region); // an unknown region is an error, not an empty one
        }
        if (service != null) {
            FleetService.byId(service);
        }
        return sum;
    }
}
