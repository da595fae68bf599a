package io.pharos.engine.fleet;

import java.util.Objects;

/**
 * An operator's change to the simulated fleet, in force from a moment on: what an automated incident
 * response (io.pharos.engine.incident) does when it acts on the reference fleet. Like a
 * {@link Scenario}, an adjustment shapes values only from its own time, so values before it stay as
 * they were and the fleet remains a pure function of (seed, series, time, scenarios, adjustments).
 *
 * <p>Added hosts add up; for throttling and fail-over the latest adjustment of a region in force at a
 * time wins (a throttle of share 0 lifts throttling, a fail-over of share 0 fails back); a clean-up
 * acts at its moment.
 */
public sealed interface FleetAdjustment {
    /** The region the adjustment acts on (for a fail-over, the region traffic leaves). */
    FleetRegion region();

    /** Epoch ms from which the adjustment is in force. */
    long fromMs();

    /**
     * More (or, negative, fewer) hosts of a service in a region: the service's load spreads over
     * them, so each host's demand falls by the hosts ratio, and compute and storage cost grow with
     * the count. The simulation keeps its series: the existing hosts stand for the larger pool.
     */
    record AddHosts(FleetRegion region, FleetService service, int hosts, long fromMs) implements FleetAdjustment {
        public AddHosts {
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(service, "service");
        }
    }

    /**
     * Refuses a share of the requests arriving at a region at its edge (HTTP 429): they never reach
     * the hosts, which lowers load and latency, and they earn no revenue.
     *
     * @param share 0 (lift throttling) to below 1
     */
    record Throttle(FleetRegion region, double share, long fromMs) implements FleetAdjustment {
        public Throttle {
            Objects.requireNonNull(region, "region");
            if (!(share >= 0 && share < 1)) {
                throw new IllegalArgumentException("throttle share must be at least 0 and below 1, got " + share);
            }
        }
    }

    /**
     * Sends a share of a region's users and requests to another region (DNS / global load balancer):
     * the region keeps the rest, the target serves the moved traffic on its own hosts.
     *
     * @param share 0 (fail back) to 1 (all traffic)
     */
    record FailOver(FleetRegion region, FleetRegion to, double share, long fromMs) implements FleetAdjustment {
        public FailOver {
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(to, "to");
            if (region == to) {
                throw new IllegalArgumentException("cannot fail " + region.id() + " over to itself");
            }
            if (!(share >= 0 && share <= 1)) {
                throw new IllegalArgumentException("fail-over share must be between 0 and 1, got " + share);
            }
        }
    }

    /** Cleans up resources of one kind in a region at {@code fromMs}. */
    record CleanUp(FleetRegion region, Cleanup kind, long fromMs) implements FleetAdjustment {
        public CleanUp {
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(kind, "kind");
        }
    }

    /** What a clean-up removes. */
    enum Cleanup {
        /** Rotated logs and temporary files: disks are as empty as right after the daily log rotation. */
        DISK("disk"),
        /** Restarts leaking processes: memory a leak had taken is freed (a leak still running grows again). */
        MEMORY("memory"),
        /** Orphaned volumes, idle instances, forgotten snapshots: cost spikes that began before it end. */
        ORPHANED("orphaned");

        private final String id;

        Cleanup(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Cleanup byId(String id) {
            for (Cleanup c : values()) {
                if (c.id.equals(id)) {
                    return c;
                }
            }
            throw new IllegalArgumentException("unknown clean-up kind '" + id + "'; known kinds: disk, memory, orphaned");
        }
    }
}
