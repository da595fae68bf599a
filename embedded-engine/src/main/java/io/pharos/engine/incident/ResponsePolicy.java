package io.pharos.engine.incident;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The limits automated responses run within: per action, and cumulative (what actions that already
 * started did), so that a chain of actions each within its limits cannot do by itself what no single
 * action may.
 *
 * @param maxHostsPerAction     most hosts one scaling action may add or remove
 * @param maxHostChange         most a scaling action may change a service's host count in a region, as
 *                              a share of the count (0.5: 24 hosts may become 12 to 36)
 * @param maxThrottleShare      most of a region's requests a throttle may refuse
 * @param maxFleetShare         most of the fleet's hosts one action may touch (a region's hosts for a
 *                              throttle or clean-up, both regions' for a fail-over, the service's hosts
 *                              in the region for scaling)
 * @param withoutApproval       kinds that run as soon as they are proposed when within the limits; the
 *                              others wait for a person's approval. Removing hosts always waits.
 * @param maxNetHostsPerIncident most hosts the scaling actions of one incident may add or remove in
 *                              total (net: +10 then −4 is 6)
 * @param maxNetHostsPerHour    the same over every incident's actions started in the last hour
 * @param maxActionsPerHour     most actions of any kind that may start in an hour, over every incident
 * @param maxProposalAge        a proposal older than this cannot be approved: what it was checked
 *                              against has changed; propose it again
 */
