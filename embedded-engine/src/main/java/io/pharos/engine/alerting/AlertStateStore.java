package io.pharos.engine.alerting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pharos.engine.model.Labels;
import io.pharos.engine.model.Matcher;
import io.pharos.engine.store.StateJson;
import io.pharos.engine.store.StateStore;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alert state in the state file, so that a restart (or a kill -9) loses nothing: each rule's
 * lifecycle (pending and firing alerts with their times and flap memory), silences,
 * acknowledgements, and the history of every state change. Formats are JSON written here; a record
 * that cannot be read back is logged and skipped, never allowed to stop the engine.
 */
public final class AlertStateStore {
    private static final Logger LOG = LoggerFactory.getLogger(AlertStateStore.class);
    static final String LIFECYCLE = "alert.lifecycle";
    static final String SILENCE = "alert.silence";
    static final String ACK = "alert.ack";
    static final String HISTORY = "alert.history";
    static final String GROUP = "alert.group";
    static final String RECEIVED = "alert.received";
    /** What a snapshot copies of alerting's state: everything the alert queue shows, nothing else. */
    public static final java.util.List<String> SNAPSHOT_RECORD_KINDS = java.util.List.of(LIFECYCLE, SILENCE, ACK, GROUP);
    /** The alert history; a snapshot keeps the entries of its time range. */
    public static final java.util.List<String> SNAPSHOT_LOG_KINDS = java.util.List.of(HISTORY);

    private static final ObjectMapper JSON = StateJson.MAPPER;

    private final StateStore store;

    public AlertStateStore(StateStore store) {
        this.store = store;
    }

    // JSON shapes: labels as maps, matchers as triples, so the file reads well with sqlite3.
    private record SavedJson(Map<String, String> labels, AlertState state, long activeSinceMs, long firingSinceMs,
                             long resolvedAtMs, long lastTrueMs, double lastValue, boolean flapping, List<Long> changes) {
    }

    private record MatcherJson(String label, String op, String value) {
    }

    private record RecurrenceJson(List<DayOfWeek> days, String start, long lengthMs, String zone) {
    }

    private record SilenceJson(String id, List<MatcherJson> matchers, long startMs, long endMs, String author,
                               String reason, RecurrenceJson recurrence) {
    }

    private record AckJson(Map<String, String> labels, String owner, long atMs, long untilMs) {
    }

    private record ToldJson(Map<String, String> labels, long activeSinceMs, long firingSinceMs, double value) {
    }

    private record GroupJson(Map<String, String> group, long firstSeenMs, long lastNotifiedMs, List<ToldJson> lastFiring) {
    }

    private record ReceivedJson(String receiver, Map<String, String> labels, Map<String, String> annotations,
                                long startsAtMs, long endsAtMs, String generatorUrl, long receivedAtMs) {
    }

    private record HistoryJson(String rule, Map<String, String> labels, AlertState from, AlertState to, long atMs,
                               double value) {
    }

    /**
     * Saves one evaluation's outcome in one transaction: the lifecycles of the rules given (by key)
     * and the history entries. Both are there after a crash, or neither.
     */
    public void saveCycle(Map<String, AlertLifecycle> lifecycles, List<AlertHistoryEntry> history, long nowMs) {
        saveCycle(lifecycles, history, null, nowMs);
    }

    /**
     * {@link #saveCycle(Map, List, long)}, and when {@code acks} is not null the acknowledgements held
     * now, in the same transaction: a resolved alert's acknowledgement goes when its resolution is saved.
     */
    public void saveCycle(Map<String, AlertLifecycle> lifecycles, List<AlertHistoryEntry> history,
                          Map<Labels, Acknowledgements.Ack> acks, long nowMs) {
        if (lifecycles.isEmpty() && history.isEmpty() && acks == null) {
            return;
        }
        List<String[]> bodies = new ArrayList<>();
        for (var e : lifecycles.entrySet()) {
            List<SavedJson> saved = new ArrayList<>();
            for (AlertLifecycle.Saved s : e.getValue().save()) {
                saved.add(new SavedJson(s.labels().toMap(), s.state(), s.activeSinceMs(), s.firingSinceMs(),
                        s.resolvedAtMs(), s.lastTrueMs(), s.lastValue(), s.flapping(), s.changes()));
            }
            bodies.add(new String[] {e.getKey(), json(saved)});
        }
        List<String[]> entries = new ArrayList<>();
        for (AlertHistoryEntry h : history) {
            entries.add(new String[] {h.labels().toString(), Long.toString(h.atMs()),
                    json(new HistoryJson(h.rule(), h.labels().toMap(), h.from(), h.to(), h.atMs(), h.value()))});
        }
        Map<String, String> ackBodies = acks == null ? null : ackBodies(acks);
        store.write(tx -> {
            for (String[] b : bodies) {
                if (b[1].equals("[]")) {
                    tx.delete(LIFECYCLE, b[0]);
                } else {
                    tx.put(LIFECYCLE, b[0], nowMs, b[1]);
                }
            }
            for (String[] h : entries) {
                tx.append(HISTORY, h[0], Long.parseLong(h[1]), h[2]);
            }
            if (ackBodies != null) {
                replaceAcks(tx, ackBodies, nowMs);
            }
            return null;
        });
    }

