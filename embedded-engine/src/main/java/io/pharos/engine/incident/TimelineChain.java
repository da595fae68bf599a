package io.pharos.engine.incident;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pharos.engine.store.StateStore;
import java.util.List;
import java.util.Optional;

/**
 * The hash chain of a timeline. Each entry is stored as
 * {@code {"entry":{actor, at, data, incident, index, kind, text}, "prev":hex, "hash":hex}} where
 * {@code hash = SHA-256(prev + canonical(entry))} ({@link CanonicalJson}) and {@code prev} is the
 * previous entry's hash (64 zeros for the first). The incident record keeps the number of entries
 * and the last hash, so deleting entries at the end is detected as well.
 */
final class TimelineChain {
    private TimelineChain() {
    }

    static TimelineEntry next(String incidentId, int index, String prev, TimelineKind kind, String actor, long atMs,
            String text, JsonNode data) {
        JsonNode d = data == null ? IncidentJson.object() : data;
        String hash = CanonicalJson.chainHash(prev, CanonicalJson.write(entryNode(incidentId, index, kind, actor, atMs, text, d)));
        return new TimelineEntry(incidentId, index, kind, actor, atMs, text, d, prev, hash);
    }

    private static ObjectNode entryNode(String incidentId, int index, TimelineKind kind, String actor, long atMs,
            String text, JsonNode data) {
        ObjectNode o = IncidentJson.object();
        o.put("incident", incidentId);
        o.put("index", index);
        o.put("kind", kind.id());
        o.put("actor", actor);
        o.put("at", atMs);
        o.put("text", text);
        o.set("data", data);
        return o;
    }

    static String body(TimelineEntry e) {
        ObjectNode o = IncidentJson.object();
        o.set("entry", entryNode(e.incidentId(), e.index(), e.kind(), e.actor(), e.atMs(), e.text(), e.data()));
        o.put("prev", e.prev());
        o.put("hash", e.hash());
        return IncidentJson.text(o);
    }

    static TimelineEntry entry(JsonNode body) {
        JsonNode e = body.path("entry");
        return new TimelineEntry(IncidentJson.str(e, "incident"), e.path("index").asInt(),
                TimelineKind.byId(IncidentJson.str(e, "kind")), IncidentJson.str(e, "actor"), e.path("at").asLong(),
                IncidentJson.str(e, "text"), e.path("data"), IncidentJson.str(body, "prev"), IncidentJson.str(body, "hash"));
    }

    /** Walks the chain of one incident in the order the state file holds it. */
    static ChainVerification verify(String id, StateStore.Reader r) {
        Optional<StateStore.Record> rec = r.get(IncidentService.INCIDENT_KIND, id);
        if (rec.isEmpty()) {
            return ChainVerification.bad(id, 0, -1, -1, "no incident " + id, CanonicalJson.GENESIS);
        }
        Incident incident;
        try {
            incident = IncidentJson.incident(IncidentJson.parse(rec.get().body()));
        } catch (RuntimeException e) {
            return ChainVerification.bad(id, 0, -1, -1, "the record of " + id + " is not readable: " + e.getMessage(),
                    CanonicalJson.GENESIS);
        }
        List<StateStore.LogEntry> rows = r.log(IncidentService.TIMELINE_KIND, id, Long.MIN_VALUE, Long.MAX_VALUE,
                Integer.MAX_VALUE);
        String prev = CanonicalJson.GENESIS;
        for (int i = 0; i < rows.size(); i++) {
            StateStore.LogEntry row = rows.get(i);
            String problem = check(id, i, prev, row);
            if (problem != null) {
                return ChainVerification.bad(id, i + 1, i, row.seq(), problem, prev);
            }
            prev = IncidentJson.str(IncidentJson.parse(row.body()), "hash");
        }
        if (rows.size() < incident.timelineSize()) {
            return ChainVerification.bad(id, rows.size(), rows.size(), -1, "entry " + rows.size() + " is missing: the"
                    + " timeline ends after " + rows.size() + " entries, but " + id + " records "
                    + incident.timelineSize() + " (entries at the end were deleted)", prev);
        }
        if (rows.size() > incident.timelineSize()) {
            return ChainVerification.bad(id, rows.size(), incident.timelineSize(), rows.get(incident.timelineSize()).seq(),
                    "entry " + incident.timelineSize() + " was added behind " + id + "'s back: it records "
                    + incident.timelineSize() + " entries, the timeline has " + rows.size(), prev);
        }
        if (!prev.equals(incident.timelineHead())) {
            int last = rows.size() - 1;
            return ChainVerification.bad(id, rows.size(), last, last < 0 ? -1 : rows.get(last).seq(), "entry " + last
                    + " is not the one " + id + " recorded as its last (the hashes differ): the end of the timeline"
                    + " was rewritten", prev);
        }
        return ChainVerification.ok(id, rows.size(), prev);
    }

    /** What is wrong with the entry at position i, or null. */
    private static String check(String id, int i, String prev, StateStore.LogEntry row) {
        JsonNode body;
        try {
            body = IncidentJson.parse(row.body());
        } catch (RuntimeException e) {
            return "entry " + i + " is not readable (" + e.getMessage() + "): it was changed after it was written";
        }
        JsonNode entry = body.path("entry");
        if (!entry.isObject() || !entry.path("index").isIntegralNumber()) {
            return "entry " + i + " is not a timeline entry: it was changed after it was written";
        }
        int index = entry.path("index").asInt();
        if (index > i) {
            return "entry " + i + " is missing: the next stored entry is " + index + " (entries were deleted)";
        }
        if (index < i) {
            return "entry " + index + " appears again at position " + i + ": entries were reordered or copied";
        }
        if (!id.equals(IncidentJson.str(entry, "incident"))) {
            return "entry " + i + " belongs to " + IncidentJson.str(entry, "incident") + ", not to " + id;
        }
        String hash;
        try {
            hash = CanonicalJson.chainHash(prev, CanonicalJson.write(entry));
        } catch (RuntimeException e) {
            return "entry " + i + " cannot be hashed (" + e.getMessage() + "): it was changed after it was written";
        }
        if (!prev.equals(IncidentJson.str(body, "prev"))) {
            return "entry " + i + " does not follow entry " + (i - 1) + " (its previous hash differs): entry "
                    + (i - 1) + " was rewritten, or entries were reordered";
        }
        if (!hash.equals(IncidentJson.str(body, "hash"))) {
            return "entry " + i + " was changed after it was written: its content does not match its hash";
        }
        if (entry.path("at").asLong() != row.ts()) {
            return "entry " + i + "'s time in the state file (" + row.ts() + ") differs from the time it was written"
                    + " with (" + entry.path("at").asLong() + ")";
        }
        return null;
    }
}
