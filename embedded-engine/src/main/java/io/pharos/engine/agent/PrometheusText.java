package io.pharos.engine.agent;

import io.pharos.engine.importer.OpenMetricsWriter;
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
        out.append(OpenMetricsWriter.seriesText(key)).append(' ');
        OpenMetricsWriter.appendValue(value, out);
        out.append(' ').append(timestampMs).append('\n');
    }
}
