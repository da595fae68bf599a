package io.pharos.engine.model;

import java.util.Objects;

/** A series: a metric name plus its labels, e.g. {@code node_cpu_utilization_ratio{host="h1"}}. */
public record SeriesKey(String metric, Labels labels) {

    public static final String SOURCE_LABEL = "source";
    public static final String SIMULATED = "simulated";

    public SeriesKey {
        Objects.requireNonNull(labels, "labels");
        validateMetric(metric);
    }

    public static SeriesKey of(String metric, String... labelPairs) {
        return new SeriesKey(metric, Labels.of(labelPairs));
    }

    public static void validateMetric(String metric) {
        if (metric == null || metric.isEmpty()) {
            throw new IllegalArgumentException("empty metric name");
        }
        for (int i = 0; i < metric.length(); i++) {
            char c = metric.charAt(i);
            boolean ok = c == '_' || c == ':' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                    || (i > 0 && c >= '0' && c <= '9');
            if (!ok) {
                throw new IllegalArgumentException("invalid metric name '" + metric + "'");
            }
        }
    }

    public String label(String name) {
        return "__name__".equals(name) ? metric : labels.get(name);
    }

    /** True when the series carries source="simulated": the console must say so wherever it shows it. */
    public boolean simulated() {
        return SIMULATED.equals(labels.get(SOURCE_LABEL));
    }

    @Override
    public String toString() {
        return labels.size() == 0 ? metric : metric + labels;
    }
}
