package io.pharos.engine.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Hourly rollups, one row per series and UTC day (resolution 3,600,000), written once a day is
 * complete: a read of weeks or months takes a row a day instead of a chunk every ten minutes (live
 * data) or two hours (history), as Prometheus' downsampling compactors do for long ranges.
 *
 * <p>Days with data are rolled oldest first from the mark {@code day_rollups_from} (the first day
 * not yet rolled), a slice of series per call. History written into an already rolled day deletes the rows from that day
 * on and moves the mark back, in the history's own transaction. A day whose history changes while it
 * is being rolled (another process importing) is noticed through {@code history_generation}, which
 * every history transaction raises: the day's rows are then not kept and it is rolled again.
 */
final class DayRollups {
    static final long HOUR_MS = 3_600_000;
    static final long DAY_MS = 86_400_000;
    private static final String MARK = "day_rollups_from";
    private static final String GENERATION = "history_generation";
    private static final int SERIES_PER_SLICE = 2000;
    private static final long LOOK_EVERY_MS = 600_000;

    /** The day's hourly buckets of one series, read from what the store has (minute rollups or raw). */
    interface DayReader {
        Downsampled read(int seriesId, long dayStart);
    }

    private final ReentrantLock writeLock;
    private final Connection writer;
    private final DayReader reader;
    private final LongSupplier maxSeriesId;
    /** The store's rollback, which begins a new transaction when SQLite already ended the failed one. */
    private final Runnable rollback;
    /** The mark as last read or written here: reads use day rows of earlier days only. */
    private volatile long rolledBefore;

    /** Reads the mark; the writer connection is opened and migrated, and not yet shared. */
    DayRollups(ReentrantLock writeLock, Connection writer, DayReader reader, LongSupplier maxSeriesId,
               Runnable rollback) throws SQLException {
        this.writeLock = writeLock;
        this.writer = writer;
        this.reader = reader;
        this.maxSeriesId = maxSeriesId;
        this.rollback = rollback;
        Long mark = meta(MARK);
        rolledBefore = mark == null ? Long.MIN_VALUE : mark;
        writer.commit();
    }

    /**
     * Days before this are rolled up: their rows may be read. A row of a later day can be a crashed
     * roll's leftover (replaced when the day is rolled), so it is not.
     */
    long rolledBefore() {
        return rolledBefore;
    }

    /** What is being rolled: its day, where the next slice starts, the history generation it began at. */
    private volatile long day = Long.MIN_VALUE;
    /** Set when written data may have moved the mark or made an earlier day due: look again. */
    private volatile boolean lookAgain = true;
    /** Without a day to roll, the next look for one (a lookup per series, under the write lock). */
    private long nextLookMs = Long.MIN_VALUE;
    private long nextSeries;
    private long generation;
    private long daysRolled;

    /**
     * Rolls up the next slice of series (2,000) of the oldest day not yet rolled, if that day ended at
     * or before {@code completeBefore}; the last slice of a day moves the mark past it. Returns false
     * when no day is due. One thread at a time (the store's compaction, or a bulk writer when done).
     */
    synchronized boolean rollNextSlice(long completeBefore) throws SQLException {
        long now = System.currentTimeMillis();
        if (day == Long.MIN_VALUE && !lookAgain && now < nextLookMs) {
            return false; // nothing to roll at the last look, and nothing written since that could change it
        }
        if (day == Long.MIN_VALUE || lookAgain) {
            lookAgain = false;
            nextLookMs = now + LOOK_EVERY_MS;
            writeLock.lock();
            try {
                Long mark = meta(MARK);
                day = firstDayWithData(mark != null ? mark : Long.MIN_VALUE);
                generation = orZero(meta(GENERATION));
                nextSeries = 0;
                writer.commit();
            } finally {
                writeLock.unlock();
            }
        }
        if (day == Long.MIN_VALUE || day + DAY_MS > completeBefore) {
            return false; // kept: that day is due once it ends, unless written data makes us look again
        }
        long maxId = maxSeriesId.getAsLong();
        long to = Math.min(maxId, nextSeries + SERIES_PER_SLICE - 1);
        // Read without the lock (ingest and compaction go on), write under it.
        List<Object[]> rows = new ArrayList<>();
        for (long id = nextSeries; id <= to; id++) {
            Downsampled d = reader.read((int) id, day);
            Rollup r = d == null ? null : toRollup(d);
            if (r != null) {
                rows.add(new Object[] {(int) id, r});
            }
        }
        writeLock.lock();
        try {
            if (orZero(meta(GENERATION)) != generation) {
                rollback.run();
                day = Long.MIN_VALUE; // history changed under us: start the day (or an earlier one) again
                return true;
            }
            try (PreparedStatement put = writer.prepareStatement("INSERT OR REPLACE INTO chunk(series_id, resolution_ms,"
                    + " start_ts, end_ts, samples, crc, data) VALUES(?,?,?,?,?,?,?)")) {
                for (Object[] row : rows) {
                    Rollup r = (Rollup) row[1];
                    byte[] blob = r.encode();
                    put.setInt(1, (Integer) row[0]);
                    put.setLong(2, HOUR_MS);
                    put.setLong(3, day);
                    put.setLong(4, r.bucketStart()[r.size() - 1] + HOUR_MS - 1);
                    put.setInt(5, r.size());
                    put.setLong(6, WalCodec.crc(blob));
                    put.setBytes(7, blob);
                    put.executeUpdate();
                }
            }
            boolean dayDone = to >= maxId;
            if (dayDone) {
                setMark(day + DAY_MS);
            }
            writer.commit();
            if (dayDone) {
                day = Long.MIN_VALUE;
                lookAgain = true; // the next day with data may be due already
                daysRolled++;
            } else {
                nextSeries = to + 1;
            }
            return true;
        } catch (SQLException | RuntimeException e) {
            rollback.run();
            day = Long.MIN_VALUE;
            throw e;
        } finally {
            writeLock.unlock();
        }
    }

