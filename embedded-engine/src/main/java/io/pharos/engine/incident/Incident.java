package io.pharos.engine.incident;

import java.util.List;

/**
 * An immutable picture of one incident. Its history is its timeline
 * ({@link IncidentService#timeline}); this is its current state.
 *
 * @param id              "INC-7"
 * @param commander       who leads the response, null until someone is named (acknowledging names the
 *                        acknowledger when there is none)
 * @param alertGroup      the alert group (labels by the incident policy's grouping) an automatically
 *                        opened incident collects alerts of; null for an incident opened by hand
 * @param regions         regions the incident affects (from linked alerts' {@code region} label, or set)
 * @param acknowledgedAtMs the first acknowledgement, 0 if none; likewise the other status times
 * @param resolvedAtMs    the latest resolution (0 while not resolved: a reopened incident clears it)
 * @param timelineSize    the number of timeline entries, and {@code timelineHead} the hash of the last:
 *                        stored with the incident so that a truncated timeline is detected too
 */
public record Incident(String id, String title, Severity severity, IncidentStatus status, String commander,
                       String createdBy, long createdAtMs, long acknowledgedAtMs, long mitigatingAtMs,
                       long resolvedAtMs, long closedAtMs, String alertGroup, List<LinkedAlert> alerts,
                       List<RunbookLink> runbooks, List<String> regions, Postmortem postmortem, long updatedAtMs,
                       int timelineSize, String timelineHead, int actionCount) {

    public Incident {
        alerts = List.copyOf(alerts);
        runbooks = List.copyOf(runbooks);
        regions = List.copyOf(regions);
    }

    public boolean open() {
        return status.open();
    }

    /** When the incident ended for its users: resolution, or {@code nowMs} while it is not resolved. */
    public long endMs(long nowMs) {
        return resolvedAtMs != 0 ? resolvedAtMs : closedAtMs != 0 ? closedAtMs : nowMs;
    }

    /** When it started: the earliest of its creation and its alerts' firing. */
    public long startMs() {
        long start = createdAtMs;
        for (LinkedAlert a : alerts) {
            if (a.firingSinceMs() > 0) {
                start = Math.min(start, a.firingSinceMs());
            }
        }
        return start;
    }

    Builder toBuilder() {
        return new Builder(this);
    }

    /** Mutable copy for the service's changes. */
    static final class Builder {
        String id;
        String title;
        Severity severity;
        IncidentStatus status;
        String commander;
        String createdBy;
        long createdAtMs;
        long acknowledgedAtMs;
        long mitigatingAtMs;
        long resolvedAtMs;
        long closedAtMs;
        String alertGroup;
        List<LinkedAlert> alerts;
        List<RunbookLink> runbooks;
        List<String> regions;
        Postmortem postmortem;
        long updatedAtMs;
        int timelineSize;
        String timelineHead;
        int actionCount;

        Builder(Incident i) {
            id = i.id;
            title = i.title;
            severity = i.severity;
            status = i.status;
            commander = i.commander;
            createdBy = i.createdBy;
            createdAtMs = i.createdAtMs;
            acknowledgedAtMs = i.acknowledgedAtMs;
            mitigatingAtMs = i.mitigatingAtMs;
            resolvedAtMs = i.resolvedAtMs;
            closedAtMs = i.closedAtMs;
            alertGroup = i.alertGroup;
            alerts = new java.util.ArrayList<>(i.alerts);
            runbooks = new java.util.ArrayList<>(i.runbooks);
            regions = new java.util.ArrayList<>(i.regions);
            postmortem = i.postmortem;
            updatedAtMs = i.updatedAtMs;
            timelineSize = i.timelineSize;
            timelineHead = i.timelineHead;
            actionCount = i.actionCount;
        }

        Incident build() {
            return new Incident(id, title, severity, status, commander, createdBy, createdAtMs, acknowledgedAtMs,
                    mitigatingAtMs, resolvedAtMs, closedAtMs, alertGroup, alerts, runbooks, regions, postmortem,
                    updatedAtMs, timelineSize, timelineHead, actionCount);
        }
    }
}
