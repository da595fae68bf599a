package io.pharos.engine.store;

import io.pharos.engine.model.Matcher;
import io.pharos.engine.model.SeriesKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * All series of the store in memory: id by key, key by id, ids by metric name. Selection by label
 * matchers narrows by metric name first, then tests each candidate. Ids are assigned by the single
 * writer; readers see a published array.
 */
final class SeriesIndex {
    private final Map<SeriesKey, Integer> ids = new ConcurrentHashMap<>();
    private final Map<String, int[]> byMetric = new ConcurrentHashMap<>();
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

    /** Registers a series read from or just written to the database. Writer thread only. */
    synchronized void add(int id, SeriesKey key) {
        SeriesKey[] k = keys;
        if (id >= k.length) {
            k = Arrays.copyOf(k, Math.max(id + 1, k.length * 2));
        }
        k[id] = key;
        keys = k;
        ids.put(key, id);
        byMetric.merge(key.metric(), new int[] {id}, (a, b) -> {
            int[] r = Arrays.copyOf(a, a.length + 1);
            r[a.length] = b[0];
            return r;
        });
        if (id > maxId) {
            maxId = id;
        }
    }

    List<String> metrics() {
        List<String> names = new ArrayList<>(byMetric.keySet());
        names.sort(null);
        return names;
    }

    /** Ids of the series matching every matcher. */
    int[] select(List<Matcher> matchers) {
        int[] candidates = null;
        for (Matcher m : matchers) {
            if (m.label().equals(Matcher.NAME) && m.op() == Matcher.Op.EQUAL) {
                candidates = byMetric.getOrDefault(m.value(), new int[0]);
                break;
            }
        }
        SeriesKey[] k = keys;
        int[] out = new int[16];
        int n = 0;
        int limit = candidates == null ? maxId + 1 : candidates.length;
        for (int i = 0; i < limit; i++) {
            int id = candidates == null ? i : candidates[i];
            SeriesKey key = id < k.length ? k[id] : null;
            if (key == null || !matchesAll(key, matchers)) {
                continue;
            }
            if (n == out.length) {
                out = Arrays.copyOf(out, n * 2);
            }
            out[n++] = id;
        }
        return Arrays.copyOf(out, n);
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
