package io.pharos.views.executive;

import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.engine.dashboard.DashboardService;
import io.pharos.engine.dashboard.IncidentSource;
import io.pharos.engine.query.QueryService;
import io.pharos.engine.store.StoreOptions;
import io.pharos.engine.store.TimeSeriesStore;
import io.pharos.views.common.BackgroundTask;
import io.pharos.views.common.CurrentThreadTaskExecutor;
import io.pharos.views.common.TaskExecutor;
import io.pharos.views.shell.TimeRange;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutiveViewModelTest {
    @TempDir
    Path dir;

    /** Holds tasks until the test lets them run, as a slow read would. */
    private static final class HeldExecutor implements TaskExecutor {
        final Deque<Runnable> held = new ArrayDeque<>();

        @Override
        public <V> BackgroundTask<V> execute(BackgroundTask<V> task) {
            held.add(() -> new CurrentThreadTaskExecutor().execute(task));
            return task;
        }

        void runNext() {
            held.removeFirst().run();
        }

        @Override
        public void shutdown() {
        }
    }

    @Test
    void aRangeChosenDuringASlowReadIsReadNextAndTheOldFiguresSayWhatTheyAre() {
        Instant now = Instant.parse("2026-03-04T16:00:00Z");
        try (TimeSeriesStore store = TimeSeriesStore.open(dir, StoreOptions.defaults())) {
            HeldExecutor executor = new HeldExecutor();
            AtomicReference<TimeRange> range = new AtomicReference<>(TimeRange.last(Duration.ofMinutes(15)));
            ExecutiveViewModel model = new ExecutiveViewModel(
                    new DashboardService(new QueryService(store), IncidentSource.NOT_TRACKED), executor,
                    Clock.fixed(now, ZoneOffset.UTC), range::get);

            model.refresh();
            range.set(TimeRange.last(Duration.ofHours(1)));
            model.refresh();
            assertThat(executor.held).as("one read at a time").hasSize(1);

            executor.runNext();
            assertThat(model.shownRange()).isEqualTo(TimeRange.last(Duration.ofMinutes(15)));
            assertThat(model.summaryProperty().get().fromMs()).isEqualTo(now.minus(Duration.ofMinutes(15)).toEpochMilli());
            assertThat(executor.held).as("the hour is read as soon as the quarter is in").hasSize(1);
            assertThat(model.stateProperty().get()).isEqualTo("Reading the figures of the new range…");

            executor.runNext();
            assertThat(model.shownRange()).isEqualTo(TimeRange.last(Duration.ofHours(1)));
            assertThat(model.summaryProperty().get().fromMs()).isEqualTo(now.minus(Duration.ofHours(1)).toEpochMilli());
            assertThat(model.stateProperty().get()).startsWith("No data yet for this range");
            assertThat(executor.held).isEmpty();
        }
    }
}
