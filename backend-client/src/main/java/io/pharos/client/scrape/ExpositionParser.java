package io.pharos.client.scrape;

import io.pharos.engine.model.Labels;
import io.pharos.engine.model.SeriesKey;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Prometheus text exposition format 0.0.4, as exporters serve it (node_exporter and friends):
 * <pre>
 * # HELP node_load1 1m load average.
 * # TYPE node_load1 gauge
 * node_load1 0.42
 * node_cpu_seconds_total{cpu="0",mode="idle"} 12345.6 1700000000123
 * </pre>
 * One line at a time. Comments and blank lines are skipped; a sample is a metric name, optional labels
 * (values escaped with {@code \\}, {@code \"}, {@code \n}), a value (a decimal, {@code NaN},
 * {@code +Inf}, {@code -Inf}) and an optional timestamp in milliseconds. Histogram and summary lines are
 * samples of their own names. As Prometheus does, a malformed line fails the whole scrape: half a
 * scrape would look like series that vanished. Series texts are cached, so an exporter's thousand
 * series cost no label parsing after the first scrape.
 */
public final class ExpositionParser {
    private static final int MAX_CACHED = 200_000;
    private final Map<String, SeriesKey> cache = new HashMap<>();
    private final Map<String, String> extraLabels;

    /** @param extraLabels labels added to every series that lacks them (instance, job, region…) */
    public ExpositionParser(Map<String, String> extraLabels) {
        this.extraLabels = Map.copyOf(extraLabels);
    }

    /** Receives each sample: its series, its own timestamp or {@code Long.MIN_VALUE}, its value. */
    @FunctionalInterface
    public interface Consumer {
        void sample(SeriesKey key, long timestampMs, double value);
    }

    /**
     * Parses one line.
     *
     * @throws ExpositionException naming what is wrong (the caller adds the line number)
     */
    public void line(String line, Consumer out) {
        int n = line.length();
        int i = skipBlanks(line, 0);
        if (i == n || line.charAt(i) == '#') {
            return;
        }
        int seriesEnd = seriesEnd(line, i);
        String seriesText = line.substring(i, seriesEnd);
        SeriesKey key = cache.get(seriesText);
        if (key == null) {
            key = series(seriesText);
            if (cache.size() < MAX_CACHED) {
                cache.put(seriesText, key);
            }
        }
        int v = skipBlanks(line, seriesEnd);
        if (v == seriesEnd || v == n) {
            throw new ExpositionException("a sample needs a value after its series");
        }
        int vEnd = v;
        while (vEnd < n && !isBlank(line.charAt(vEnd))) {
            vEnd++;
        }
        double value = value(line.substring(v, vEnd));
        int t = skipBlanks(line, vEnd);
        long ts = Long.MIN_VALUE;
        if (t < n) {
            int tEnd = t;
            while (tEnd < n && !isBlank(line.charAt(tEnd))) {
                tEnd++;
            }
            try {
                ts = Long.parseLong(line.substring(t, tEnd));
            } catch (NumberFormatException e) {
                throw new ExpositionException("the timestamp '" + cut(line.substring(t, tEnd))
                        + "' is not whole milliseconds");
            }
            if (skipBlanks(line, tEnd) != n) {
                throw new ExpositionException("text after the timestamp");
            }
        }
        out.sample(key, ts, value);
    }

    /** Where the series text ends: after the name, or after the closing brace of its labels. */
    private static int seriesEnd(String line, int start) {
        int i = start;
        int n = line.length();
        while (i < n && line.charAt(i) != '{' && !isBlank(line.charAt(i))) {
            i++;
        }
        if (i < n && line.charAt(i) == '{') {
            boolean quoted = false;
            for (i++; i < n; i++) {
                char c = line.charAt(i);
                if (quoted && c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = !quoted;
                } else if (c == '}' && !quoted) {
                    return i + 1;
                }
            }
            throw new ExpositionException("the labels are not closed with }");
        }
        return i;
    }

    private SeriesKey series(String text) {
        int brace = text.indexOf('{');
        String name = brace < 0 ? text : text.substring(0, brace);
        try {
            SeriesKey.validateMetric(name);
        } catch (IllegalArgumentException e) {
            throw new ExpositionException("'" + cut(name) + "' is not a metric name");
        }
        Map<String, String> labels = new TreeMap<>();
        if (brace >= 0) {
            labels(text, brace + 1, text.length() - 1, labels);
        }
        for (var e : extraLabels.entrySet()) {
            labels.putIfAbsent(e.getKey(), e.getValue());
        }
        try {
            return new SeriesKey(name, Labels.of(labels));
        } catch (IllegalArgumentException e) {
            throw new ExpositionException(e.getMessage());
        }
    }

    /** Labels between the braces: name="value" pairs separated by commas, a trailing comma allowed. */
    private static void labels(String text, int from, int to, Map<String, String> out) {
        int i = from;
        while (true) {
            while (i < to && (isBlank(text.charAt(i)) || text.charAt(i) == ',')) {
                i++;
            }
            if (i >= to) {
                return;
            }
            int eq = text.indexOf('=', i);
            if (eq < 0 || eq >= to) {
                throw new ExpositionException("a label needs name=\"value\"");
            }
            String name = text.substring(i, eq).strip();
            int q = skipBlanks(text, eq + 1);
            if (q >= to || text.charAt(q) != '"') {
                throw new ExpositionException("the value of label '" + cut(name) + "' must be in double quotes");
            }
            StringBuilder value = new StringBuilder();
            int j = q + 1;
            for (; j < to; j++) {
                char c = text.charAt(j);
                if (c == '\\' && j + 1 < to) {
                    char e = text.charAt(++j);
                    value.append(e == 'n' ? '\n' : e);
                } else if (c == '"') {
                    break;
                } else {
                    value.append(c);
                }
            }
            if (j >= to) {
                throw new ExpositionException("the value of label '" + cut(name) + "' is not closed");
            }
            if (out.put(name, value.toString()) != null) {
                throw new ExpositionException("label '" + cut(name) + "' is given twice");
            }
            if (value.isEmpty()) {
                out.remove(name); // an empty value means no label, as in Prometheus
            }
            i = j + 1;
        }
    }

    /** A value as Prometheus reads it: Go's float syntax, NaN and ±Inf in any case; no Java suffixes. */
    static double value(String s) {
        switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "nan":
                return Double.NaN;
            case "+inf", "inf":
                return Double.POSITIVE_INFINITY;
            case "-inf":
                return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-')) {
                throw new ExpositionException("'" + cut(s) + "' is not a number");
            }
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new ExpositionException("'" + cut(s) + "' is not a number");
        }
    }

    private static int skipBlanks(String s, int i) {
        while (i < s.length() && isBlank(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private static String cut(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "…";
    }

    /** A line that is not the exposition format; the message says what is wrong with it. */
    public static final class ExpositionException extends RuntimeException {
        public ExpositionException(String message) {
            super(message, null, false, false);
        }
    }
}
