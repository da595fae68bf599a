package io.pharos.engine.incident;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pharos.engine.store.StateStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Index records that let alert linking find its incidents without reading every incident ever
 * created: {@value #OPEN_BY_GROUP} (key: the alert group, body {@code {"incident":"INC-3"}}), the open
 * incident an automatically opened group collects alerts in; and {@value #FIRING_LINKS} (key: the
 * alert's labels, body {@code {"incidents":["INC-3"]}}), the incidents not closed in which the alert is
 * linked and not resolved. {@link IncidentChange#save} keeps both up to date in the transaction of
 * each change; {@link #rebuild} makes them from the incidents (state files of earlier versions).
 */
final class IncidentIndex {
    static final String OPEN_BY_GROUP = "incident-open-by-group";
    static final String FIRING_LINKS = "incident-alert-firing";

    private IncidentIndex() {
    }

    static Optional<String> openIncidentOf(StateStore.Reader r, String group) {
        return r.get(OPEN_BY_GROUP, group).map(rec -> IncidentJson.str(IncidentJson.parse(rec.body()), "incident"));
    }

    static List<String> firingLinks(StateStore.Reader r, String labels) {
        List<String> ids = new ArrayList<>();
        r.get(FIRING_LINKS, labels).ifPresent(rec -> IncidentJson.parse(rec.body()).path("incidents")
                .forEach(n -> ids.add(n.asText())));
        return ids;
    }

    /** Brings the index in line with one incident's change ({@code before} null for a new incident). */
    static void update(StateStore.Transaction tx, Incident before, Incident after, long now) {
        String group = after.alertGroup();
        if (group != null) {
            boolean wasOpen = before != null && before.open();
            Optional<String> indexed = openIncidentOf(tx, group);
            if (!wasOpen && after.open() && indexed.isEmpty()) {
                tx.put(OPEN_BY_GROUP, group, now, IncidentJson.text(IncidentJson.object().put("incident", after.id())));
            } else if (wasOpen && !after.open() && indexed.filter(after.id()::equals).isPresent()) {
                tx.delete(OPEN_BY_GROUP, group);
            }
        }
        Set<String> was = before == null ? Set.of() : firing(before);
        Set<String> is = firing(after);
        for (String labels : was) {
            if (!is.contains(labels)) {
                List<String> ids = firingLinks(tx, labels);
                ids.remove(after.id());
                putLinks(tx, labels, ids, now);
            }
        }
        for (String labels : is) {
            if (!was.contains(labels)) {
                List<String> ids = firingLinks(tx, labels);
                if (!ids.contains(after.id())) {
                    ids.add(after.id());
                    putLinks(tx, labels, ids, now);
                }
            }
        }
    }

    /**
     * Makes the index from the incidents (newest first), writing only records that differ. Returns
     * the number of records written or deleted.
     */
    static int rebuild(StateStore.Transaction tx, List<Incident> incidents, long now) {
        Map<String, String> open = new HashMap<>();
        Map<String, List<String>> links = new HashMap<>();
        for (Incident i : incidents) {
            if (i.alertGroup() != null && i.open()) {
                open.putIfAbsent(i.alertGroup(), i.id());
            }
            for (String labels : firing(i)) {
                links.computeIfAbsent(labels, k -> new ArrayList<>()).add(i.id());
            }
        }
        int changed = 0;
        for (StateStore.Record rec : tx.list(OPEN_BY_GROUP)) {
            if (!open.containsKey(rec.key())) {
                tx.delete(OPEN_BY_GROUP, rec.key());
                changed++;
            }
        }
        for (Map.Entry<String, String> e : open.entrySet()) {
            if (!openIncidentOf(tx, e.getKey()).filter(e.getValue()::equals).isPresent()) {
                tx.put(OPEN_BY_GROUP, e.getKey(), now, IncidentJson.text(IncidentJson.object().put("incident", e.getValue())));
                changed++;
            }
        }
        for (StateStore.Record rec : tx.list(FIRING_LINKS)) {
            if (!links.containsKey(rec.key())) {
                tx.delete(FIRING_LINKS, rec.key());
                changed++;
            }
        }
        for (Map.Entry<String, List<String>> e : links.entrySet()) {
            if (!Set.copyOf(firingLinks(tx, e.getKey())).equals(Set.copyOf(e.getValue()))) {
                putLinks(tx, e.getKey(), e.getValue(), now);
                changed++;
            }
        }
        return changed;
    }

    /** The labels (as text) of the incident's linked, unresolved alerts; none once it is closed. */
    private static Set<String> firing(Incident i) {
        Set<String> out = new LinkedHashSet<>();
        if (i.status() != IncidentStatus.CLOSED) {
            for (LinkedAlert a : i.alerts()) {
                if (!a.resolved()) {
                    out.add(a.labels().toString());
                }
            }
        }
        return out;
    }

    private static void putLinks(StateStore.Transaction tx, String labels, List<String> ids, long now) {
        if (ids.isEmpty()) {
            tx.delete(FIRING_LINKS, labels);
            return;
        }
        ObjectNode o = IncidentJson.object();
        ArrayNode list = o.putArray("incidents");
        ids.forEach(list::add);
        tx.put(FIRING_LINKS, labels, now, IncidentJson.text(o));
    }
}
