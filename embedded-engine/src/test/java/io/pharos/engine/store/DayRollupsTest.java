package io.pharos.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.engine.model.SeriesKey;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Day rows (hourly rollups per series and day) give long ranges what the chunks give, and stay true. */
class DayRollupsTest {
    private static final long HOUR = 3_600_000;
    private static final long DAY = 86_400_000;
    /** 2026-03-01T00:00Z. */
    private static final long DAY0 = 1_772_323_200_000L;
    private static final long NOW = DAY0 + 3 * DAY + 5 * HOUR;

    @TempDir
    Path dir;

    private static StoreOptions options(long nowMs) {
        return StoreOptions.defaults().withCompaction(Duration.ZERO, Duration.ofMinutes(1))
                .withClock(Clock.fixed(Instant.ofEpochMilli(nowMs), java.time.ZoneOffset.UTC));
    }

    private static SeriesKey series(int i) {
        return SeriesKey.of("service_requests_per_second", "host", "h" + i);
    }

    private static double valueAt(int series, long ts) {
        return 100 + series * 10 + 20 * Math.sin(ts / 3_000_000.0) + (ts / 60_000 % 7) * 0.25;
    }

    private static void writeHistory(TimeSeriesStore store, long fromMs, long toMs, long stepMs, long offsetMs) {
        try (HistoryWriter w = store.historyWriter()) {
            for (int s = 0; s < 3; s++) {
                for (long t = fromMs + offsetMs; t < toMs; t += stepMs) {
                    w.append(series(s), t, valueAt(s, t));
                }
            }
        }
    }

