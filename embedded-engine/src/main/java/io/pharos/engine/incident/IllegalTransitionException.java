package io.pharos.engine.incident;

/** A change of status the lifecycle does not allow; the message says which ones it does. */
public final class IllegalTransitionException extends IllegalStateException {
    private final String incidentId;
    private final IncidentStatus from;
    private final IncidentStatus to;

    IllegalTransitionException(String incidentId, IncidentStatus from, IncidentStatus to, String why) {
        super(why != null ? why
                : incidentId + " is " + from.id() + ": it can go to " + from.nextText() + ", not to " + to.id());
        this.incidentId = incidentId;
        this.from = from;
        this.to = to;
    }

    public String incidentId() {
        return incidentId;
    }

    public IncidentStatus from() {
        return from;
    }

    public IncidentStatus to() {
        return to;
    }
}
