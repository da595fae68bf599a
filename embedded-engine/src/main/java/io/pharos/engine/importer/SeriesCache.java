package io.pharos.engine.importer;

import io.pharos.engine.model.SeriesKey;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * SeriesKeys by the raw text that produced them, looked up without making a String of the text:
 * a repeated series costs one hash and one array comparison instead of parsing its labels.
 * Open addressing, linear probing. Different texts of one series ({@code a{x="1",y="2"}} and
 * {@code a{y="2",x="1"}}) share one SeriesKey instance and count as one series. Bounded: when
 * {@code capacity} texts are held, the cache starts over (the count of distinct series is then an
 * upper bound, no longer exact).
 */
final class SeriesCache {

    private static final int INITIAL_SLOTS = 1 << 10;

    private final int capacity;
    private char[][] texts;
    private int[] hashes;
    private SeriesKey[] keys;
    private final Map<SeriesKey, SeriesKey> canonical = new HashMap<>();
    private int size;
    private long distinct;
    private boolean overflowed;

    SeriesCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("series cache capacity must be positive, got " + capacity);
        }
        this.capacity = capacity;
        allocate(INITIAL_SLOTS);
    }

    static int hash(char[] b, int start, int end) {
        int h = 0;
        for (int i = start; i < end; i++) {
            h = 31 * h + b[i];
        }
        return h;
    }

    SeriesKey get(char[] b, int start, int end, int hash) {
        int mask = texts.length - 1;
        for (int i = spread(hash) & mask; ; i = (i + 1) & mask) {
            char[] text = texts[i];
            if (text == null) {
                return null;
            }
            if (hashes[i] == hash && Arrays.equals(text, 0, text.length, b, start, end)) {
                return keys[i];
            }
        }
    }

    /**
     * Adds a text not in the cache (the caller looked it up first) with the key parsed from it;
     * returns the instance to use, shared with equal keys of other texts.
     */
    SeriesKey add(char[] b, int start, int end, int hash, SeriesKey parsed) {
        if (size >= capacity) {
            overflowed = true;
            canonical.clear();
            allocate(INITIAL_SLOTS);
        }
        SeriesKey key = canonical.putIfAbsent(parsed, parsed);
        if (key == null) {
            key = parsed;
            distinct++;
        }
        if ((size + 1) * 2 > texts.length) {
            grow();
        }
        insert(Arrays.copyOfRange(b, start, end), hash, key);
        return key;
    }

    private void insert(char[] text, int hash, SeriesKey key) {
        int mask = texts.length - 1;
        int i = spread(hash) & mask;
        while (texts[i] != null) {
            i = (i + 1) & mask;
        }
        texts[i] = text;
        hashes[i] = hash;
        keys[i] = key;
        size++;
    }

    private void grow() {
        char[][] oldTexts = texts;
        int[] oldHashes = hashes;
        SeriesKey[] oldKeys = keys;
        allocate(oldTexts.length * 2);
        for (int i = 0; i < oldTexts.length; i++) {
            if (oldTexts[i] != null) {
                insert(oldTexts[i], oldHashes[i], oldKeys[i]);
            }
        }
    }

    private void allocate(int slots) {
        texts = new char[slots][];
        hashes = new int[slots];
        keys = new SeriesKey[slots];
        size = 0;
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    /** Distinct series seen; exact unless {@link #overflowed()}, then an upper bound. */
    long distinct() {
        return distinct;
    }

    boolean overflowed() {
        return overflowed;
    }
}