    /** Days this instance finished rolling up. */
    synchronized long daysRolled() {
        return daysRolled;
    }

    /**
     * Called in a history transaction, under the write lock, with the first day it writes into: raises
     * the history generation and, when that day was already rolled, forgets the rows from it on.
     */
    void historyWritten(long firstDay) throws SQLException {
        lookAgain = true;
        try (PreparedStatement st = writer.prepareStatement("INSERT INTO meta(key, value) VALUES(?, '1')"
                + " ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1")) {
            st.setString(1, GENERATION);
            st.executeUpdate();
        }
        Long mark = meta(MARK);
        if (mark == null || firstDay >= mark) {
            return;
        }
        try (PreparedStatement del = writer.prepareStatement(
                "DELETE FROM chunk WHERE series_id=? AND resolution_ms=? AND start_ts>=?")) {
            long maxId = maxSeriesId.getAsLong();
            for (long id = 0; id <= maxId; id++) {
                del.setLong(1, id);
                del.setLong(2, HOUR_MS);
                del.setLong(3, firstDay);
                del.executeUpdate();
            }
        }
        // Lowered before the rows go: a read from now on takes those days from the chunks.
        rolledBefore = firstDay;
        setMeta(MARK, firstDay);
    }

    /**
     * Called by compaction, in its transaction under the write lock, with the first day it writes
     * into: live samples late enough to land in a day already rolled (or being rolled) make that day
     * history too. Usually they do not, and nothing is written.
     */
    void chunksWritten(long firstDay) throws SQLException {
        if (firstDay < rolledBefore || firstDay == day) {
            historyWritten(firstDay);
        } else if (day == Long.MIN_VALUE) {
            lookAgain = true; // there was nothing to roll: now there may be
        }
    }

    static long dayOf(long ts) {
        return Math.floorDiv(ts, DAY_MS) * DAY_MS;
    }

    /** The non-empty buckets as a rollup; null when the day has no sample. */
    static Rollup toRollup(Downsampled d) {
        int n = 0;
        for (int i = 0; i < d.buckets(); i++) {
            if (d.count()[i] > 0) {
                n++;
            }
        }
        if (n == 0) {
            return null;
        }
        long[] start = new long[n];
        double[] count = new double[n];
        double[] min = new double[n];
        double[] max = new double[n];
        double[] sum = new double[n];
        int j = 0;
        for (int i = 0; i < d.buckets(); i++) {
            if (d.count()[i] > 0) {
                start[j] = d.bucketStart(i);
                count[j] = d.count()[i];
                min[j] = d.min()[i];
                max[j] = d.max()[i];
                sum[j] = d.sum()[i];
                j++;
            }
        }
        return new Rollup(n, start, count, min, max, sum);
    }

    /**
     * The first day at or after {@code fromDay} with a raw chunk (days without data need no row, and
     * a console that was off for weeks leaves many): one index lookup per series, not a walk of the
     * chunk table.
     */
    private long firstDayWithData(long fromDay) throws SQLException {
        try (PreparedStatement st = writer.prepareStatement("SELECT min(m) FROM (SELECT (SELECT min(start_ts) FROM chunk"
                + " WHERE series_id = s.id AND resolution_ms = 0 AND start_ts >= ?) AS m FROM series s)")) {
            st.setLong(1, fromDay);
            try (ResultSet rs = st.executeQuery()) {
                if (rs.next()) {
                    long first = rs.getLong(1);
                    if (!rs.wasNull()) {
                        return dayOf(first);
                    }
                }
            }
        }
        return Long.MIN_VALUE;
    }

    private Long meta(String key) throws SQLException {
        try (PreparedStatement st = writer.prepareStatement("SELECT value FROM meta WHERE key=?")) {
            st.setString(1, key);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Long.valueOf(rs.getString(1)) : null;
            }
        }
    }

    private void setMark(long day) throws SQLException {
        setMeta(MARK, day);
        // Raised just before the commit: a read in between that finds no row for the day reads it
        // from the chunks, which is what it did before.
        rolledBefore = day;
    }

    private void setMeta(String key, long value) throws SQLException {
        try (PreparedStatement st = writer.prepareStatement(
                "INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value")) {
            st.setString(1, key);
            st.setString(2, Long.toString(value));
            st.executeUpdate();
        }
    }

    private static long orZero(Long v) {
        return v == null ? 0 : v;
    }
}
