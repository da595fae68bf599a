package io.pharos.engine.alerting.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pharos.engine.store.StateJson;
import io.pharos.engine.store.StateStore;
import io.pharos.engine.model.Durations;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable delivery queue and the delivery log, in the state file. A queued delivery is a
 * record ({@value #QUEUE}, keyed by its zero-padded id) until it leaves the queue, in the same
 * transaction that appends its {@link DeliveryRecord} to the log ({@value #LOG}, keyed by
 * receiver). An in-memory copy of the queue, loaded when opened, answers the dispatcher.
 * Thread-safe.
 */
public final class DeliveryQueue {
    private static final Logger LOG_ = LoggerFactory.getLogger(DeliveryQueue.class);

    static final String QUEUE = "notify.queue";
    static final String LOG = "notify.log";
    static final String META = "notify.meta";
    static final String NEXT_ID = "next-delivery-id";

    static final ObjectMapper JSON = StateJson.MAPPER;

    private final StateStore store;
    /** Pending deliveries by receiver, in id order. */
    private final Map<String, TreeMap<Long, Delivery>> pending = new HashMap<>();

    private DeliveryQueue(StateStore store) {
        this.store = store;
    }

    /** Opens the queue and loads every pending delivery (after a restart: what was left). */
    public static DeliveryQueue open(StateStore store) {
        DeliveryQueue q = new DeliveryQueue(store);
        List<StateStore.Record> records = store.read(r -> r.list(QUEUE));
        int resumed = 0;
        int unreadable = 0;
        for (StateStore.Record rec : records) {
            try {
                q.add(JSON.readValue(rec.body(), Delivery.class));
                resumed++;
            } catch (JsonProcessingException | RuntimeException e) {
                // Not silently dropped: it stays in the file, and the log says which one.
                unreadable++;
                LOG_.error("Queued notification {} in {} cannot be read and is skipped: {}", rec.key(), store.file(),
                        e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getClass().getSimpleName());
            }
        }
        if (resumed > 0) {
            LOG_.info("{} queued notification(s) resumed from {}", resumed, store.file());
        }
        if (unreadable > 0) {
            LOG_.error("{} queued notification(s) in {} cannot be read and will not be sent. If a newer Pharos wrote"
                    + " them, open this data directory with that version to send them; otherwise tell their"
                    + " receivers by hand (the alerts are in the console). They stay in the file, untouched",
                    unreadable, store.file());
        }
        return q;
    }

    /**
     * Adds deliveries inside a transaction the caller runs (with whatever else must change with them).
     * Call {@link #added} with the result once the transaction has committed.
     */
    static List<Delivery> persistNew(StateStore.Transaction tx, List<NewDelivery> news, long nowMs) {
        if (news.isEmpty()) {
            return List.of();
        }
        long next = tx.get(META, NEXT_ID).map(r -> Long.parseLong(r.body())).orElse(1L);
        List<Delivery> out = new ArrayList<>(news.size());
        for (NewDelivery n : news) {
            Delivery d = Delivery.queued(next++, n.receiver(), n.groupKey(), n.status(), nowMs, n.payload());
            tx.put(QUEUE, key(d.id()), nowMs, json(d));
            out.add(d);
        }
        tx.put(META, NEXT_ID, nowMs, Long.toString(next));
        return out;
    }

    /** A delivery to be queued. */
    record NewDelivery(String receiver, String groupKey, String status, String payload) {
    }

    /** Makes committed deliveries visible to the dispatcher. */
    synchronized void added(Collection<Delivery> deliveries) {
        deliveries.forEach(this::add);
    }

    private void add(Delivery d) {
        pending.computeIfAbsent(d.receiver(), r -> new TreeMap<>()).put(d.id(), d);
    }

    /** The oldest pending delivery of each receiver. */
    synchronized List<Delivery> heads() {
        List<Delivery> out = new ArrayList<>();
        for (TreeMap<Long, Delivery> m : pending.values()) {
            if (!m.isEmpty()) {
                out.add(m.firstEntry().getValue());
            }
        }
        return out;
    }

    /** Records a failed attempt; the delivery stays queued. Durable when it returns. */
    void reschedule(Delivery updated) {
        store.write(tx -> {
            tx.put(QUEUE, key(updated.id()), updated.nextAttemptMs(), json(updated));
            return null;
        });
        synchronized (this) {
            TreeMap<Long, Delivery> m = pending.get(updated.receiver());
            if (m != null && m.containsKey(updated.id())) {
                m.put(updated.id(), updated);
            }
        }
    }

    /** Takes a delivery off the queue and logs how it ended, in one transaction. */
    DeliveryRecord finish(Delivery d, DeliveryRecord.Outcome outcome, String error, long nowMs) {
        DeliveryRecord rec = new DeliveryRecord(d.id(), d.receiver(), d.groupKey(), d.status(), outcome, d.createdMs(),
                nowMs, d.attempts() + 1, error, d.historyWith(nowMs, error), d.payload());
        // Written and taken off under the monitor, so that once the log (read from the file) has the
        // delivery, the pending list (in memory) no longer does. Lock order: this monitor, then the
        // state file's; nothing takes them the other way round.
        synchronized (this) {
            store.write(tx -> {
                tx.delete(QUEUE, key(d.id()));
                tx.append(LOG, d.receiver(), nowMs, json(rec));
                return null;
            });
            TreeMap<Long, Delivery> m = pending.get(d.receiver());
            if (m != null) {
                m.remove(d.id());
                if (m.isEmpty()) {
                    pending.remove(d.receiver());
                }
            }
        }
        return rec;
    }

    /** The state file it is kept in. */
    java.nio.file.Path file() {
        return store.file();
    }

    /** Every pending delivery, oldest first. */
    public synchronized List<Delivery> pending() {
        List<Delivery> out = new ArrayList<>();
        pending.values().forEach(m -> out.addAll(m.values()));
        out.sort(Comparator.comparingLong(Delivery::id));
        return out;
    }

    /** Pending deliveries to one receiver, in the order they will go. */
    public synchronized List<Delivery> pending(String receiver) {
        TreeMap<Long, Delivery> m = pending.get(receiver);
        return m == null ? List.of() : List.copyOf(m.values());
    }

    /**
     * The delivery log: deliveries that ended with {@code fromMs <= finished < toMs}, to one receiver
     * or all (null), oldest first, at most {@code limit}.
     */
    public List<DeliveryRecord> log(String receiver, long fromMs, long toMs, int limit) {
        List<StateStore.LogEntry> entries = store.read(r -> r.log(LOG, receiver, fromMs, toMs, limit));
        List<DeliveryRecord> out = new ArrayList<>(entries.size());
        for (StateStore.LogEntry e : entries) {
            try {
                out.add(JSON.readValue(e.body(), DeliveryRecord.class));
            } catch (JsonProcessingException ex) {
                LOG_.warn("Delivery log entry {} cannot be read: {}", e.seq(), ex.getOriginalMessage());
            }
        }
        return out;
    }

    /** Removes delivery log entries that ended more than {@code keep} before {@code nowMs}; returns how many. */
    int prune(long nowMs, java.time.Duration keep) {
        long before = nowMs - keep.toMillis();
        int removed = store.write(tx -> tx.deleteLog(LOG, before));
        if (removed > 0) {
            LOG_.info("{} delivery log entr{} older than {} removed from {}", removed, removed == 1 ? "y" : "ies",
                    Durations.human(keep.toMillis()), store.file());
        }
        return removed;
    }

    static String key(long id) {
        return String.format("%019d", id);
    }

    static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + o.getClass().getSimpleName(), e);
        }
    }
}
