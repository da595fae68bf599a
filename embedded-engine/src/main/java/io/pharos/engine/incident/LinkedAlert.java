package io.pharos.engine.incident;

import io.pharos.engine.model.Labels;

/**
 * An alert linked to an incident.
 *
 * @param firingSinceMs when the alert started firing (0 if unknown)
 * @param resolvedAtMs  when the alert resolved, 0 while it fires
 */
public record LinkedAlert(Labels labels, long firingSinceMs, long linkedAtMs, String linkedBy, long resolvedAtMs) {

    /** The alert's name (label {@code alertname}), or its labels when it has none. */
    public String name() {
        String n = labels.get("alertname");
        return n != null ? n : labels.toString();
    }

    public boolean resolved() {
        return resolvedAtMs != 0;
    }

    LinkedAlert withResolvedAt(long atMs) {
        return new LinkedAlert(labels, firingSinceMs, linkedAtMs, linkedBy, atMs);
    }
}
