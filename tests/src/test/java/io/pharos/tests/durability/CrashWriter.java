package io.pharos.tests.durability;

import io.pharos.engine.model.SeriesKey;
import io.pharos.engine.store.Appender;
import io.pharos.engine.store.StoreOptions;
import io.pharos.engine.store.TimeSeriesStore;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A writer process for the crash test: commits batch after batch and prints "ACK n" after each
 * commit returned, until it is killed. Compaction runs often, so kills also land mid-compaction.
 */
public final class CrashWriter {
    /** Start of the written data: yesterday, within retention (older data would be deleted by it). */
    static final long T0 = Math.floorDiv(System.currentTimeMillis() - 86_400_000L, 600_000L) * 600_000L;
    static final int SERIES = 200;
    static final long STEP_MS = 10_000;

    private CrashWriter() {
    }

    static SeriesKey key(int s) {
        return SeriesKey.of("crash_test_value", "series", Integer.toString(s));
    }

    static double value(long batch, int s) {
        return batch + s / 1000.0;
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        long start = Long.parseLong(args[1]);
        long t0 = Long.parseLong(args[2]);
        StoreOptions options = StoreOptions.defaults().withCompaction(Duration.ofMillis(50), Duration.ofSeconds(30));
        TimeSeriesStore store = TimeSeriesStore.open(dir, options);
        Appender app = store.appender();
        for (long batch = start; ; batch++) {
            long ts = t0 + batch * STEP_MS;
            for (int s = 0; s < SERIES; s++) {
                app.append(key(s), ts, value(batch, s));
            }
            app.commit();
            System.out.println("ACK " + batch);
            System.out.flush();
        }
    }
}
