package io.pharos.views.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.engine.PharosEngine;
import io.pharos.engine.ingest.SampleBatch;
import io.pharos.engine.ingest.SampleSink;
import io.pharos.engine.ingest.Source;
import io.pharos.engine.ingest.SourceStatus;
import io.pharos.engine.model.Matcher;
import io.pharos.engine.model.SeriesKey;
import io.pharos.engine.store.StoreOptions;
import io.pharos.views.common.CurrentThreadTaskExecutor;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The status screen's state, without a window: a real engine, a fixed clock, a same-thread executor. */
class EngineStatusViewModelTest {
    private static final long NOW = 1_763_900_000_000L;
    @TempDir
    Path dir;

    /** A source that pushes one batch of simulated CPU values for the last ten minutes. */
    private static final class TenMinutesSource implements Source {
        private long produced;

        @Override
        public String name() {
            return "test fleet";
        }

        @Override
        public boolean simulated() {
            return true;
        }

        @Override
        public void start(SampleSink sink) {
            SampleBatch.Builder b = SampleBatch.builder(600);
            for (int s = 0; s < 600; s++) {
                b.add(SeriesKey.of("cpu", "host", "a", "source", "simulated"), NOW - 600_000 + s * 1000L, 0.25);
            }
            try {
                sink.accept(b.build());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            produced = 600;
        }

        @Override
        public void stop() {
        }

        @Override
        public SourceStatus status() {
            return new SourceStatus(SourceStatus.State.RUNNING, produced, NOW, "600 samples");
        }
    }

    @Test
    void aRefreshShowsFiguresSourcesAndTheChartedSeriesMarkedSimulated() throws Exception {
        try (PharosEngine engine = PharosEngine.open(dir, StoreOptions.defaults())) {
            engine.start(new TenMinutesSource());
            engine.ingest().flush();
            Clock clock = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
            var model = new EngineStatusViewModel(engine, new CurrentThreadTaskExecutor(), clock,
                    List.of(new ChartChoice("CPU", List.of(Matcher.metric("cpu")))));
            model.refresh();
            assertThat(model.seriesProperty().get()).isEqualTo("1");
            assertThat(model.samplesProperty().get()).isEqualTo("600");
            assertThat(model.sources()).singleElement().satisfies(row -> {
                assertThat(row.name()).isEqualTo("test fleet");
                assertThat(row.kind()).isEqualTo("simulated");
                assertThat(row.state()).isEqualTo("running");
            });
            assertThat(model.chartSimulatedProperty().get()).isTrue();
            var chart = model.chartProperty().get();
            assertThat(chart.size()).isLessThanOrEqualTo(EngineStatusViewModel.CHART_POINTS + 1);
            long withData = java.util.Arrays.stream(chart.values()).filter(v -> !Double.isNaN(v)).count();
            assertThat(withData).as("ten of fifteen minutes have data").isBetween(190L, 210L);
            assertThat(java.util.Arrays.stream(chart.values()).filter(v -> !Double.isNaN(v)).distinct())
                    .containsExactly(0.25);
            assertThat(model.errorProperty().get()).isEmpty();
        }
    }

    @Test
    void aSelectorWithoutDataSaysSoInTheTitle() {
        try (PharosEngine engine = PharosEngine.open(dir, StoreOptions.defaults())) {
            var model = new EngineStatusViewModel(engine, new CurrentThreadTaskExecutor(), Clock.systemUTC(),
                    List.of(new ChartChoice("Nothing here", List.of(Matcher.metric("absent")))));
            model.refresh();
            assertThat(model.chartTitleProperty().get()).isEqualTo("Nothing here — no data yet");
            assertThat(model.chartProperty().get().size()).isZero();
        }
    }
}
