package io.pharos.engine.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pharos.engine.model.SeriesKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelledSourceTest {

    /** A source that hands one batch to its sink when started. */
    private static final class OneBatch implements Source {
        private final SampleBatch batch;

        OneBatch(SampleBatch batch) {
            this.batch = batch;
        }

        @Override
        public String name() {
            return "one batch";
        }

        @Override
        public void start(SampleSink sink) {
            try {
                sink.accept(batch);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }

        @Override
        public void stop() {
        }

        @Override
        public SourceStatus status() {
            return SourceStatus.starting();
        }
    }

    @Test
    void theAgentsLabelsAreAddedWhereASeriesHasNoneOfItsOwn() {
        SampleBatch batch = SampleBatch.builder(2)
                .add(SeriesKey.of("node_load1", "host", "h1"), 1_000, 0.5)
                .add(SeriesKey.of("node_load1", "host", "h2", "region", "local-dc"), 1_000, 0.7)
                .build();
        List<SampleBatch> got = new ArrayList<>();
        new LabelledSource(new OneBatch(batch), Map.of("region", "eu-west-1", "provider", "aws")).start(got::add);
        SampleBatch out = got.getFirst();
        assertThat(out.key(0)).isEqualTo(SeriesKey.of("node_load1", "host", "h1", "provider", "aws", "region",
                "eu-west-1"));
        assertThat(out.key(1).label("region")).as("a label the series has keeps its value").isEqualTo("local-dc");
        assertThat(out.key(1).label("provider")).isEqualTo("aws");
        assertThat(out.timestamp(1)).isEqualTo(1_000);
        assertThat(out.value(1)).isEqualTo(0.7);
    }

    @Test
    void aLabelNameThatIsNotOneIsRefusedAtOnce() {
        assertThatThrownBy(() -> new LabelledSource(new OneBatch(SampleBatch.builder(0).build()),
                Map.of("not a name", "x"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a name");
    }
}
