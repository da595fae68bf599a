package io.pharos.engine.incident;

import java.util.List;

/**
 * An automated response to an incident. Regions and services are named by their label values
 * ({@code region="us-east-1"}, {@code service="checkout"}), so the same action runs on the simulated
 * reference fleet and, through a configured command, on real systems.
 */
public sealed interface ResponseAction {
    ActionKind kind();

    /** In words, e.g. "add 6 hosts to checkout in us-east-1". */
    String describe();

    /** The regions the action touches. */
    List<String> regions();

    /** Adds (or, negative, removes) hosts of a service in a region. */
    record ScaleCompute(String region, String service, int hosts) implements ResponseAction {
        public ScaleCompute {
            requireName(region, "region");
            requireName(service, "service");
            if (hosts == 0) {
                throw new IllegalArgumentException("scaling by 0 hosts does nothing");
            }
        }

        @Override
        public ActionKind kind() {
            return ActionKind.SCALE_COMPUTE;
        }

        @Override
        public String describe() {
            return hosts > 0 ? "add " + hosts + " host" + (hosts == 1 ? "" : "s") + " to " + service + " in " + region
                    : "remove " + -hosts + " host" + (hosts == -1 ? "" : "s") + " from " + service + " in " + region;
        }

        @Override
        public List<String> regions() {
            return List.of(region);
        }
    }

    /** Refuses a share of a region's requests at its edge; a share of 0 lifts throttling. */
    record ThrottleTraffic(String region, double share) implements ResponseAction {
        public ThrottleTraffic {
            requireName(region, "region");
            if (!(share >= 0 && share < 1)) {
                throw new IllegalArgumentException("throttle share must be at least 0 and below 1, got " + share);
            }
        }

        @Override
        public ActionKind kind() {
            return ActionKind.THROTTLE_TRAFFIC;
        }

        @Override
        public String describe() {
            return share == 0 ? "lift throttling in " + region
                    : "throttle " + Format.percent(share) + " of requests in " + region;
        }

        @Override
        public List<String> regions() {
            return List.of(region);
        }
    }

    /**
     * Cleans up resources of a kind in a region. The reference fleet knows "disk" (old logs and
     * temporary files), "memory" (restart leaking processes) and "orphaned" (unattached volumes,
     * idle instances); a configured command may know others.
     */
    record CleanUpResources(String region, String resource) implements ResponseAction {
        public CleanUpResources {
            requireName(region, "region");
            requireName(resource, "resource kind");
        }

        @Override
        public ActionKind kind() {
            return ActionKind.CLEAN_UP_RESOURCES;
        }

        @Override
        public String describe() {
            return "clean up " + resource + " resources in " + region;
        }

        @Override
        public List<String> regions() {
            return List.of(region);
        }
    }

    /** Moves all of a region's traffic to another region. */
    record FailOverRegion(String from, String to) implements ResponseAction {
        public FailOverRegion {
            requireName(from, "region to fail over");
            requireName(to, "target region");
            if (from.equals(to)) {
                throw new IllegalArgumentException("cannot fail " + from + " over to itself");
            }
        }

        @Override
        public ActionKind kind() {
            return ActionKind.FAIL_OVER_REGION;
        }

        @Override
        public String describe() {
            return "fail " + from + " over to " + to;
        }

        @Override
        public List<String> regions() {
            return List.of(from, to);
        }
    }

    /**
     * Ends the fail-over of {@code region}: its users and requests come back from {@code from}, the
     * region that took them.
     */
    record FailBackRegion(String region, String from) implements ResponseAction {
        public FailBackRegion {
            requireName(region, "region to fail back");
            requireName(from, "region that took its traffic");
            if (region.equals(from)) {
                throw new IllegalArgumentException("cannot fail " + region + " back from itself");
            }
        }

        @Override
        public ActionKind kind() {
            return ActionKind.FAIL_BACK_REGION;
        }

        @Override
        public String describe() {
            return "fail " + region + " back from " + from;
        }

        @Override
        public List<String> regions() {
            return List.of(region, from);
        }
    }

    private static void requireName(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the action needs a " + what);
        }
    }
}
