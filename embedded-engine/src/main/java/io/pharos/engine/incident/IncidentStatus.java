package io.pharos.engine.incident;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where an incident is in its life:
 * triggered → acknowledged → mitigating → resolved → closed (with a postmortem).
 * An acknowledged incident may be resolved directly (the fix was the first thing tried); a
 * resolved incident may go back to mitigating when the problem returns. Closed is final.
 */
public enum IncidentStatus {
    TRIGGERED, ACKNOWLEDGED, MITIGATING, RESOLVED, CLOSED;

    /** The statuses this one may move to. */
    public Set<IncidentStatus> next() {
        return switch (this) {
            case TRIGGERED -> EnumSet.of(ACKNOWLEDGED);
            case ACKNOWLEDGED -> EnumSet.of(MITIGATING, RESOLVED);
            case MITIGATING -> EnumSet.of(RESOLVED);
            case RESOLVED -> EnumSet.of(CLOSED, MITIGATING);
            case CLOSED -> EnumSet.noneOf(IncidentStatus.class);
        };
    }

    public boolean canMoveTo(IncidentStatus to) {
        return next().contains(to);
    }

    /** Triggered, acknowledged or mitigating: someone is (or should be) working on it. */
    public boolean open() {
        return this == TRIGGERED || this == ACKNOWLEDGED || this == MITIGATING;
    }

    /** "mitigating". */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static IncidentStatus byId(String id) {
        return valueOf(id.trim().toUpperCase(Locale.ROOT));
    }

    String nextText() {
        return next().isEmpty() ? "nothing (it is final)"
                : next().stream().map(IncidentStatus::id).collect(Collectors.joining(" or "));
    }
}