public record ResponsePolicy(int maxHostsPerAction, double maxHostChange, double maxThrottleShare,
                             double maxFleetShare, Set<ActionKind> withoutApproval, int maxNetHostsPerIncident,
                             int maxNetHostsPerHour, int maxActionsPerHour, Duration maxProposalAge) {
    static final long HOUR_MS = 3_600_000;

    public ResponsePolicy {
        if (maxHostsPerAction < 0 || !(maxHostChange >= 0) || !(maxThrottleShare >= 0 && maxThrottleShare < 1)
                || !(maxFleetShare >= 0 && maxFleetShare <= 1) || maxNetHostsPerIncident < 0 || maxNetHostsPerHour < 0
                || maxActionsPerHour < 0) {
            throw new IllegalArgumentException("response policy limits must not be negative, and shares at most 1");
        }
        if (maxProposalAge == null || maxProposalAge.isNegative()) {
            throw new IllegalArgumentException("the response policy needs the age after which a proposal expires");
        }
        withoutApproval = withoutApproval.isEmpty() ? EnumSet.noneOf(ActionKind.class) : EnumSet.copyOf(withoutApproval);
    }

    /** Per-action limits with the default cumulative limits and proposal age. */
    public ResponsePolicy(int maxHostsPerAction, double maxHostChange, double maxThrottleShare, double maxFleetShare,
            Set<ActionKind> withoutApproval) {
        this(maxHostsPerAction, maxHostChange, maxThrottleShare, maxFleetShare, withoutApproval, 50, 100, 10,
                Duration.ofMinutes(15));
    }

    /**
     * At most 50 hosts and ±50 % per scaling action, at most half of a region's requests throttled,
     * at most 34 % of the fleet touched (one fail-over between two of six regions); at most 50 hosts
     * net per incident, 100 hosts net and 10 actions per hour; proposals expire after 15 minutes.
     * Adding hosts and clean-up run without approval; removing hosts, throttling and fail-over need it.
     */
    public static ResponsePolicy defaults() {
        return new ResponsePolicy(50, 0.5, 0.5, 0.34, EnumSet.of(ActionKind.SCALE_COMPUTE, ActionKind.CLEAN_UP_RESOURCES));
    }

    /** Every action needs a person's approval. */
    public ResponsePolicy approvalAlways() {
        return new ResponsePolicy(maxHostsPerAction, maxHostChange, maxThrottleShare, maxFleetShare, Set.of(),
                maxNetHostsPerIncident, maxNetHostsPerHour, maxActionsPerHour, maxProposalAge);
    }

    public ResponsePolicy withCumulativeLimits(int netHostsPerIncident, int netHostsPerHour, int actionsPerHour) {
        return new ResponsePolicy(maxHostsPerAction, maxHostChange, maxThrottleShare, maxFleetShare, withoutApproval,
                netHostsPerIncident, netHostsPerHour, actionsPerHour, maxProposalAge);
    }

    public ResponsePolicy withMaxProposalAge(Duration age) {
        return new ResponsePolicy(maxHostsPerAction, maxHostChange, maxThrottleShare, maxFleetShare, withoutApproval,
                maxNetHostsPerIncident, maxNetHostsPerHour, maxActionsPerHour, age);
    }

    /** Checks an action alone, without earlier actions (see the other {@code check}). */
    public PolicyVerdict check(ResponseAction action, ResponseMetrics metrics, long atMs) {
        return check(action, null, List.of(), metrics, atMs);
    }

    /**
     * Checks an action of an incident against the limits, with the fleet's size as {@code metrics}
     * tells it now and the actions recorded so far ({@code earlier}, every incident's): those that
     * started count towards the cumulative limits, whether they succeeded or not (a failed action may
     * have done part of its work).
     */
    public PolicyVerdict check(ResponseAction action, String incidentId, List<ActionRecord> earlier,
            ResponseMetrics metrics, long atMs) {
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
            case ResponseAction.FailBackRegion a -> {
                int region = metrics.hosts(a.region(), null, atMs);
                int from = metrics.hosts(a.from(), null, atMs);
                touched = region < 0 || from < 0 ? -1 : region + from;
            }
        }
        int fleet = metrics.hosts(null, null, atMs);
        double share = touched < 0 || fleet <= 0 ? Double.NaN : touched / (double) fleet;
        if (share > maxFleetShare) {
            refused.add("touches " + Format.percent(share) + " of the fleet (" + touched + " of " + fleet
                    + " hosts); the policy allows " + Format.percent(maxFleetShare));
        }
        refused.addAll(cumulative(action, incidentId, earlier, atMs));
        if (!refused.isEmpty()) {
            return new PolicyVerdict(PolicyVerdict.Decision.REFUSED, refused, share);
        }
        if (Double.isNaN(share)) {
            return new PolicyVerdict(PolicyVerdict.Decision.NEEDS_APPROVAL,
                    List.of("the fleet's size is unknown, so its share touched cannot be checked"), share);
        }
        if (action instanceof ResponseAction.ScaleCompute a && a.hosts() < 0) {
            return new PolicyVerdict(PolicyVerdict.Decision.NEEDS_APPROVAL,
                    List.of("removing hosts always needs approval"), share);
        }
        if (withoutApproval.contains(action.kind())) {
            return new PolicyVerdict(PolicyVerdict.Decision.AUTOMATIC, List.of(), share);
        }
        return new PolicyVerdict(PolicyVerdict.Decision.NEEDS_APPROVAL,
                List.of(action.kind().id() + " always needs approval"), share);
    }

    private List<String> cumulative(ResponseAction action, String incidentId, List<ActionRecord> earlier, long atMs) {
        List<String> refused = new ArrayList<>();
        List<ActionRecord> started = earlier.stream().filter(r -> r.startedAtMs() != 0).toList();
        List<ActionRecord> lastHour = started.stream().filter(r -> r.startedAtMs() > atMs - HOUR_MS).toList();
        if (lastHour.size() + 1 > maxActionsPerHour) {
            refused.add(lastHour.size() + " actions started in the last hour; the policy allows " + maxActionsPerHour
                    + " per hour");
        }
        if (action instanceof ResponseAction.ScaleCompute a) {
            int incident = netHosts(started.stream().filter(r -> r.incidentId().equals(incidentId)).toList());
            // with nothing earlier, an action beyond the per-action limit is refused for that already
            boolean tooBigAlone = Math.abs(a.hosts()) > maxHostsPerAction;
            if (!(incident == 0 && tooBigAlone) && Math.abs(incident + a.hosts()) > maxNetHostsPerIncident) {
                refused.add("with the incident's earlier scaling (" + signed(incident) + " hosts) it changes "
                        + signed(incident + a.hosts()) + " hosts; the policy allows at most " + maxNetHostsPerIncident
                        + " per incident");
            }
            int hour = netHosts(lastHour);
            if (!(hour == 0 && tooBigAlone) && Math.abs(hour + a.hosts()) > maxNetHostsPerHour) {
                refused.add("with the scaling of the last hour (" + signed(hour) + " hosts) it changes "
                        + signed(hour + a.hosts()) + " hosts; the policy allows at most " + maxNetHostsPerHour
                        + " per hour");
            }
        }
        return refused;
    }

    private static int netHosts(List<ActionRecord> actions) {
        int n = 0;
        for (ActionRecord r : actions) {
            if (r.action() instanceof ResponseAction.ScaleCompute s) {
                n += s.hosts();
            }
        }
        return n;
    }

    private static String signed(int n) {
        return n > 0 ? "+" + n : n < 0 ? "−" + -n : "0";
    }
}
