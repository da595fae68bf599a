package io.pharos.engine.ingest;

import io.pharos.engine.model.Labels;
import io.pharos.engine.model.SeriesKey;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A source whose series get labels it does not set itself: an agent's region, provider and service, as
 * Prometheus' external labels. A label the source sets keeps its value.
 */
public final class LabelledSource implements Source {
    /** Series keys remembered with their labelled form; past that, each is labelled anew. */
    private static final int MAX_REMEMBERED = 1_000_000;
    private final Source source;
    private final Map<String, String> labels;

    public LabelledSource(Source source, Map<String, String> labels) {
        this.source = Objects.requireNonNull(source, "source");
        this.labels = Map.copyOf(labels);
        for (String name : this.labels.keySet()) {
            Labels.of(name, "x"); // refuses a name that is not a label name, now rather than at the first sample
        }
    }

    @Override
    public String name() {
        return source.name();
    }

    @Override
    public boolean simulated() {
        return source.simulated();
    }

    @Override
    public void start(SampleSink sink) {
        if (labels.isEmpty()) {
            source.start(sink);
            return;
        }
        Map<SeriesKey, SeriesKey> labelled = new HashMap<>();
        source.start(batch -> {
            SampleBatch.Builder out = SampleBatch.builder(batch.size());
            synchronized (labelled) {
                for (int i = 0; i < batch.size(); i++) {
                    SeriesKey k = batch.key(i);
                    SeriesKey l = labelled.get(k);
                    if (l == null) {
                        l = withLabels(k);
                        if (labelled.size() < MAX_REMEMBERED) {
                            labelled.put(k, l);
                        }
                    }
                    out.add(l, batch.timestamp(i), batch.value(i));
                }
            }
            sink.accept(out.build());
        });
    }

    private SeriesKey withLabels(SeriesKey key) {
        Labels l = key.labels();
        for (var e : labels.entrySet()) {
            if (l.get(e.getKey()) == null) {
                l = l.with(e.getKey(), e.getValue());
            }
        }
        return new SeriesKey(key.metric(), l);
    }

    @Override
    public void stop() {
        source.stop();
    }

    @Override
    public SourceStatus status() {
        return source.status();
    }
}