    private int dayRows() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(TimeSeriesStore.FILE_NAME));
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM chunk WHERE resolution_ms=" + DayRollups.HOUR_MS)) {
            return rs.getInt(1);
        }
    }

    private static void assertSame(Downsampled actual, Downsampled expected) {
        assertThat(actual.buckets()).isEqualTo(expected.buckets());
        assertThat(actual.count()).containsExactly(expected.count());
        assertThat(actual.min()).containsExactly(expected.min());
        assertThat(actual.max()).containsExactly(expected.max());
        for (int i = 0; i < actual.buckets(); i++) {
            assertThat(actual.sum()[i]).as("sum of bucket %d", i)
                    .isCloseTo(expected.sum()[i], org.assertj.core.data.Offset.offset(1e-6 * Math.abs(expected.sum()[i])));
        }
    }

    @Test
    void longRangesReadFromDayRowsGiveWhatTheChunksGive() throws Exception {
        try (TimeSeriesStore store = TimeSeriesStore.open(dir, options(NOW))) {
            writeHistory(store, DAY0, NOW, 60_000, 0);
            SeriesRef ref = store.ref(series(1));
            Downsampled whole = store.downsample(ref, DAY0, NOW, 6 * HOUR);
            Downsampled midDay = store.downsample(ref, DAY0 + 7 * HOUR, DAY0 + 2 * DAY + 13 * HOUR + 1_800_000, 2 * HOUR);

            assertThat(store.rollUpCompleteDays()).as("the three complete days; not the one still going").isEqualTo(3);
            assertThat(dayRows()).isEqualTo(3 * 3);
            assertThat(store.rollUpCompleteDays()).as("nothing left to roll").isZero();

            assertSame(store.downsample(ref, DAY0, NOW, 6 * HOUR), whole);
            assertSame(store.downsample(ref, DAY0 + 7 * HOUR, DAY0 + 2 * DAY + 13 * HOUR + 1_800_000, 2 * HOUR), midDay);
            // A step that is not whole hours reads the chunks, as before.
            assertThat(store.downsample(ref, DAY0, NOW, 6 * HOUR + 60_000).count()[0]).isEqualTo(6 * 60 + 1);
        }
        // The mark survives a restart: the rows are used at once, nothing is rolled twice.
        try (TimeSeriesStore store = TimeSeriesStore.open(dir, options(NOW))) {
            assertThat(store.rollUpCompleteDays()).isZero();
            assertThat(store.downsample(store.ref(series(2)), DAY0, NOW, DAY).count())
                    .containsExactly(1440, 1440, 1440, 5 * 60);
        }
        // The rows are what is read: with the rolled days' chunks gone, the hourly read still has them.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(TimeSeriesStore.FILE_NAME));
             Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM chunk WHERE resolution_ms < " + DayRollups.HOUR_MS + " AND start_ts < "
                    + (DAY0 + 3 * DAY));
        }
        try (TimeSeriesStore store = TimeSeriesStore.open(dir, options(NOW))) {
            SeriesRef ref = store.ref(series(2));
            assertThat(store.downsample(ref, DAY0, NOW, DAY).count()).containsExactly(1440, 1440, 1440, 5 * 60);
            assertThat(store.downsample(ref, DAY0, NOW, DAY + 60_000).count()[0]).as("not whole hours: chunks, gone")
                    .isZero();
        }
    }

    @Test
    void aWindowReachingBeforeTheHistoryReadsOnlyTheSpansBetweenDayRows() throws Exception {
        // A 30-day error-budget window over three days of history: empty days, then day rows, then today.
        long from = NOW - 30 * DAY;
        try (TimeSeriesStore store = TimeSeriesStore.open(dir, options(NOW))) {
            writeHistory(store, DAY0, NOW, 60_000, 0);
            SeriesRef ref = store.ref(series(0));
            Downsampled fromChunks = store.downsample(ref, from, NOW, 12 * HOUR);
            assertThat(store.rollUpCompleteDays()).isEqualTo(3);
            assertSame(store.downsample(ref, from, NOW, 12 * HOUR), fromChunks);
        }
        java.util.Set<Long> rolled = java.util.Set.of(DAY0, DAY0 + DAY, DAY0 + 2 * DAY);
        assertThat(DiskRangeRead.spansBetween(from, NOW, rolled))
                .containsExactly(new long[] {from, DAY0 - 1}, new long[] {DAY0 + 3 * DAY, NOW});
        assertThat(DiskRangeRead.spansBetween(DAY0 + HOUR, NOW, java.util.Set.of(DAY0 + DAY)))
                .as("a day row in the middle").containsExactly(new long[] {DAY0 + HOUR, DAY0 + DAY - 1},
                        new long[] {DAY0 + 2 * DAY, NOW});
        assertThat(DiskRangeRead.spansBetween(DAY0, DAY0 + 2 * DAY - 1, java.util.Set.of(DAY0, DAY0 + DAY)))
                .as("all days rolled").isEmpty();
        assertThat(DiskRangeRead.spansBetween(DAY0, NOW, java.util.Set.of())).containsExactly(new long[] {DAY0, NOW});
        assertThat(DiskRangeRead.spansBetween(DAY0, Long.MAX_VALUE, java.util.Set.of(DAY0 + DAY)))
                .as("an open end").containsExactly(new long[] {DAY0, DAY0 + DAY - 1},
                        new long[] {DAY0 + 2 * DAY, Long.MAX_VALUE});
    }

    @Test
    void historyWrittenIntoARolledDayIsReadAtOnceAndTheDayRolledAgain() throws Exception {
        try (TimeSeriesStore store = TimeSeriesStore.open(dir, options(NOW))) {
            writeHistory(store, DAY0, NOW, 60_000, 0);
            assertThat(store.rollUpCompleteDays()).isEqualTo(3);
            SeriesRef ref = store.ref(series(0));

            // Samples half a minute after each of day 1's: day 1 and later are no longer taken from rows.
            writeHistory(store, DAY0 + DAY, DAY0 + 2 * DAY, 60_000, 30_000);
            long[] counts = store.downsample(ref, DAY0, NOW, DAY).count();
            assertThat(counts).containsExactly(1440, 2880, 1440, 5 * 60);
            assertThat(dayRows()).as("rows of day 1 on are gone").isEqualTo(3);

            assertThat(store.rollUpCompleteDays()).as("day 1 and day 2 again").isEqualTo(2);
            assertThat(dayRows()).isEqualTo(9);
            assertThat(store.downsample(ref, DAY0, NOW, DAY).count()).containsExactly(1440, 2880, 1440, 5 * 60);
            double max = 0;
            for (long t = DAY0 + DAY + 30_000; t < DAY0 + 2 * DAY; t += 60_000) {
                max = Math.max(max, valueAt(0, t));
            }
            for (long t = DAY0 + DAY; t < DAY0 + 2 * DAY; t += 60_000) {
                max = Math.max(max, valueAt(0, t));
            }
            assertThat(store.downsample(ref, DAY0, NOW, DAY).max()[1]).isEqualTo(max);
        }
    }

    @Test
    void aLiveDayIsRolledOnlyOnceCompactionHasWrittenAllOfIt() throws Exception {
        long now = DAY0 + DAY + 2 * HOUR;
        try (TimeSeriesStore store = TimeSeriesStore.open(dir, options(now))) {
            Appender app = store.appender();
            for (long t = DAY0 + 20 * HOUR; t < now; t += 60_000) {
                app.append(series(0), t, valueAt(0, t));
            }
            app.commit();
            assertThat(store.rollUpCompleteDays()).as("day 0's last hours are still in the head").isZero();
            store.compactBefore(DAY0 + DAY - 10 * 60_000);
            assertThat(store.rollUpCompleteDays()).as("its last window is not written yet").isZero();
            store.compactBefore(DAY0 + DAY + 30 * 60_000);
            assertThat(store.rollUpCompleteDays()).isEqualTo(1);
            long[] counts = store.downsample(store.ref(series(0)), DAY0, now, HOUR).count();
            assertThat(counts[19]).isZero();
            assertThat(counts[20]).isEqualTo(60);
            assertThat(counts[23]).isEqualTo(60);
            assertThat(counts[25]).as("day 1, from the head and chunks").isEqualTo(60);
        }
    }

    @Test
    void lateLiveSamplesIntoARolledDayAreReadAndTheDayRolledAgain() throws Exception {
        long now = DAY0 + 2 * DAY + HOUR;
        try (TimeSeriesStore store = TimeSeriesStore.open(dir, options(now))) {
            writeHistory(store, DAY0, DAY0 + DAY, 60_000, 0);
            assertThat(store.rollUpCompleteDays()).isEqualTo(1);
            // A source that was away sends day 0's last minutes late, half a minute after the history's.
            Appender app = store.appender();
            for (long t = DAY0 + DAY - 10 * 60_000 + 30_000; t < DAY0 + DAY; t += 60_000) {
                app.append(series(0), t, 1000);
            }
            app.commit();
            store.compactBefore(DAY0 + DAY);
            SeriesRef ref = store.ref(series(0));
            Downsampled d = store.downsample(ref, DAY0, DAY0 + DAY - 1, DAY);
            assertThat(d.count()[0]).as("the day's row no longer stands for it").isEqualTo(1440 + 10);
            assertThat(d.max()[0]).isEqualTo(1000);
            assertThat(store.rollUpCompleteDays()).as("rolled again").isEqualTo(1);
            assertThat(store.downsample(ref, DAY0, DAY0 + DAY - 1, DAY).count()[0]).isEqualTo(1440 + 10);
        }
    }

    @Test
    void dayRowsGoWithTheRollupRetention() throws Exception {
        try (TimeSeriesStore store = TimeSeriesStore.open(dir, options(NOW))) {
            writeHistory(store, DAY0, NOW, 60_000, 0);
            store.rollUpCompleteDays();
        }
        try (TimeSeriesStore store = TimeSeriesStore.open(dir, options(NOW + 401 * DAY))) {
            store.applyRetention();
        }
        assertThat(dayRows()).isZero();
    }
}
