package io.pharos.engine.importer;

import io.pharos.engine.model.Labels;
import io.pharos.engine.model.SeriesKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The series part of an OpenMetrics sample line, {@code name{l1="v1",l2="v2"}}: a cheap scan for
 * where it ends (the cache key) and, on a cache miss, the full parse with precise errors. Label
 * values unescape {@code \\ \" \n}; another escaped character stays as written, as Prometheus
 * does. No trailing comma before the brace (promtool 2.42 rejects it). A label with an empty value
 * is the same as no label (Prometheus semantics). Stricter than promtool: a label given twice, or
 * {@code __name__} as a label, is an error rather than an ambiguous series.
 */
final class SeriesText {

    private final LineReader line;
    private final List<String> pairs = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private final StringBuilder value = new StringBuilder();

    SeriesText(LineReader line) {
        this.line = line;
    }

    /**
     * Where the series starting at {@code start} ends: at the first space or the end of the line
     * if there are no labels, after the closing brace if there are; -1 if the brace is never closed.
     * Validates nothing: a cache miss validates the text through {@link #parse}.
     */
    static int scanEnd(char[] b, int start, int end) {
        int p = start;
        while (p < end) {
            char c = b[p];
            if (c == ' ') {
                return p;
            }
            if (c == '{') {
                break;
            }
            p++;
        }
        if (p == end) {
            return p;
        }
        boolean quoted = false;
        for (p++; p < end; p++) {
            char c = b[p];
            if (quoted) {
                if (c == '\\') {
                    p++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '}') {
                return p + 1;
            }
        }
        return -1;
    }

    /** Parses {@code b[start, end)}, which must be exactly one series. */
    SeriesKey parse(char[] b, int start, int end) throws ImportException {
        int p = start;
        if (p >= end || !Names.isMetricNameStart(b[p])) {
            throw line.errorAt(p, "expected a metric name at the start of the line, found " + rest(b, p));
        }
        while (p < end && Names.isMetricNameChar(b[p])) {
            p++;
        }
        String metric = new String(b, start, p - start);
        if (p == end) {
            return new SeriesKey(metric, Labels.EMPTY);
        }
        if (b[p] != '{') {
            throw line.errorAt(p, "expected '{', a space or the end of the metric name \"" + metric + "\", found "
                    + rest(b, p));
        }
        pairs.clear();
        p = parseLabels(b, p + 1, end, pairs);
        if (p != end) {
            throw line.errorAt(p, "expected a space and a value after the labels, found " + rest(b, p));
        }
        return new SeriesKey(metric, labels(b, start));
    }

    private Labels labels(char[] b, int start) throws ImportException {
        seen.clear();
        List<String> kept = new ArrayList<>(pairs.size());
        for (int i = 0; i < pairs.size(); i += 2) {
            String name = pairs.get(i);
            if (!seen.add(name)) {
                throw line.errorAt(start, "label \"" + name + "\" appears twice in the series");
            }
            if (name.equals("__name__")) {
                throw line.errorAt(start, "label \"__name__\" is not allowed: the metric name goes before '{'");
            }
            if (!pairs.get(i + 1).isEmpty()) {
                kept.add(name);
                kept.add(pairs.get(i + 1));
            }
        }
        return kept.isEmpty() ? Labels.EMPTY : Labels.of(kept.toArray(String[]::new));
    }

    /**
     * Parses labels after the opening brace up to and including the closing one; returns the
     * index after it. Names and values go to {@code out} unless it is null (exemplars: checked only).
     */
    int parseLabels(char[] b, int p, int end, List<String> out) throws ImportException {
        while (true) {
            if (p >= end) {
                throw line.errorAt(p, "expected a label name or '}', found the end of the line");
            }
            char c = b[p];
            if (c == '}') {
                return p + 1;
            }
            if (!Names.isLabelNameStart(c)) {
                throw line.errorAt(p, "expected a label name or '}', found " + rest(b, p));
            }
            int nameStart = p;
            while (p < end && Names.isLabelNameChar(b[p])) {
                p++;
            }
            String name = new String(b, nameStart, p - nameStart);
            if (p >= end || b[p] != '=') {
                throw line.errorAt(p, "expected '=' after the label name \"" + name + "\", found "
                        + rest(b, p));
            }
            p++;
            if (p >= end || b[p] != '"') {
                throw line.errorAt(p, "expected a quoted value after " + name + "=, found " + rest(b, p));
            }
            p = parseValue(b, p, end, name);
            if (out != null) {
                out.add(name);
                out.add(value.toString());
            }
            if (p < end && b[p] == ',') {
                p++;
                if (p < end && b[p] == '}') {
                    throw line.errorAt(p, "expected a label name after ',', found '}': OpenMetrics allows no trailing comma");
                }
            } else if (p >= end || b[p] != '}') {
                throw line.errorAt(p, "expected ',' or '}' after the value of label \"" + name + "\", found "
                        + rest(b, p));
            }
        }
    }

    /** The rest of the line from {@code p}, for messages: more context than the part being parsed. */
    private String rest(char[] b, int p) {
        return ImportException.quote(b, p, Math.max(p, line.end()));
    }

    /** Reads the quoted value whose opening quote is at {@code quote}; returns the index after the closing one. */
    private int parseValue(char[] b, int quote, int end, String name) throws ImportException {
        value.setLength(0);
        for (int p = quote + 1; p < end; p++) {
            char c = b[p];
            if (c == '"') {
                return p + 1;
            }
            if (c == '\\' && p + 1 < end) {
                char escaped = b[++p];
                switch (escaped) {
                    case '\\' -> value.append('\\');
                    case '"' -> value.append('"');
                    case 'n' -> value.append('\n');
                    default -> value.append('\\').append(escaped);
                }
            } else {
                value.append(c);
            }
        }
        throw line.errorAt(quote, "unterminated value of label \"" + name + "\": no closing quote on this line");
    }
}
