package io.pharos.engine.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.engine.fleet.RegionMetric;
import io.pharos.engine.model.SeriesKey;
import io.pharos.engine.query.QueryService;
import io.pharos.engine.store.Appender;
import io.pharos.engine.store.StoreOptions;
import io.pharos.engine.store.TimeSeriesStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The error budget follows the data minute by minute, though it is not read again every second. */
class ErrorBudgetTest {
    private static final Instant T = Instant.parse("2026-03-04T16:00:00Z");
    @TempDir
    Path dir;

    private static void write(TimeSeriesStore store, Instant from, Instant to, double success) {
        Appender app = store.appender();
        for (long t = from.toEpochMilli(); t < to.toEpochMilli(); t += 5_000) {
            app.append(SeriesKey.of(RegionMetric.REQUESTS.metricName(), "region", "eu-west-1", "service", "checkout"),
                    t, 100);
            app.append(SeriesKey.of(RegionMetric.SUCCESS.metricName(), "region", "eu-west-1", "service", "checkout"),
                    t, success);
        }
        app.commit();
    }

    private static double budgetLeft(DashboardService d, Instant end) {
        return d.summarize(end.minus(Duration.ofMinutes(15)), end).errorBudgetRemaining().value().getAsDouble();
    }

    @Test
    void withinAMinuteTheBudgetIsReusedAndAMinuteLaterItHasTheNewData() {
        try (TimeSeriesStore store = TimeSeriesStore.open(dir, StoreOptions.defaults()
                .withRetention(Duration.ofDays(36_500), Duration.ofDays(36_500)))) {
            write(store, T.minus(Duration.ofHours(1)), T, 1.0);
            DashboardService dashboard = new DashboardService(new QueryService(store), IncidentSource.NOT_TRACKED);
            assertThat(budgetLeft(dashboard, T)).isEqualTo(1.0);

            // Every request fails from T on.
            write(store, T, T.plusSeconds(90), 0.0);
            assertThat(budgetLeft(dashboard, T.plusSeconds(20))).as("the same minute: as read at T").isEqualTo(1.0);
            assertThat(budgetLeft(dashboard, T.plusSeconds(80))).as("the next minute reads the failures")
                    .isLessThan(0.0);
        }
    }

    @Test
    void noDataYetIsNotKeptForTheMinute() {
        try (TimeSeriesStore store = TimeSeriesStore.open(dir, StoreOptions.defaults()
                .withRetention(Duration.ofDays(36_500), Duration.ofDays(36_500)))) {
            DashboardService dashboard = new DashboardService(new QueryService(store), IncidentSource.NOT_TRACKED);
            // A fresh start: the first summary comes before the first samples.
            assertThat(dashboard.summarize(T.minus(Duration.ofMinutes(15)), T).errorBudgetRemaining().value()).isEmpty();
            write(store, T.minus(Duration.ofSeconds(30)), T.plusSeconds(10), 1.0);
            assertThat(budgetLeft(dashboard, T.plusSeconds(10))).as("the same minute, once samples came")
                    .isEqualTo(1.0);
        }
    }
}
