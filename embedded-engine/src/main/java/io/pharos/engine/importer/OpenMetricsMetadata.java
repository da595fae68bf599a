package io.pharos.engine.importer;

import java.util.Set;

/**
 * The comment lines OpenMetrics allows: {@code # HELP name text}, {@code # TYPE name type},
 * {@code # UNIT name unit} and {@code # EOF}. Any other comment is an error, as in promtool. The
 * import needs none of their content; they are checked so that what imports here also imports
 * with promtool.
 */
final class OpenMetricsMetadata {

    private static final Set<String> TYPES =
            Set.of("counter", "gauge", "histogram", "gaugehistogram", "stateset", "info", "summary", "unknown");

    private final LineReader line;

    OpenMetricsMetadata(LineReader line) {
        this.line = line;
    }

    /** Checks the comment line {@code b[start, end)}; true if it is {@code # EOF}. */
    boolean parse(char[] b, int start, int end) throws ImportException {
        if (matches(b, start, end, "# EOF") && end - start == 5) {
            return true;
        }
        String keyword;
        String what;
        if (matches(b, start, end, "# HELP ")) {
            keyword = "HELP";
            what = "help text";
        } else if (matches(b, start, end, "# TYPE ")) {
            keyword = "TYPE";
            what = "type";
        } else if (matches(b, start, end, "# UNIT ")) {
            keyword = "UNIT";
            what = "unit";
        } else {
            throw line.errorAt(start, "expected \"# HELP\", \"# TYPE\", \"# UNIT\" or \"# EOF\", found "
                    + ImportException.quote(b, start, end) + ": OpenMetrics allows no other comments");
        }
        int nameStart = start + 7;
        int p = nameStart;
        if (p >= end || !Names.isMetricNameStart(b[p])) {
            throw line.errorAt(p, "expected a metric name after # " + keyword + ", found " + ImportException.quote(b, p, end));
        }
        while (p < end && Names.isMetricNameChar(b[p])) {
            p++;
        }
        if (p >= end || b[p] != ' ') {
            throw line.errorAt(p, "expected a space and the " + what + " after the metric name, found "
                    + ImportException.quote(b, p, end));
        }
        String text = new String(b, p + 1, end - p - 1);
        switch (keyword) {
            case "TYPE" -> {
                if (!TYPES.contains(text)) {
                    throw line.errorAt(p + 1, "unknown metric type " + ImportException.quote(text)
                            + ": expected counter, gauge, histogram, gaugehistogram, stateset, info, summary or unknown");
                }
            }
            case "UNIT" -> {
                String metric = new String(b, nameStart, p - nameStart);
                if (!text.isEmpty() && !metric.endsWith("_" + text)) {
                    throw line.errorAt(p + 1, "unit " + ImportException.quote(text) + " is not the suffix of the metric name \""
                            + metric + "\": OpenMetrics wants the name to end with _" + text);
                }
            }
            default -> {
                // Help text may be anything.
            }
        }
        return false;
    }

    private static boolean matches(char[] b, int start, int end, String prefix) {
        if (end - start < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (b[start + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
