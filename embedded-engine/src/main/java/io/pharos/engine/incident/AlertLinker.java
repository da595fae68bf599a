package io.pharos.engine.incident;

import io.pharos.engine.alerting.Alert;
import io.pharos.engine.alerting.AlertState;
import io.pharos.engine.model.Labels;
import io.pharos.engine.store.StateStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Links alerts to incidents by the {@link IncidentPolicy}: a firing alert whose severity opens
 * incidents joins the open incident of its group, or opens one; a resolved alert is marked resolved in
 * the incidents it is linked to.
 *
 * <p>Called for every alert after every evaluation, so it is built to do nothing most of the time: it
 * finds its incidents through {@link IncidentIndex} (no scan of every incident) and decides in a read
 * whether anything changes; only then does it open a write transaction (an fsync under the state
 * file's lock). The first call makes the index from the incidents once, for state files written
 * before the index existed.
 */
final class AlertLinker {
    private final IncidentService incidents;
    private final StateStore store;
    private volatile boolean indexed;

    AlertLinker(IncidentService incidents) {
        this.incidents = incidents;
        this.store = incidents.store();
    }

    List<Incident> onAlerts(Collection<Alert> alerts) {
        List<Incident> out = new ArrayList<>();
        for (Alert a : alerts) {
            onAlert(a).ifPresent(out::add);
        }
        return out;
    }

    /** Returns the incident changed, if any; writes nothing when nothing changes. */
    Optional<Incident> onAlert(Alert alert) {
        ensureIndexed();
        if (alert.state() == AlertState.FIRING && !alert.flapping()) {
            return firing(alert);
        }
        if (alert.state() == AlertState.RESOLVED) {
            return resolved(alert);
        }
        return Optional.empty();
    }

    private Optional<Incident> firing(Alert alert) {
        Optional<Severity> severity = incidents.policy().severityFor(alert);
        if (severity.isEmpty()) {
            return Optional.empty();
        }
        String group = incidents.policy().groupOf(alert).toString();
        if (!store.read(r -> firingChanges(r, alert, group, severity.get()))) {
            return Optional.empty();
        }
        return Optional.of(store.write(tx -> {
            long now = incidents.clock().millis();
            Incident open = openIncident(tx, group);
            IncidentChange c;
            if (open == null) {
                String title = titleFor(alert);
                c = incidents.open(tx, title, severity.get(), IncidentService.SYSTEM_ACTOR, now, group);
                c.append(TimelineKind.CREATED, IncidentService.SYSTEM_ACTOR, "opened automatically: "
                        + alert.labels().get(incidents.policy().severityLabel()) + " alert " + nameOf(alert.labels())
                        + " (" + severity.get() + " by policy)", IncidentJson.object().put("title", title)
                        .put("severity", severity.get().name()).put("alertGroup", group));
            } else {
                c = IncidentChange.of(tx, open, now);
                if (severity.get().compareTo(c.severity()) < 0) {
                    c.severity(severity.get(), IncidentService.SYSTEM_ACTOR, "alert " + nameOf(alert.labels()) + " is "
                            + alert.labels().get(incidents.policy().severityLabel()));
                }
            }
            c.link(alert, IncidentService.SYSTEM_ACTOR);
            return c.save();
        }));
    }

    /** Whether a firing alert changes anything: no open incident yet, not linked (or resolved), or worse. */
    private static boolean firingChanges(StateStore.Reader r, Alert alert, String group, Severity severity) {
        Incident open = openIncident(r, group);
        if (open == null || severity.compareTo(open.severity()) < 0) {
            return true;
        }
        return open.alerts().stream().noneMatch(a -> a.labels().equals(alert.labels()) && !a.resolved());
    }

    private Optional<Incident> resolved(Alert alert) {
        String labels = alert.labels().toString();
        if (store.read(r -> IncidentIndex.firingLinks(r, labels)).isEmpty()) {
            return Optional.empty();
        }
        List<Incident> touched = store.write(tx -> {
            long now = incidents.clock().millis();
            List<Incident> out = new ArrayList<>();
            for (String id : IncidentIndex.firingLinks(tx, labels)) {
                Incident i = readable(tx, id);
                if (i != null && i.status() != IncidentStatus.CLOSED) {
                    IncidentChange c = IncidentChange.of(tx, i, now);
                    if (c.alertResolved(alert, IncidentService.SYSTEM_ACTOR)) {
                        out.add(c.save());
                    }
                }
            }
            return out;
        });
        return touched.stream().findFirst();
    }

    /** The open incident of an alert group, through the index; null when there is none. */
    private static Incident openIncident(StateStore.Reader r, String group) {
        Incident i = IncidentIndex.openIncidentOf(r, group).map(id -> readable(r, id)).orElse(null);
        return i != null && i.open() && group.equals(i.alertGroup()) ? i : null;
    }

    private static Incident readable(StateStore.Reader r, String id) {
        return IncidentService.readable(r, id).orElse(null);
    }

    private void ensureIndexed() {
        if (!indexed) {
            store.write(tx -> IncidentIndex.rebuild(tx, IncidentService.all(tx), incidents.clock().millis()));
            indexed = true;
        }
    }

    static String titleFor(Alert alert) {
        String region = alert.labels().get("region");
        String service = alert.labels().get("service");
        return nameOf(alert.labels()) + (service != null ? " on " + service : "") + (region != null ? " in " + region : "");
    }

    static String nameOf(Labels labels) {
        String n = labels.get("alertname");
        return n != null ? n : labels.toString();
    }
}
