package io.pharos.engine.fleet;

import java.util.List;

/**
 * The operator adjustments ({@link FleetAdjustment}) in force, in a form the value functions read
 * through {@link ScenarioEffects}. Immutable; few entries, so plain scans. Null stands for "none", so
 * the unadjusted fleet pays one null check per sample.
 */
final class AdjustmentEffects {
    private final RegionTraffic traffic;
    private final FleetLayout layout;
    private final FleetAdjustment.AddHosts[] adds;
    private final FleetAdjustment.Throttle[] throttles;
    private final FleetAdjustment.FailOver[] failOvers;
    private final FleetAdjustment.CleanUp[] cleanUps;

    private AdjustmentEffects(List<FleetAdjustment> list, FleetLayout layout, RegionTraffic traffic) {
        this.traffic = traffic;
        this.layout = layout;
        adds = list.stream().filter(a -> a instanceof FleetAdjustment.AddHosts)
                .toArray(FleetAdjustment.AddHosts[]::new);
        throttles = list.stream().filter(a -> a instanceof FleetAdjustment.Throttle)
                .toArray(FleetAdjustment.Throttle[]::new);
        failOvers = list.stream().filter(a -> a instanceof FleetAdjustment.FailOver)
                .toArray(FleetAdjustment.FailOver[]::new);
        cleanUps = list.stream().filter(a -> a instanceof FleetAdjustment.CleanUp)
                .toArray(FleetAdjustment.CleanUp[]::new);
    }

    /** The effects of the adjustments, or null when there are none. */
    static AdjustmentEffects of(List<FleetAdjustment> list, FleetLayout layout, RegionTraffic traffic) {
        return list.isEmpty() ? null : new AdjustmentEffects(list, layout, traffic);
    }

    /** Hosts of a service in a region at a time: the layout's plus those added (never below 1). */
    int hosts(int r, int si, long t) {
        int n = layout.hostCount(FleetService.values()[si]);
        for (FleetAdjustment.AddHosts a : adds) {
            if (a.region().ordinal() == r && a.service().ordinal() == si && a.fromMs() <= t) {
                n += a.hosts();
            }
        }
        return Math.max(1, n);
    }

    /** Hosts now over the layout's hosts: each host's share of the service's load is divided by it. */
    double capacity(int r, int si, long t) {
        return hosts(r, si, t) / (double) layout.hostCount(FleetService.values()[si]);
    }

    double throttledShare(int r, long t) {
        double share = 0;
        long best = Long.MIN_VALUE;
        for (FleetAdjustment.Throttle a : throttles) {
            if (a.region().ordinal() == r && a.fromMs() <= t && a.fromMs() >= best) {
                best = a.fromMs();
                share = a.share();
            }
        }
        return share;
    }

    /** The fail-over of a region in force at a time (a share of 0 means failed back), or null. */
    FleetAdjustment.FailOver failOver(int from, long t) {
        FleetAdjustment.FailOver current = null;
        for (FleetAdjustment.FailOver a : failOvers) {
            if (a.region().ordinal() == from && a.fromMs() <= t && (current == null || a.fromMs() >= current.fromMs())) {
                current = a;
            }
        }
        return current;
    }

    double level(int r, long t) {
        return traffic.level(r, t);
    }

    /** The latest clean-up of a kind in a region at or before a time, or Long.MIN_VALUE. */
    long cleanedAt(int r, FleetAdjustment.Cleanup kind, long t) {
        long at = Long.MIN_VALUE;
        for (FleetAdjustment.CleanUp a : cleanUps) {
            if (a.region().ordinal() == r && a.kind() == kind && a.fromMs() <= t) {
                at = Math.max(at, a.fromMs());
            }
        }
        return at;
    }
}
