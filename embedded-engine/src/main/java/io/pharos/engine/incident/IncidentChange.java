package io.pharos.engine.incident;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pharos.engine.alerting.Alert;
import io.pharos.engine.store.StateStore;
import io.pharos.engine.model.Durations;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One incident's changes within one transaction of the state file: each method changes the
 * incident's state and appends the timeline entry that tells it, so the two cannot drift apart.
 * Only {@link IncidentService} creates one (it checks the incident is not closed first); other
 * classes of the package get it through {@link IncidentService#change} and use these methods, never
 * the incident's fields.
 */
final class IncidentChange {
    private final StateStore.Transaction tx;
    /** The incident as stored before this change; null for a new one. */
    private final Incident before;
    private final Incident.Builder b;
    private final long now;

    private IncidentChange(StateStore.Transaction tx, Incident before, Incident start, long now) {
        this.tx = tx;
        this.before = before;
        this.b = start.toBuilder();
        this.now = now;
    }

    /** A change of a stored incident. */
    static IncidentChange of(StateStore.Transaction tx, Incident stored, long now) {
        return new IncidentChange(tx, stored, stored, now);
    }

    /** The first change of a new incident: nothing of it is stored yet. */
    static IncidentChange ofNew(StateStore.Transaction tx, Incident fresh, long now) {
        return new IncidentChange(tx, null, fresh, now);
    }

    /** The transaction, for records other classes of the package keep beside the incident (actions). */
    StateStore.Transaction transaction() {
        return tx;
    }

    long now() {
        return now;
    }

    String id() {
        return b.id;
    }

    Severity severity() {
        return b.severity;
    }

    IncidentStatus status() {
        return b.status;
    }

    List<LinkedAlert> alerts() {
        return List.copyOf(b.alerts);
    }

    TimelineEntry append(TimelineKind kind, String actor, String text, JsonNode data) {
        TimelineEntry e = TimelineChain.next(b.id, b.timelineSize, b.timelineHead, kind, actor, now, text, data);
        tx.append(IncidentService.TIMELINE_KIND, b.id, now, TimelineChain.body(e));
        b.timelineSize++;
        b.timelineHead = e.hash();
        return e;
    }

    /** Numbers the incident's next action: "INC-7-A3". */
    String newActionId() {
        b.actionCount++;
        return b.id + "-A" + b.actionCount;
    }

    /** Adds regions to those the incident affects (an action's regions, a fail-over's target too). */
    void affect(List<String> regions) {
        for (String region : regions) {
            if (!b.regions.contains(region)) {
                b.regions.add(region);
            }
        }
    }

    void severity(Severity to, String actor, String reason) {
        Severity from = b.severity;
        b.severity = to;
        ObjectNode data = IncidentJson.object().put("from", from.name()).put("to", to.name());
        if (reason != null && !reason.isBlank()) {
            data.put("reason", reason);
        }
        append(TimelineKind.SEVERITY, actor, "severity " + from + " → " + to
                + (reason == null || reason.isBlank() ? "" : ": " + reason), data);
    }

    void commander(String commander, String actor) {
        String from = b.commander;
        b.commander = commander;
        append(TimelineKind.COMMANDER, actor, "commander: " + commander + (from == null ? "" : " (was " + from + ")"),
                IncidentJson.object().put("from", from).put("to", commander));
    }

    void title(String title, String actor) {
        String old = b.title;
        b.title = title;
        append(TimelineKind.TITLE, actor, "title: " + title, IncidentJson.object().put("from", old).put("to", title));
    }

    void regions(List<String> regions, String actor) {
        b.regions = new ArrayList<>(regions);
        ArrayNode list = IncidentJson.object().arrayNode();
        regions.forEach(list::add);
        append(TimelineKind.REGIONS, actor, "regions: " + (regions.isEmpty() ? "none" : String.join(", ", regions)),
                IncidentJson.object().set("regions", list));
    }

    void runbook(String title, String url, String actor) {
        b.runbooks.add(new RunbookLink(title, url, actor, now));
        append(TimelineKind.RUNBOOK, actor, "runbook linked: " + title + " <" + url + ">",
                IncidentJson.object().put("title", title).put("url", url));
    }

    void postmortem(Postmortem p) {
        boolean rewrite = b.postmortem != null;
        b.postmortem = p;
        append(TimelineKind.POSTMORTEM, p.author(), (rewrite ? "postmortem rewritten: " : "postmortem written: ")
                + p.summary(), IncidentJson.postmortem(p));
    }

    boolean hasPostmortem() {
        return b.postmortem != null;
    }

    /** Moves to another status (the caller checked the lifecycle allows it) and records it. */
    void status(IncidentStatus to, String actor, String note, long createdAtMs, long startMs) {
        IncidentStatus from = b.status;
        b.status = to;
        String text;
        switch (to) {
            case ACKNOWLEDGED -> {
                b.acknowledgedAtMs = now;
                text = "acknowledged by " + actor + " after " + Durations.human(now - createdAtMs);
            }
            case MITIGATING -> {
                if (from == IncidentStatus.RESOLVED) {
                    b.resolvedAtMs = 0;
                    text = "reopened";
                } else {
                    text = "mitigating";
                }
                if (b.mitigatingAtMs == 0) {
                    b.mitigatingAtMs = now;
                }
            }
            case RESOLVED -> {
                b.resolvedAtMs = now;
                text = "resolved after " + Durations.human(now - startMs);
            }
            case CLOSED -> {
                b.closedAtMs = now;
                text = "closed with postmortem";
            }
            default -> throw new IllegalStateException("no transition to " + to);
        }
        ObjectNode data = IncidentJson.object().put("from", from.id()).put("to", to.id());
        if (note != null && !note.isBlank()) {
            text += ": " + note;
            data.put("note", note);
        }
        append(TimelineKind.STATUS, actor, text, data);
        if (to == IncidentStatus.ACKNOWLEDGED && b.commander == null) {
            commander(actor, actor);
        }
    }

    /** Links a firing alert; returns false when it is linked already and still firing. */
    boolean link(Alert alert, String actor) {
        for (int k = 0; k < b.alerts.size(); k++) {
            LinkedAlert a = b.alerts.get(k);
            if (a.labels().equals(alert.labels())) {
                if (!a.resolved()) {
                    return false;
                }
                b.alerts.set(k, a.withResolvedAt(0));
                append(TimelineKind.ALERT_LINKED, actor, "alert " + a.name() + " fires again",
                        IncidentJson.object().<ObjectNode>set("labels", IncidentJson.labels(alert.labels()))
                                .put("firingSince", alert.firingSinceMs()));
                return true;
            }
        }
        LinkedAlert linked = new LinkedAlert(alert.labels(), alert.firingSinceMs(), now, actor, 0);
        b.alerts.add(linked);
        String region = alert.labels().get("region");
        if (region != null) {
            affect(List.of(region));
        }
        append(TimelineKind.ALERT_LINKED, actor, "alert " + linked.name() + " linked " + alert.labels()
                        + (Double.isFinite(alert.lastValue()) ? " (value " + Format.number(alert.lastValue()) + ")" : ""),
                IncidentJson.object().<ObjectNode>set("labels", IncidentJson.labels(alert.labels()))
                        .put("firingSince", alert.firingSinceMs()).put("state", alert.state().name().toLowerCase(Locale.ROOT)));
        return true;
    }

    /** Marks a linked, still firing alert resolved; returns false when none with these labels is. */
    boolean alertResolved(Alert alert, String actor) {
        for (int k = 0; k < b.alerts.size(); k++) {
            LinkedAlert a = b.alerts.get(k);
            if (a.labels().equals(alert.labels()) && !a.resolved()) {
                long at = alert.resolvedAtMs() != 0 ? alert.resolvedAtMs() : now;
                b.alerts.set(k, a.withResolvedAt(at));
                append(TimelineKind.ALERT_RESOLVED, actor, "alert " + a.name() + " resolved",
                        IncidentJson.object().<ObjectNode>set("labels", IncidentJson.labels(a.labels()))
                                .put("resolvedAt", at));
                return true;
            }
        }
        return false;
    }

    Incident save() {
        b.updatedAtMs = now;
        Incident i = b.build();
        tx.put(IncidentService.INCIDENT_KIND, i.id(), now, IncidentJson.text(IncidentJson.incident(i)));
        IncidentIndex.update(tx, before, i, now);
        return i;
    }
}
