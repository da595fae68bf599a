package io.pharos.engine.store;

import io.pharos.engine.model.Matcher;
import io.pharos.engine.model.SeriesKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * All series of the store in memory: id by key, key by id, and postings (the sorted ids of the
 * series carrying each label value, the metric name as {@code __name__}), as Prometheus keeps them.
 * Selection intersects the postings of the equality matchers, then tests the candidates against the
 * other matchers. Ids are assigned by the single writer; readers see published snapshots.
 */
final class SeriesIndex {
    private final Map<SeriesKey, Integer> ids = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Postings>> postings = new ConcurrentHashMap<>();
    private volatile SeriesKey[] keys = new SeriesKey[1024];
    private volatile int maxId;

    Integer id(SeriesKey key) {
        return ids.get(key);
    }

    SeriesKey key(int id) {
        SeriesKey[] k = keys;
        return id < k.length ? k[id] : null;
    }

    int size() {
        return ids.size();
    }

    int maxId() {
        return maxId;
    }

    /** Every series, ids ascending (for {@link SeriesSnapshot}). */
    synchronized SeriesSnapshot.Series all() {
        // Counted from the ids, not the key map: two ids of one key (a store written by hand) are two series.
        SeriesKey[] k = keys;
        int count = 0;
        for (int id = 0; id <= maxId; id++) {
            count += k[id] == null ? 0 : 1;
        }
        int[] allIds = new int[count];
        SeriesKey[] allKeys = new SeriesKey[count];
        int i = 0;
        for (int id = 0; id <= maxId; id++) {
            if (k[id] != null) {
                allIds[i] = id;
                allKeys[i++] = k[id];
            }
        }
        return new SeriesSnapshot.Series(allIds, allKeys, count);
    }

    /** Registers a series read from or just written to the database. Writer thread only. */
    synchronized void add(int id, SeriesKey key) {
        SeriesKey[] k = keys;
        if (id >= k.length) {
            k = Arrays.copyOf(k, Math.max(id + 1, k.length * 2));
        }
        k[id] = key;
        keys = k;
        ids.put(key, id);
        post(Matcher.NAME, key.metric(), id);
        for (int i = 0; i < key.labels().size(); i++) {
            post(key.labels().name(i), key.labels().value(i), id);
        }
        if (id > maxId) {
            maxId = id;
        }
    }

    /**
     * Registers series read at open, ids ascending: as {@link #add} one by one, with each map sized
     * once and each postings list built once (24,000 series: a third of the index's load time).
     */
    synchronized void addAll(int[] newIds, SeriesKey[] newKeys, int count) {
        if (!ids.isEmpty() || count == 0) {
            for (int i = 0; i < count; i++) {
                add(newIds[i], newKeys[i]);
            }
            return;
        }
        int max = newIds[count - 1];
        SeriesKey[] k = Arrays.copyOf(keys, Math.max(keys.length, max + 1));
        Map<SeriesKey, Integer> byKey = HashMap.newHashMap(count);
        Map<String, Map<String, IdList>> lists = new HashMap<>();
        for (int i = 0; i < count; i++) {
            int id = newIds[i];
            SeriesKey key = newKeys[i];
            k[id] = key;
            byKey.put(key, id);
            lists.computeIfAbsent(Matcher.NAME, n -> new HashMap<>()).computeIfAbsent(key.metric(), v -> new IdList())
                    .add(id);
            for (int j = 0; j < key.labels().size(); j++) {
                lists.computeIfAbsent(key.labels().name(j), n -> new HashMap<>())
                        .computeIfAbsent(key.labels().value(j), v -> new IdList()).add(id);
            }
        }
        for (var byName : lists.entrySet()) {
            Map<String, Postings> byValue = new ConcurrentHashMap<>(byName.getValue().size() * 4 / 3 + 1);
            byName.getValue().forEach((value, list) -> byValue.put(value, new Postings(list.ids, list.size)));
            postings.put(byName.getKey(), byValue);
        }
        ids.putAll(byKey);
        keys = k;
        maxId = max;
    }

    /** Ids appended in order, for {@link #addAll}. */
    private static final class IdList {
        int[] ids = new int[4];
        int size;

        void add(int id) {
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, size * 2);
            }
            ids[size++] = id;
        }
    }

    /**
     * Sorted ids, grown in place: an id larger than the last (the usual case) is written past the
     * published size and a new holder published, so readers of the old holder never see it.
     */
    private record Postings(int[] ids, int size) {
        Postings with(int id) {
            if (size > 0 && id <= ids[size - 1]) {
                int at = Arrays.binarySearch(ids, 0, size, id);
                if (at >= 0) {
                    return this;
                }
                int pos = -at - 1;
                int[] copy = new int[Math.max(4, size * 2)];
                System.arraycopy(ids, 0, copy, 0, pos);
                copy[pos] = id;
                System.arraycopy(ids, pos, copy, pos + 1, size - pos);
                return new Postings(copy, size + 1);
            }
            int[] target = size < ids.length ? ids : Arrays.copyOf(ids, Math.max(4, ids.length * 2));
            target[size] = id;
            return new Postings(target, size + 1);
        }
    }

    private void post(String name, String value, int id) {
        Map<String, Postings> byValue = postings.computeIfAbsent(name, n -> new ConcurrentHashMap<>());
        Postings old = byValue.get(value);
        byValue.put(value, old == null ? new Postings(new int[] {id}, 1) : old.with(id));
    }

    List<String> metrics() {
        List<String> names = new ArrayList<>(postings.getOrDefault(Matcher.NAME, Map.of()).keySet());
        names.sort(null);
        return names;
    }

    /** Ids of the series matching every matcher. */
    int[] select(List<Matcher> matchers) {
        int[] candidates = null;
        int count = 0;
        for (Matcher m : matchers) {
            if (m.op() != Matcher.Op.EQUAL || m.value().isEmpty()) {
                continue; // label="" means "label absent": not in any postings list
            }
            Postings p = postings.getOrDefault(m.label(), Map.of()).get(m.value());
            if (p == null) {
                return new int[0];
            }
            if (candidates == null) {
                candidates = p.ids();
                count = p.size();
            } else {
                int[] both = new int[Math.min(count, p.size())];
                count = intersect(candidates, count, p.ids(), p.size(), both);
                candidates = both;
            }
        }
        SeriesKey[] k = keys;
        int limit = candidates == null ? maxId + 1 : count;
        int[] out = new int[Math.min(limit, 16)];
        int n = 0;
        for (int i = 0; i < limit; i++) {
            int id = candidates == null ? i : candidates[i];
            SeriesKey key = id < k.length ? k[id] : null;
            if (key == null || !matchesAll(key, matchers)) {
                continue;
            }
            if (n == out.length) {
                out = Arrays.copyOf(out, Math.max(16, n * 2));
            }
            out[n++] = id;
        }
        return Arrays.copyOf(out, n);
    }

    /** Writes the ids in both sorted lists to {@code out}; returns how many. */
    private static int intersect(int[] a, int na, int[] b, int nb, int[] out) {
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < na && j < nb) {
            if (a[i] < b[j]) {
                i++;
            } else if (a[i] > b[j]) {
                j++;
            } else {
                out[n++] = a[i];
                i++;
                j++;
            }
        }
        return n;
    }

    private static boolean matchesAll(SeriesKey key, List<Matcher> matchers) {
        for (Matcher m : matchers) {
            if (!m.matches(key)) {
                return false;
            }
        }
        return true;
    }
}
