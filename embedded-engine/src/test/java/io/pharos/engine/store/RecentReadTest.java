package io.pharos.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.engine.model.SeriesKey;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads of recent data skip SQL when the head holds everything newer; nothing may go missing for it. */
class RecentReadTest {
    @TempDir
    Path dir;

    private static StoreOptions options() {
        return StoreOptions.defaults().withCompaction(Duration.ZERO, Duration.ofMinutes(1));
    }

    @Test
    void recentHistoryWrittenAsChunksIsReadBesideTheHead() {
        long now = System.currentTimeMillis() / 60_000 * 60_000;
        SeriesKey key = SeriesKey.of("cpu", "host", "a");
        try (TimeSeriesStore store = TimeSeriesStore.open(dir, options())) {
            Appender app = store.appender();
            app.append(key, now, 1);
            app.commit();
            SeriesRef ref = store.ref(key);
            assertThat(store.read(ref, now - 60_000, now).size()).isEqualTo(1);
            // An import of the minute before, written straight to chunks: the next read must see it.
            try (HistoryWriter w = store.historyWriter()) {
                for (int i = 1; i <= 30; i++) {
                    w.append(key, now - i * 1000L, 0.5);
                }
            }
            assertThat(store.read(ref, now - 60_000, now).size()).isEqualTo(31);
        }
        // After reopening, the bound comes from the chunk index.
        try (TimeSeriesStore store = TimeSeriesStore.open(dir, options())) {
            assertThat(store.read(store.ref(key), now - 60_000, now).size()).isEqualTo(31);
        }
    }

    @Test
    void aCompactionInTheMiddleOfReadsLosesNothing() {
        long t0 = System.currentTimeMillis() / 3_600_000 * 3_600_000 - 3_600_000;
        SeriesKey key = SeriesKey.of("cpu", "host", "b");
        try (TimeSeriesStore store = TimeSeriesStore.open(dir, options())) {
            Appender app = store.appender();
            for (int i = 0; i < 1800; i++) {
                app.append(key, t0 + i * 1000L, i);
            }
            app.commit();
            SeriesRef ref = store.ref(key);
            assertThat(store.read(ref, t0, t0 + 1_800_000).size()).isEqualTo(1800);
            store.compactBefore(t0 + 1_200_000);
            assertThat(store.read(ref, t0, t0 + 1_800_000).size()).isEqualTo(1800);
            assertThat(store.read(ref, t0 + 1_100_000, t0 + 1_800_000).size()).isEqualTo(700);
            assertThat(store.read(ref, t0 + 1_300_000, t0 + 1_800_000).size()).isEqualTo(500);
        }
    }
}
