package io.pharos.engine.agent;

import io.pharos.engine.model.SeriesKey;

/**
 * Samples in the Prometheus text exposition format 0.0.4, which every Prometheus scrapes:
 * <pre>
 * # TYPE node_load1 untyped
 * node_load1{host="h1",region="eu-west-1"} 0.42 1700000000123
 * </pre>
 * The samples of one metric must come together (callers sort by metric); the type is untyped, as the
 * store does not keep it; the timestamp is in milliseconds, the time the sample was taken.
 */
final class PrometheusText {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private final StringBuilder out;
    private String metric;

    PrometheusText(StringBuilder out) {
        this.out = out;
    }

    void sample(SeriesKey key, long timestampMs, double value) {
        if (!key.metric().equals(metric)) {
            metric = key.metric();
            out.append("# TYPE ").append(metric).append(" untyped\n");
        }
        out.append(metric);
        var labels = key.labels();
        if (labels.size() > 0) {
            out.append('{');
            for (int i = 0; i < labels.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(labels.name(i)).append("=\"");
                escape(labels.value(i));
                out.append('"');
            }
            out.append('}');
        }
        out.append(' ').append(number(value)).append(' ').append(timestampMs).append('\n');
    }

    private void escape(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        return Double.toString(v);
    }
}