    private static Map<String, String> ackBodies(Map<Labels, Acknowledgements.Ack> acks) {
        Map<String, String> bodies = new LinkedHashMap<>();
        acks.forEach((labels, a) -> bodies.put(labels.toString(),
                json(new AckJson(labels.toMap(), a.owner(), a.atMs(), a.untilMs()))));
        return bodies;
    }

    private static void replaceAcks(StateStore.Transaction tx, Map<String, String> bodies, long nowMs) {
        for (StateStore.Record old : tx.list(ACK)) {
            if (!bodies.containsKey(old.key())) {
                tx.delete(ACK, old.key());
            }
        }
        bodies.forEach((k, b) -> tx.put(ACK, k, nowMs, b));
    }

    /** An alert as saved: its rule's key ("group/name") and the alert as of the last save. */
    public record SavedAlert(String rule, Alert alert) {
        public Labels labels() {
            return alert.labels();
        }

        public AlertState state() {
            return alert.state();
        }
    }

    /** Every alert saved in a state reader (the state file, or a snapshot's); unreadable records skipped. */
    public static List<SavedAlert> savedAlerts(StateStore.Reader reader) {
        List<SavedAlert> out = new ArrayList<>();
        for (StateStore.Record rec : reader.list(LIFECYCLE)) {
            try {
                for (SavedJson s : JSON.readValue(rec.body(), SavedJson[].class)) {
                    out.add(new SavedAlert(rec.key(), new Alert(Labels.of(s.labels()), s.state(), s.activeSinceMs(),
                            s.firingSinceMs(), s.resolvedAtMs(), s.lastValue(), s.flapping())));
                }
            } catch (JsonProcessingException | RuntimeException e) {
                LOG.warn("Saved alert state of rule {} cannot be read and is skipped: {}", rec.key(), e.getMessage());
            }
        }
        return out;
    }

    /** Restores saved lifecycles into the given ones (by key); keys no longer known are ignored. */
    public int restoreLifecycles(Map<String, AlertLifecycle> lifecycles) {
        int restored = 0;
        List<StateStore.Record> records = store.read(r -> r.list(LIFECYCLE));
        for (StateStore.Record rec : records) {
            AlertLifecycle target = lifecycles.get(rec.key());
            if (target == null) {
                continue; // the rule was removed from the rule files
            }
            try {
                SavedJson[] saved = JSON.readValue(rec.body(), SavedJson[].class);
                List<AlertLifecycle.Saved> out = new ArrayList<>();
                for (SavedJson s : saved) {
                    out.add(new AlertLifecycle.Saved(Labels.of(s.labels()), s.state(), s.activeSinceMs(),
                            s.firingSinceMs(), s.resolvedAtMs(), s.lastTrueMs(), s.lastValue(), s.flapping(),
                            s.changes() == null ? List.of() : s.changes()));
                }
                target.restore(out);
                restored += out.size();
            } catch (JsonProcessingException | RuntimeException e) {
                LOG.error("Saved alert state of rule {} in {} cannot be read and is skipped: {}", rec.key(), store.file(),
                        e.getMessage());
            }
        }
        return restored;
    }

