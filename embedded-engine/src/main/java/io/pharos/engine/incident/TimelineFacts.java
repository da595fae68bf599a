package io.pharos.engine.incident;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An incident and its actions as its timeline tells them. The timeline is what the hash chain
 * covers; the incident and action records are not hashed, so the postmortem is built from this, and
 * an edit of those records cannot change what the document presents as verified.
 */
final class TimelineFacts {
    private TimelineFacts() {
    }

    /** The incident as the entries tell it (the facts no entry tells stay at their defaults). */
    static Incident incident(String id, List<TimelineEntry> timeline) {
        String title = "";
        Severity severity = Severity.SEV4;
        IncidentStatus status = IncidentStatus.TRIGGERED;
        String commander = null;
        String createdBy = "";
        String alertGroup = null;
        long created = 0;
        long acknowledged = 0;
        long mitigating = 0;
        long resolved = 0;
        long closed = 0;
        List<LinkedAlert> alerts = new ArrayList<>();
        List<RunbookLink> runbooks = new ArrayList<>();
        List<String> regions = new ArrayList<>();
        Postmortem postmortem = null;
        for (TimelineEntry e : timeline) {
            JsonNode d = e.data();
            switch (e.kind()) {
                case CREATED -> {
                    title = IncidentJson.str(d, "title");
                    severity = Severity.valueOf(IncidentJson.str(d, "severity"));
                    alertGroup = IncidentJson.str(d, "alertGroup");
                    createdBy = e.actor();
                    created = e.atMs();
                }
                case TITLE -> title = IncidentJson.str(d, "to");
                case SEVERITY -> severity = Severity.valueOf(IncidentJson.str(d, "to"));
                case COMMANDER -> commander = IncidentJson.str(d, "to");
                case STATUS -> {
                    status = IncidentStatus.byId(IncidentJson.str(d, "to"));
                    switch (status) {
                        case ACKNOWLEDGED -> acknowledged = acknowledged == 0 ? e.atMs() : acknowledged;
                        case MITIGATING -> {
                            mitigating = mitigating == 0 ? e.atMs() : mitigating;
                            resolved = 0;
                        }
                        case RESOLVED -> resolved = e.atMs();
                        case CLOSED -> closed = e.atMs();
                        default -> { }
                    }
                }
                case ALERT_LINKED -> link(alerts, regions, e);
                case ALERT_RESOLVED -> {
                    var labels = IncidentJson.labels(d.path("labels"));
                    for (int k = 0; k < alerts.size(); k++) {
                        if (alerts.get(k).labels().equals(labels)) {
                            alerts.set(k, alerts.get(k).withResolvedAt(d.path("resolvedAt").asLong()));
                        }
                    }
                }
                case RUNBOOK -> runbooks.add(new RunbookLink(IncidentJson.str(d, "title"), IncidentJson.str(d, "url"),
                        e.actor(), e.atMs()));
                case REGIONS -> {
                    regions.clear();
                    d.path("regions").forEach(n -> regions.add(n.asText()));
                }
                case POSTMORTEM -> postmortem = IncidentJson.postmortem(d);
                default -> { }
            }
        }
        List<ActionRecord> actions = actions(timeline);
        // the regions an action touches are affected unless the policy refused it (a fail-over's target too)
        actions.stream().filter(a -> a.status() != ActionStatus.REFUSED).flatMap(a -> a.action().regions().stream())
                .filter(r -> !regions.contains(r)).toList().forEach(regions::add);
        TimelineEntry last = timeline.isEmpty() ? null : timeline.getLast();
        return new Incident(id, title, severity, status, commander, createdBy, created, acknowledged, mitigating,
                resolved, closed, alertGroup, alerts, runbooks, regions, postmortem, last == null ? 0 : last.atMs(),
                timeline.size(), last == null ? CanonicalJson.GENESIS : last.hash(), actions.size());
    }

    private static void link(List<LinkedAlert> alerts, List<String> regions, TimelineEntry e) {
        var labels = IncidentJson.labels(e.data().path("labels"));
        long since = e.data().path("firingSince").asLong();
        for (int k = 0; k < alerts.size(); k++) {
            if (alerts.get(k).labels().equals(labels)) {
                alerts.set(k, alerts.get(k).withResolvedAt(0)); // fires again
                return;
            }
        }
        alerts.add(new LinkedAlert(labels, since, e.atMs(), e.actor(), 0));
        String region = labels.get("region");
        if (region != null && !regions.contains(region)) {
            regions.add(region);
        }
    }

    /** The actions as the entries tell them, in the order they were proposed. */
    static List<ActionRecord> actions(List<TimelineEntry> timeline) {
        Map<String, ActionRecord> out = new LinkedHashMap<>();
        for (TimelineEntry e : timeline) {
            JsonNode d = e.data();
            String id = IncidentJson.str(d, "action");
            if (id == null) {
                continue;
            }
            ActionRecord r = out.get(id);
            switch (e.kind()) {
                case ACTION_PROPOSED -> r = new ActionRecord(id, e.incidentId(), IncidentJson.action(d.path("request")),
                        ActionStatus.PROPOSED, e.actor(), e.atMs(), IncidentJson.expected(d.path("expected")),
                        IncidentJson.verdict(d.path("verdict")), null, 0, "", 0, 0, Map.of(), Map.of(), "", "", "", false);
                case ACTION_APPROVED, ACTION_REJECTED, ACTION_REFUSED -> {
                    if (r != null) {
                        String note = e.kind() == TimelineKind.ACTION_REJECTED ? IncidentJson.str(d, "reason")
                                : IncidentJson.str(d, "note");
                        r = r.decided(ActionStatus.valueOf(IncidentJson.str(d, "status").toUpperCase(java.util.Locale.ROOT)),
                                e.actor(), e.atMs(), note == null ? "" : note);
                    }
                }
                case ACTION_STARTED -> {
                    if (r != null) {
                        r = r.started(e.atMs(), IncidentJson.metrics(d.path("before")), IncidentJson.str(d, "executor"),
                                d.path("simulated").asBoolean());
                    }
                }
                case ACTION_SUCCEEDED, ACTION_FAILED -> {
                    if (r != null) {
                        r = r.finished(e.kind() == TimelineKind.ACTION_SUCCEEDED ? ActionStatus.SUCCEEDED
                                : ActionStatus.FAILED, e.atMs(), IncidentJson.metrics(d.path("after")),
                                textOf(d, "output"), textOf(d, "error"));
                    }
                }
                default -> { }
            }
            if (r != null) {
                out.put(id, r);
            }
        }
        return List.copyOf(out.values());
    }

    private static String textOf(JsonNode d, String name) {
        String s = IncidentJson.str(d, name);
        return s == null ? "" : s;
    }
}
