package io.pharos.engine.incident;

/** What an {@link ActionExecutor} is asked to do: an approved action of an incident, at a time. */
public record ActionRequest(String actionId, String incidentId, ResponseAction action, String approvedBy, long atMs) {
}
