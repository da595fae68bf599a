package io.pharos.client.prometheus;

import io.pharos.engine.model.Labels;
import io.pharos.engine.model.SeriesKey;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a Prometheus server's labels become the console's: the labels Pharos groups by ({@code region},
 * {@code service}, {@code provider}) taken from the server's own names for them ({@code region ←
 * cluster}), labels set on every series, and the source's name.
 *
 * @param renamed  Pharos label → the Prometheus label its value comes from; it wins over a series' own
 *                 label of the Pharos name. The Prometheus label is kept too. A series' own
 *                 {@code prometheus} label becomes {@code exported_prometheus}.
 * @param constant labels every series gets unless it has them already
 */
public record LabelMapping(Map<String, String> renamed, Map<String, String> constant) {
    /** Every series of a Prometheus source carries its name in this label. */
    public static final String SOURCE_LABEL = "prometheus";
    public static final LabelMapping NONE = new LabelMapping(Map.of(), Map.of());

    public LabelMapping {
        renamed = Map.copyOf(renamed);
        constant = Map.copyOf(constant);
        Labels.of(new TreeMap<>(constant)); // names checked here, once
        for (var e : renamed.entrySet()) {
            Labels.of(e.getKey(), "x");
            if (e.getKey().equals(SOURCE_LABEL)) {
                throw new IllegalArgumentException("'" + SOURCE_LABEL + "' names the source; it cannot be mapped");
            }
        }
    }

    /**
     * The console's series for a series of an answer.
     *
     * @param record the query's record name, or null to keep the series' {@code __name__}
     * @throws IllegalArgumentException when the series has no name, or a label the console cannot hold
     */
    public SeriesKey key(String source, String record, Map<String, String> metric) {
        String name = record != null ? record : metric.get("__name__");
        if (name == null) {
            throw new IllegalArgumentException("its series have no name: give the query a record name");
        }
        Map<String, String> labels = new TreeMap<>();
        metric.forEach((k, v) -> {
            if (!k.equals("__name__") && !v.isEmpty()) {
                // a server's own "prometheus" label (Thanos, the operator) is kept, as Prometheus keeps a clash
                labels.put(k.equals(SOURCE_LABEL) ? "exported_" + SOURCE_LABEL : k, v);
            }
        });
        renamed.forEach((pharos, prometheus) -> {
            String v = metric.get(prometheus);
            if (v != null && !v.isEmpty()) {
                labels.put(pharos, v);
            }
        });
        constant.forEach(labels::putIfAbsent);
        labels.put(SOURCE_LABEL, source);
        return new SeriesKey(name, Labels.of(labels));
    }
}