    public void saveSilence(Silence s, long nowMs) {
        List<MatcherJson> matchers = s.matchers().stream()
                .map(m -> new MatcherJson(m.label(), m.op().name(), m.value())).toList();
        RecurrenceJson rec = s.recurrence() == null ? null : new RecurrenceJson(List.copyOf(s.recurrence().days()),
                s.recurrence().start().toString(), s.recurrence().length().toMillis(), s.recurrence().zone().getId());
        String body = json(new SilenceJson(s.id(), matchers, s.startMs(), s.endMs(), s.author(), s.reason(), rec));
        store.write(tx -> {
            tx.put(SILENCE, s.id(), nowMs, body);
            return null;
        });
    }

    public List<Silence> loadSilences() {
        return store.read(r -> silences(r, store.file().toString()));
    }

    /** The silences in a state reader (the state file, or a snapshot's); unreadable ones are logged, skipped. */
    public static List<Silence> silences(StateStore.Reader reader, String where) {
        List<Silence> out = new ArrayList<>();
        for (StateStore.Record rec : reader.list(SILENCE)) {
            try {
                SilenceJson j = JSON.readValue(rec.body(), SilenceJson.class);
                List<Matcher> matchers = new ArrayList<>();
                for (MatcherJson m : j.matchers()) {
                    matchers.add(switch (Matcher.Op.valueOf(m.op())) {
                        case EQUAL -> Matcher.eq(m.label(), m.value());
                        case NOT_EQUAL -> Matcher.neq(m.label(), m.value());
                        case REGEX -> Matcher.regex(m.label(), m.value());
                        case NOT_REGEX -> Matcher.notRegex(m.label(), m.value());
                    });
                }
                Recurrence r = null;
                if (j.recurrence() != null) {
                    Set<DayOfWeek> days = EnumSet.copyOf(j.recurrence().days());
                    r = new Recurrence(days, LocalTime.parse(j.recurrence().start()),
                            Duration.ofMillis(j.recurrence().lengthMs()), ZoneId.of(j.recurrence().zone()));
                }
                out.add(new Silence(j.id(), matchers, j.startMs(), j.endMs(), j.author(), j.reason(), r));
            } catch (JsonProcessingException | RuntimeException e) {
                LOG.error("Saved silence {} in {} cannot be read and is skipped: {}", rec.key(), where, e.getMessage());
            }
        }
        return out;
    }

    /**
     * Saves alerts received from another system (replacing what was saved of the same labels) and
     * forgets those of {@code forget}, in one transaction.
     */
    public void saveReceived(List<ReceivedAlert> alerts, java.util.Collection<Labels> forget, long nowMs) {
        if (alerts.isEmpty() && forget.isEmpty()) {
            return;
        }
        Map<String, String> bodies = new LinkedHashMap<>();
        for (ReceivedAlert a : alerts) {
            bodies.put(a.labels().toString(), json(new ReceivedJson(a.origin(), a.labels().toMap(), a.annotations(),
                    a.startsAtMs(), a.endsAtMs(), a.generatorUrl(), a.receivedAtMs())));
        }
        store.write(tx -> {
            for (Labels l : forget) {
                tx.delete(RECEIVED, l.toString());
            }
            bodies.forEach((k, b) -> tx.put(RECEIVED, k, nowMs, b));
            return null;
        });
    }

    /** The received alerts saved; unreadable ones are logged and skipped. */
    public List<ReceivedAlert> loadReceived() {
        List<ReceivedAlert> out = new ArrayList<>();
        for (StateStore.Record rec : store.read(r -> r.list(RECEIVED))) {
            try {
                ReceivedJson j = JSON.readValue(rec.body(), ReceivedJson.class);
                out.add(new ReceivedAlert(j.receiver(), Labels.of(new java.util.TreeMap<>(j.labels())),
                        j.annotations() == null ? Map.of() : j.annotations(), j.startsAtMs(), j.endsAtMs(),
                        j.generatorUrl() == null ? "" : j.generatorUrl(), j.receivedAtMs()));
            } catch (JsonProcessingException | RuntimeException e) {
                LOG.error("A received alert saved in {} cannot be read and is skipped: {}", store.file(), e.getMessage());
            }
        }
        return out;
    }

    /** Saves the acknowledgements held now, replacing those saved before. */
    public void saveAcks(Map<Labels, Acknowledgements.Ack> acks, long nowMs) {
        Map<String, String> bodies = ackBodies(acks);
        store.write(tx -> {
            replaceAcks(tx, bodies, nowMs);
            return null;
        });
    }

    public Map<Labels, Acknowledgements.Ack> loadAcks() {
        return store.read(r -> acks(r, store.file().toString()));
    }

