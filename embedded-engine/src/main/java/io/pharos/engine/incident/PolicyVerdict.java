package io.pharos.engine.incident;

import java.util.List;

/**
 * What the response policy says about an action.
 *
 * @param reasons    why it was refused, or why it needs approval; empty when it may run by itself
 * @param fleetShare the share of the fleet's hosts the action touches, NaN when the fleet's size is unknown
 */
public record PolicyVerdict(Decision decision, List<String> reasons, double fleetShare) {

    public enum Decision {
        /** Within the limits and of a kind that may run without approval: runs at once. */
        AUTOMATIC,
        /** Within the limits; a person must approve it. */
        NEEDS_APPROVAL,
        /** Beyond a limit: cannot run. */
        REFUSED
    }

    public PolicyVerdict {
        reasons = List.copyOf(reasons);
    }

    public String describe() {
        String what = switch (decision) {
            case AUTOMATIC -> "within policy, runs without approval";
            case NEEDS_APPROVAL -> "within policy, needs approval";
            case REFUSED -> "refused by policy";
        };
        return reasons.isEmpty() ? what : what + ": " + String.join("; ", reasons);
    }
}
