package io.pharos.client.prometheus;

import java.util.Objects;

/**
 * A PromQL expression a Prometheus source asks for, and the metric name its series get.
 *
 * @param record the name of the series it gives, as a recording rule's {@code record}; null for an
 *               expression whose series keep their own names (a selector such as {@code up})
 */
public record PrometheusQuery(String record, String expr) {
    public PrometheusQuery {
        Objects.requireNonNull(expr, "expr");
        if (expr.isBlank()) {
            throw new IllegalArgumentException("the expression is empty");
        }
        if (record != null && !record.matches("[a-zA-Z_:][a-zA-Z0-9_:]*")) {
            throw new IllegalArgumentException("'" + record + "' is not a metric name ([a-zA-Z_:][a-zA-Z0-9_:]*)");
        }
    }

    public static PrometheusQuery of(String expr) {
        return new PrometheusQuery(null, expr);
    }

    @Override
    public String toString() {
        return record == null ? PrometheusClient.quote(expr) : record;
    }
}
