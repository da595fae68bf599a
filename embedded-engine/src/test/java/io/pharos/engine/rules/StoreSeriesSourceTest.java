package io.pharos.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pharos.engine.model.SeriesKey;
import io.pharos.engine.store.Appender;
import io.pharos.engine.store.StoreOptions;
import io.pharos.engine.store.TimeSeriesStore;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreSeriesSourceTest {
    @TempDir
    Path dir;

    @Test
    void rulesReadTheStoreBeforeAndAfterCompaction() {
        long t0 = System.currentTimeMillis() / 3_600_000 * 3_600_000 - 3_600_000;
        try (TimeSeriesStore store = TimeSeriesStore.open(dir,
                StoreOptions.defaults().withCompaction(Duration.ZERO, Duration.ofMinutes(1)))) {
            Appender app = store.appender();
            for (int i = 0; i <= 600; i++) {
                app.append(SeriesKey.of("requests_total", "region", "eu"), t0 + i * 1000L, i * 5.0);
                app.append(SeriesKey.of("requests_total", "region", "us"), t0 + i * 1000L, i * 2.0);
            }
            app.commit();
            Evaluator ev = new Evaluator(new StoreSeriesSource(store));
            Expr rate = Parser.parse("sum(rate(requests_total[5m]))");
            Expr latest = Parser.parse("requests_total{region=\"eu\"}");
            long end = t0 + 600_000;
            for (int pass = 0; pass < 2; pass++) {
                assertThat(ev.vector(rate, end)).singleElement()
                        .satisfies(e -> assertThat(e.value()).isCloseTo(7.0, within(1e-9)));
                assertThat(ev.vector(latest, end)).singleElement().satisfies(e -> assertThat(e.value()).isEqualTo(3000.0));
                // An instant in the past (a backtest) reads that instant, not the newest sample.
                assertThat(ev.vector(latest, t0 + 100_500)).singleElement()
                        .satisfies(e -> assertThat(e.value()).isEqualTo(500.0));
                assertThat(ev.vector(latest, end + 301_000)).as("stale after the lookback").isEmpty();
                store.compactBefore(end + 1); // the same answers from chunks on disk
            }
        }
    }
}