    /** The acknowledgements in a state reader (the state file, or a snapshot's); unreadable ones logged, skipped. */
    public static Map<Labels, Acknowledgements.Ack> acks(StateStore.Reader reader, String where) {
        Map<Labels, Acknowledgements.Ack> out = new LinkedHashMap<>();
        for (StateStore.Record rec : reader.list(ACK)) {
            try {
                AckJson j = JSON.readValue(rec.body(), AckJson.class);
                out.put(Labels.of(j.labels()), new Acknowledgements.Ack(j.owner(), j.atMs(), j.untilMs()));
            } catch (JsonProcessingException | RuntimeException e) {
                LOG.error("Saved acknowledgement {} in {} cannot be read and is skipped: {}", rec.key(), where,
                        e.getMessage());
            }
        }
        return out;
    }

    /** Saves the grouper's memory, replacing what was saved before (one transaction). */
    public void saveGroups(List<AlertGrouper.GroupMemory> groups, long nowMs) {
        Map<String, String> bodies = new LinkedHashMap<>();
        for (AlertGrouper.GroupMemory g : groups) {
            bodies.put(g.group().toString(), json(new GroupJson(g.group().toMap(), g.firstSeenMs(), g.lastNotifiedMs(),
                    g.lastFiring().stream().map(a -> new ToldJson(a.labels().toMap(), a.activeSinceMs(),
                            a.firingSinceMs(), a.lastValue())).toList())));
        }
        store.write(tx -> {
            for (StateStore.Record old : tx.list(GROUP)) {
                if (!bodies.containsKey(old.key())) {
                    tx.delete(GROUP, old.key());
                }
            }
            bodies.forEach((k, b) -> tx.put(GROUP, k, nowMs, b));
            return null;
        });
    }

    public List<AlertGrouper.GroupMemory> loadGroups() {
        List<AlertGrouper.GroupMemory> out = new ArrayList<>();
        for (StateStore.Record rec : store.read(r -> r.list(GROUP))) {
            try {
                GroupJson j = JSON.readValue(rec.body(), GroupJson.class);
                List<Alert> firing = new ArrayList<>();
                for (ToldJson t : j.lastFiring()) {
                    firing.add(new Alert(Labels.of(t.labels()), AlertState.FIRING, t.activeSinceMs(), t.firingSinceMs(),
                            0, t.value(), false));
                }
                out.add(new AlertGrouper.GroupMemory(Labels.of(j.group()), j.firstSeenMs(), j.lastNotifiedMs(), firing));
            } catch (JsonProcessingException | RuntimeException e) {
                LOG.error("Saved notification group {} in {} cannot be read and is skipped: {}", rec.key(), store.file(),
                        e.getMessage());
            }
        }
        return out;
    }

    /**
     * State changes with {@code fromMs <= at < toMs}, oldest first: of one alert (its labels) or of
     * all ({@code labels} null).
     */
    public List<AlertHistoryEntry> history(Labels labels, long fromMs, long toMs, int limit) {
        return store.read(r -> history(r, labels, fromMs, toMs, limit, store.file().toString()));
    }

    /** {@link #history(Labels, long, long, int)} in a state reader (the state file, or a snapshot's). */
    public static List<AlertHistoryEntry> history(StateStore.Reader reader, Labels labels, long fromMs, long toMs,
                                                  int limit, String where) {
        List<StateStore.LogEntry> entries = reader.log(HISTORY, labels == null ? null : labels.toString(), fromMs, toMs,
                limit);
        List<AlertHistoryEntry> out = new ArrayList<>(entries.size());
        for (StateStore.LogEntry e : entries) {
            try {
                HistoryJson j = JSON.readValue(e.body(), HistoryJson.class);
                out.add(new AlertHistoryEntry(j.rule(), Labels.of(j.labels()), j.from(), j.to(), j.atMs(), j.value()));
            } catch (JsonProcessingException | RuntimeException ex) {
                LOG.error("Alert history entry {} in {} cannot be read and is skipped: {}", e.seq(), where,
                        ex.getMessage());
            }
        }
        return out;
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write alert state as JSON", e);
        }
    }

    /** Keys of saved lifecycles (for tests and diagnostics). */
    Collection<String> savedRules() {
        return store.read(r -> r.list(LIFECYCLE)).stream().map(StateStore.Record::key).toList();
    }
}
