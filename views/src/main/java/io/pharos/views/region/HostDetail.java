package io.pharos.views.region;

import java.util.List;

/**
 * What the host detail shows: the host's every latest figure and its CPU and memory over the range.
 *
 * @param figures one per metric the host reports, in the order read, each written in its unit
 * @param charts  the host's CPU and memory utilisation over the range
 * @param lastSampleMs its newest sample; 0 when it has none
 */
public record HostDetail(String host, String service, String region, String provider, boolean simulated,
                         List<Figure> figures, List<ChartData> charts, long lastSampleMs) {
    public HostDetail {
        figures = List.copyOf(figures);
        charts = List.copyOf(charts);
    }

    /** A metric's name and its latest value in its unit, e.g. ("node_cpu_utilization_ratio", "42.0 %"). */
    public record Figure(String metric, String value) {
    }

    /** The value of a metric, or null when the host does not report it. */
    public String figure(String metric) {
        return figures.stream().filter(f -> f.metric().equals(metric)).map(Figure::value).findFirst().orElse(null);
    }
}
