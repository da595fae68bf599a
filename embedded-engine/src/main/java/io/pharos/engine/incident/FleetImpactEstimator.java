package io.pharos.engine.incident;

import io.pharos.engine.fleet.FleetRegion;
import io.pharos.engine.fleet.FleetService;
import io.pharos.engine.fleet.ReferenceFleet;
import io.pharos.engine.fleet.RegionMetric;
import io.pharos.engine.model.Durations;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Estimates an incident's impact from the simulated reference fleet's region series, comparing the
 * fleet as it ran (with its scenarios and operator adjustments) with the same fleet undisturbed (same
 * seed, none of either), over the incident's regions and time, sampled every minute (or in 720 steps
 * for incidents longer than 12 hours):
 * <ul>
 * <li>users affected: the peak over time of the users seeing errors (active users times the
 *     api-gateway's error ratio above normal) plus the users missing compared with normal;</li>
 * <li>revenue at risk: what the regions normally earn in that time;</li>
 * <li>revenue lost: how much less they earned than normal.</li>
 * </ul>
 * The figures are simulated, and {@link Impact#simulated()} says so.
 */
public final class FleetImpactEstimator {
    private static final long MINUTE = 60_000;
    private static final int MAX_STEPS = 720;

    private final FleetSeries actual;
    private final FleetSeries normal;

    public FleetImpactEstimator(ReferenceFleet fleet) {
        this.actual = new FleetSeries(fleet);
        this.normal = new FleetSeries(new ReferenceFleet(fleet.seed(), fleet.hostsPerRegion()));
    }

    /** The impact of the incident up to its resolution (or up to {@code nowMs} while it is not resolved). */
    public Impact estimate(Incident incident, long nowMs) {
        long start = incident.startMs();
        long end = incident.endMs(nowMs);
        List<FleetRegion> regions = new ArrayList<>();
        for (String id : incident.regions()) {
            try {
                regions.add(FleetRegion.byId(id));
            } catch (IllegalArgumentException e) {
                // a region outside the reference fleet: nothing to read
            }
        }
        if (regions.isEmpty()) {
            return new Impact(start, end, Double.NaN, Double.NaN, Double.NaN, true,
                    "not estimated: the incident names no region of the simulated reference fleet");
        }
        long step = Math.max(MINUTE, Math.ceilDiv(end - start, MAX_STEPS * MINUTE) * MINUTE);
        double peakUsers = 0;
        double atRisk = 0;
        double lost = 0;
        for (long t = start; t < end; t += step) {
            double minutes = Math.min(step, end - t) / (double) MINUTE;
            double usersNormal = 0;
            double usersActual = 0;
            double failing = 0;
            double revenueNormal = 0;
            double revenueActual = 0;
            for (FleetRegion r : regions) {
                double users = actual.region(RegionMetric.ACTIVE_USERS, r, t);
                usersActual += users;
                usersNormal += normal.region(RegionMetric.ACTIVE_USERS, r, t);
                double excessErrors = actual.service(RegionMetric.ERROR, r, FleetService.API_GATEWAY, t)
                        - normal.service(RegionMetric.ERROR, r, FleetService.API_GATEWAY, t);
                failing += users * Math.max(0, excessErrors);
                revenueNormal += normal.region(RegionMetric.REVENUE, r, t);
                revenueActual += actual.region(RegionMetric.REVENUE, r, t);
            }
            peakUsers = Math.max(peakUsers, failing + Math.max(0, usersNormal - usersActual));
            atRisk += revenueNormal * minutes;
            lost += Math.max(0, revenueNormal - revenueActual) * minutes;
        }
        String names = regions.stream().map(FleetRegion::id).collect(Collectors.joining(", "));
        String method = "From the reference fleet's region series (active users, api-gateway error ratio,"
                + " revenue) of " + names + ", as it ran against the same fleet undisturbed, every "
                + Durations.human(step) + " from " + Format.time(start) + " to " + Format.time(end) + ".";
        return new Impact(start, end, peakUsers, atRisk, lost, true, method);
    }
}
