package io.pharos.engine.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An immutable set of label pairs, kept sorted by name as Prometheus does, so that equal sets have
 * one canonical text form (used as the store's key).
 */
public final class Labels {
    public static final Labels EMPTY = new Labels(new String[0]);

    /** name0, value0, name1, value1, ... sorted by name. */
    private final String[] pairs;
    private final int hash;

    private Labels(String[] pairs) {
        this.pairs = pairs;
        this.hash = Arrays.hashCode(pairs);
    }

    public static Labels of(String... nameValues) {
        if (nameValues.length % 2 != 0) {
            throw new IllegalArgumentException("labels need name/value pairs, got " + nameValues.length + " strings");
        }
        Map<String, String> map = new TreeMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            map.put(nameValues[i], nameValues[i + 1]);
        }
        return of(map);
    }

    /**
     * Labels from pairs already sorted by name (name0, value0, name1, value1, ...), as a store reads
     * them back: no map in between. The array is taken, not copied; out-of-order or repeated names
     * are refused.
     */
    public static Labels ofSortedPairs(String[] pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("labels need name/value pairs, got " + pairs.length + " strings");
        }
        for (int i = 0; i < pairs.length; i += 2) {
            validateName(pairs[i]);
            Objects.requireNonNull(pairs[i + 1], "label value");
            if (i > 0 && pairs[i - 2].compareTo(pairs[i]) >= 0) {
                throw new IllegalArgumentException("label names not sorted and distinct: '" + pairs[i - 2] + "' before '"
                        + pairs[i] + "'");
            }
        }
        return new Labels(pairs);
    }

    public static Labels of(Map<String, String> map) {
        TreeMap<String, String> sorted = new TreeMap<>(map);
        String[] pairs = new String[sorted.size() * 2];
        int i = 0;
        for (var e : sorted.entrySet()) {
            validateName(e.getKey());
            pairs[i++] = e.getKey();
            pairs[i++] = Objects.requireNonNull(e.getValue(), "label value");
        }
        return new Labels(pairs);
    }

    static void validateName(String name) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty label name");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && c >= '0' && c <= '9');
            if (!ok) {
                throw new IllegalArgumentException("invalid label name '" + name + "'");
            }
        }
    }

    public String get(String name) {
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i].equals(name)) {
                return pairs[i + 1];
            }
        }
        return null;
    }

    public int size() {
        return pairs.length / 2;
    }

    public String name(int index) {
        return pairs[index * 2];
    }

    public String value(int index) {
        return pairs[index * 2 + 1];
    }

    public Labels with(String name, String value) {
        Map<String, String> map = toMap();
        map.put(name, value);
        return of(map);
    }

    public Labels without(String name) {
        Map<String, String> map = toMap();
        map.remove(name);
        return of(map);
    }

    /** Keeps only the named labels (for aggregation "by"). */
    public Labels keep(List<String> names) {
        Map<String, String> map = new TreeMap<>();
        for (String n : names) {
            String v = get(n);
            if (v != null) {
                map.put(n, v);
            }
        }
        return of(map);
    }

    public Map<String, String> toMap() {
        Map<String, String> map = new TreeMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    public List<String> names() {
        List<String> names = new ArrayList<>(size());
        for (int i = 0; i < pairs.length; i += 2) {
            names.add(pairs[i]);
        }
        return Collections.unmodifiableList(names);
    }

    /** Canonical text form: {a="1",b="2"}; values escaped as in the Prometheus text format. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(16 + pairs.length * 12).append('{');
        for (int i = 0; i < pairs.length; i += 2) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(pairs[i]).append("=\"");
            escape(pairs[i + 1], sb);
            sb.append('"');
        }
        return sb.append('}').toString();
    }

    /**
     * The labels of their canonical text form ({@link #toString()}), the inverse of it; {@code shared}
     * maps a string to an equal one already held, so that names and values repeated across many
     * series are kept once. Anything else than the canonical form is refused.
     */
    public static Labels parseCanonical(String text, java.util.function.UnaryOperator<String> shared) {
        int n = text.length();
        if (n < 2 || text.charAt(0) != '{' || text.charAt(n - 1) != '}') {
            throw notCanonical(text, "not enclosed in braces");
        }
        String[] pairs = new String[8];
        int size = 0;
        StringBuilder escaped = null;
        int p = 1;
        while (p < n - 1) {
            int eq = text.indexOf("=\"", p);
            if (eq < 0) {
                throw notCanonical(text, "a name without =\"");
            }
            if (size + 2 > pairs.length) {
                pairs = Arrays.copyOf(pairs, pairs.length * 2);
            }
            pairs[size++] = shared.apply(text.substring(p, eq));
            p = eq + 2;
            int close = text.indexOf('"', p, n - 1);
            int slash = close < 0 ? -1 : text.indexOf('\\', p, close);
            String value;
            if (close >= 0 && slash < 0) {
                value = text.substring(p, close); // the usual case: nothing escaped
                p = close + 1;
            } else {
                escaped = escaped == null ? new StringBuilder() : escaped;
                p = unescape(text, p, escaped);
                value = escaped.toString();
            }
            pairs[size++] = shared.apply(value);
            if (p < n - 1) {
                if (text.charAt(p) != ',') {
                    throw notCanonical(text, "no comma between pairs");
                }
                p++;
                if (p == n - 1) {
                    throw notCanonical(text, "a comma after the last pair");
                }
            }
        }
        return ofSortedPairs(size == pairs.length ? pairs : Arrays.copyOf(pairs, size));
    }

    /** Reads an escaped value from {@code p} to its closing quote into {@code value}; returns the index after it. */
    private static int unescape(String text, int p, StringBuilder value) {
        int n = text.length();
        value.setLength(0);
        while (true) {
            if (p >= n - 1) {
                throw notCanonical(text, "an unterminated value");
            }
            char c = text.charAt(p++);
            if (c == '"') {
                return p;
            }
            if (c == '\\') {
                char e = text.charAt(p++);
                value.append(switch (e) {
                    case '\\' -> '\\';
                    case '"' -> '"';
                    case 'n' -> '\n';
                    default -> throw notCanonical(text, "an unknown escape \\" + e);
                });
            } else {
                value.append(c);
            }
        }
    }

    private static IllegalArgumentException notCanonical(String text, String why) {
        return new IllegalArgumentException("not a canonical label set (" + why + "): " + text);
    }

    /** A label value as the Prometheus and OpenMetrics texts write it: \\, \" and \n escaped. */
    public static void escape(String value, StringBuilder sb) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                default -> sb.append(c);
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Labels other && hash == other.hash && Arrays.equals(pairs, other.pairs);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
