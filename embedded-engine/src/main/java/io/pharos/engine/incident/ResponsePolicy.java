package io.pharos.engine.incident;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The limits automated responses run within.
 *
 * @param maxHostsPerAction most hosts one scaling action may add or remove
 * @param maxHostChange     most a scaling action may change a service's host count in a region, as a
 *                          share of the count (0.5: 24 hosts may become 12 to 36)
 * @param maxThrottleShare  most of a region's requests a throttle may refuse
 * @param maxFleetShare     most of the fleet's hosts one action may touch (a region's hosts for a
 *                          throttle or clean-up, both regions' for a fail-over, the service's hosts
 *                          in the region for scaling)
 * @param withoutApproval   kinds that run as soon as they are proposed when within the limits; the
 *                          others wait for a person's approval
 */
public record ResponsePolicy(int maxHostsPerAction, double maxHostChange, double maxThrottleShare,
                             double maxFleetShare, Set<ActionKind> withoutApproval) {

    public ResponsePolicy {
        if (maxHostsPerAction < 0 || !(maxHostChange >= 0) || !(maxThrottleShare >= 0 && maxThrottleShare < 1)
                || !(maxFleetShare >= 0 && maxFleetShare <= 1)) {
            throw new IllegalArgumentException("response policy limits must not be negative, and shares at most 1");
        }
        withoutApproval = withoutApproval.isEmpty() ? EnumSet.noneOf(ActionKind.class) : EnumSet.copyOf(withoutApproval);
    }

    /**
     * At most 50 hosts and ±50 % per scaling action, at most half of a region's requests throttled,
     * at most 34 % of the fleet touched (one fail-over between two of six regions); scaling and
     * clean-up run without approval, throttling and fail-over need it.
     */
    public static ResponsePolicy defaults() {
        return new ResponsePolicy(50, 0.5, 0.5, 0.34, EnumSet.of(ActionKind.SCALE_COMPUTE, ActionKind.CLEAN_UP_RESOURCES));
    }

    /** Every action needs a person's approval. */
    public ResponsePolicy approvalAlways() {
        return new ResponsePolicy(maxHostsPerAction, maxHostChange, maxThrottleShare, maxFleetShare, Set.of());
    }

    /** Checks an action against the limits, with the fleet's size as {@code metrics} tells it now. */
    public PolicyVerdict check(ResponseAction action, ResponseMetrics metrics, long atMs) {
        List<String> refused = new ArrayList<>();
        int touched;
        switch (action) {
            case ResponseAction.ScaleCompute a -> {
                int n = Math.abs(a.hosts());
                if (n > maxHostsPerAction) {
                    refused.add((a.hosts() > 0 ? "adds " : "removes ") + n + " hosts; the policy allows at most "
                            + maxHostsPerAction + " per action");
                }
                int h = metrics.hosts(a.region(), a.service(), atMs);
                if (h > 0 && n / (double) h > maxHostChange) {
                    refused.add("changes " + a.service() + " in " + a.region() + " by " + Format.percent(n / (double) h)
                            + " (" + h + " → " + (h + a.hosts()) + " hosts); the policy allows "
                            + Format.percent(maxHostChange));
                }
                if (h >= 0 && h + a.hosts() < 1) {
                    refused.add("would leave " + a.service() + " in " + a.region() + " without hosts");
                }
                touched = h < 0 ? -1 : Math.max(h, h + a.hosts());
            }
            case ResponseAction.ThrottleTraffic a -> {
                if (a.share() > maxThrottleShare) {
                    refused.add("refuses " + Format.percent(a.share()) + " of requests; the policy allows "
                            + Format.percent(maxThrottleShare));
                }
                touched = metrics.hosts(a.region(), null, atMs);
            }
            case ResponseAction.CleanUpResources a -> touched = metrics.hosts(a.region(), null, atMs);
            case ResponseAction.FailOverRegion a -> {
                int from = metrics.hosts(a.from(), null, atMs);
                int to = metrics.hosts(a.to(), null, atMs);
                touched = from < 0 || to < 0 ? -1 : from + to;
            }
        }
        int fleet = metrics.hosts(null, null, atMs);
        double share = touched < 0 || fleet <= 0 ? Double.NaN : touched / (double) fleet;
        if (share > maxFleetShare) {
            refused.add("touches " + Format.percent(share) + " of the fleet (" + touched + " of " + fleet
                    + " hosts); the policy allows " + Format.percent(maxFleetShare));
        }
        if (!refused.isEmpty()) {
            return new PolicyVerdict(PolicyVerdict.Decision.REFUSED, refused, share);
        }
        if (Double.isNaN(share)) {
            return new PolicyVerdict(PolicyVerdict.Decision.NEEDS_APPROVAL,
                    List.of("the fleet's size is unknown, so its share touched cannot be checked"), share);
        }
        if (withoutApproval.contains(action.kind())) {
            return new PolicyVerdict(PolicyVerdict.Decision.AUTOMATIC, List.of(), share);
        }
        return new PolicyVerdict(PolicyVerdict.Decision.NEEDS_APPROVAL,
                List.of(action.kind().id() + " always needs approval"), share);
    }
}
