package io.pharos.engine.model;

import java.util.Objects;
import java.util.regex.Pattern;

/** A label matcher as in PromQL selectors: =, !=, =~, !~. The metric name is the label __name__. */
public record Matcher(String label, Op op, String value, Pattern pattern) {

    public enum Op { EQUAL, NOT_EQUAL, REGEX, NOT_REGEX }

    public static final String NAME = "__name__";

    public Matcher {
        Objects.requireNonNull(label);
        Objects.requireNonNull(op);
        Objects.requireNonNull(value);
    }

    public static Matcher eq(String label, String value) {
        return new Matcher(label, Op.EQUAL, value, null);
    }

    public static Matcher neq(String label, String value) {
        return new Matcher(label, Op.NOT_EQUAL, value, null);
    }

    /** Regex matchers are anchored at both ends, as in Prometheus. */
    public static Matcher regex(String label, String regex) {
        return new Matcher(label, Op.REGEX, regex, Pattern.compile("^(?:" + regex + ")$"));
    }

    public static Matcher notRegex(String label, String regex) {
        return new Matcher(label, Op.NOT_REGEX, regex, Pattern.compile("^(?:" + regex + ")$"));
    }

    public static Matcher metric(String name) {
        return eq(NAME, name);
    }

    public boolean matches(SeriesKey key) {
        return matchesValue(key.label(label));
    }

    /** Matches a plain label set (an alert's labels); {@code __name__} is looked up like any label. */
    public boolean matches(Labels labels) {
        return matchesValue(labels.get(label));
    }

    private boolean matchesValue(String actual) {
        String v = actual == null ? "" : actual;
        return switch (op) {
            case EQUAL -> v.equals(value);
            case NOT_EQUAL -> !v.equals(value);
            case REGEX -> pattern.matcher(v).matches();
            case NOT_REGEX -> !pattern.matcher(v).matches();
        };
    }

    @Override
    public String toString() {
        String o = switch (op) {
            case EQUAL -> "=";
            case NOT_EQUAL -> "!=";
            case REGEX -> "=~";
            case NOT_REGEX -> "!~";
        };
        // Escaped as in PromQL: the text is also a cache key, so two matchers never print alike.
        StringBuilder sb = new StringBuilder(label.length() + value.length() + 4).append(label).append(o).append('"');
        Labels.escape(value, sb);
        return sb.append('"').toString();
    }
}
