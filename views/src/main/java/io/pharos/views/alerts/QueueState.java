package io.pharos.views.alerts;

/**
 * Where an alert stands in the queue, as an on-call engineer sorts it: firing and pending need someone,
 * acknowledged has someone, silenced (or inhibited) is muted on purpose, resolved is over.
 */
public enum QueueState {
    FIRING("Firing"), PENDING("Pending"), ACKNOWLEDGED("Acknowledged"), SILENCED("Silenced"), RESOLVED("Resolved");

    private final String title;

    QueueState(String title) {
        this.title = title;
    }

    /** "Firing", as the filters name it. */
    public String title() {
        return title;
    }
}
