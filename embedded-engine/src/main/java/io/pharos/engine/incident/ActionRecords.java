package io.pharos.engine.incident;

import io.pharos.engine.store.StateStore;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;

/** Action records in the state file (kind {@value #KIND}, key the action's id "INC-7-A2"). */
final class ActionRecords {
    static final String KIND = "incident-action";

    private ActionRecords() {
    }

    static ActionRecord load(StateStore.Reader r, String actionId) {
        return r.get(KIND, actionId).map(rec -> IncidentJson.actionRecord(IncidentJson.parse(rec.body())))
                .orElseThrow(() -> new NoSuchElementException("no action " + actionId));
    }

    static void put(StateStore.Transaction tx, ActionRecord r) {
        tx.put(KIND, r.id(), Math.max(r.proposedAtMs(), Math.max(r.decidedAtMs(), r.finishedAtMs())),
                IncidentJson.text(IncidentJson.actionRecord(r)));
    }

    /** Every action, in the order they were proposed. */
    static List<ActionRecord> all(StateStore.Reader r) {
        return r.list(KIND).stream().map(rec -> IncidentJson.actionRecord(IncidentJson.parse(rec.body())))
                .sorted(Comparator.comparingLong(ActionRecord::proposedAtMs).thenComparingInt(ActionRecords::number))
                .toList();
    }

    /** The actions of one incident, in the order they were proposed. */
    static List<ActionRecord> of(StateStore.Reader r, String incidentId) {
        return all(r).stream().filter(a -> a.incidentId().equals(incidentId)).toList();
    }

    /**
     * The actions of one incident that can be read, in the order they were proposed: a file that was not
     * written here (a snapshot) may hold records that cannot; they are logged and left out.
     */
    static List<ActionRecord> readable(StateStore.Reader r, String incidentId) {
        List<ActionRecord> out = new java.util.ArrayList<>();
        for (StateStore.Record rec : r.list(KIND)) {
            try {
                ActionRecord a = IncidentJson.actionRecord(IncidentJson.parse(rec.body()));
                if (incidentId.equals(a.incidentId())) {
                    out.add(a);
                }
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(ActionRecords.class).warn(
                        "Skipped action record {}: it is not readable ({}).", rec.key(), e.getMessage());
            }
        }
        out.sort(Comparator.comparingLong(ActionRecord::proposedAtMs).thenComparingInt(ActionRecords::number));
        return out;
    }

    private static int number(ActionRecord r) {
        String id = r.id() == null ? "" : r.id();
        try {
            return Integer.parseInt(id.substring(id.lastIndexOf("-A") + 2));
        } catch (RuntimeException e) {
            return 0; // not an id this engine makes: ordered by time alone
        }
    }
}
