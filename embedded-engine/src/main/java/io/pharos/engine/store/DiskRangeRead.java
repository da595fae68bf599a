package io.pharos.engine.store;

import io.pharos.engine.store.SampleEncoder.EncodedBlock;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The disk half of a downsample: each day from its day row where one covers it, then each minute
 * from its rollup, then the rest from raw chunks, into one {@link Downsampled}. Samples in the span
 * of a head block are left to the head (during a compaction the same window is on disk too).
 *
 * <p>A method a tier, not one for all: as one, the JIT compiled the whole at once (0.6 s of a core
 * at start).
 */
final class DiskRangeRead {
    /** A chunk's bytes when its checksum holds, else null (the store counts and logs it). */
    interface ChunkCheck {
        byte[] checked(byte[] data, long crc, SeriesRef series, long start);
    }

    private final TimeSeriesStore.ReadConnection r;
    private final ChunkCheck check;
    private final SeriesRef series;
    private final long fromMs;
    private final long toMs;
    private final long[][] headSpans;
    private final Downsampled out;

    DiskRangeRead(TimeSeriesStore.ReadConnection r, ChunkCheck check, SeriesRef series, long fromMs, long toMs,
                  long[][] headSpans, Downsampled out) {
        this.r = r;
        this.check = check;
        this.series = series;
        this.fromMs = fromMs;
        this.toMs = toMs;
        this.headSpans = headSpans;
        this.out = out;
    }

    /**
     * Reads the range: day rows when {@code rolledBefore} (the first day not rolled up) is known,
     * minute rollups of {@code rollupMs} when asked, raw chunks from {@code firstWindow} for the rest.
     */
    void read(boolean useDayRows, long rolledBefore, boolean useRollups, long rollupMs, long firstWindow)
            throws SQLException {
        Set<Long> coveredDays = useDayRows && rolledBefore != Long.MIN_VALUE && DayRollups.dayOf(fromMs) < rolledBefore
                ? dayRows(rolledBefore) : Set.of();
        // The chunks of the days read from day rows are not even looked at: only the spans between
        // them are asked for (a 30-day window over a week of history: the days before the history,
        // and today).
        for (long[] span : spansBetween(firstWindow, toMs, coveredDays)) {
            Set<Long> coveredMinutes = useRollups ? minuteRollups(rollupMs, span[0], span[1]) : Set.of();
            rawChunks(span[0], span[1], coveredMinutes);
        }
    }

    /**
     * The runs of days in [from, to] that no day row covered, as [first, last] chunk starts (chunks
     * and rollups never cross midnight: their windows divide a day).
     */
    static List<long[]> spansBetween(long from, long to, Set<Long> coveredDays) {
        List<long[]> spans = new ArrayList<>();
        long cursor = from;
        for (long day : new TreeSet<>(coveredDays)) {
            if (day > cursor) {
                spans.add(new long[] {cursor, Math.min(day - 1, to)});
            }
            cursor = Math.max(cursor, day + DayRollups.DAY_MS);
        }
        if (cursor <= to) {
            spans.add(new long[] {cursor, to});
        }
        return spans;
    }

    /** Adds the day rows of whole days inside the range; returns the days they covered. */
    private Set<Long> dayRows(long rolledBefore) throws SQLException {
        Set<Long> coveredDays = new HashSet<>();
        PreparedStatement ps = r.rollupRange;
        ps.setInt(1, series.id());
        ps.setLong(2, DayRollups.HOUR_MS);
        ps.setLong(3, DayRollups.dayOf(fromMs));
        ps.setLong(4, Math.min(toMs, rolledBefore - 1));
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long start = rs.getLong(1);
                if (rs.getLong(2) > toMs || start >= rolledBefore || overlapsHead(start, rs.getLong(2))) {
                    continue; // the day's end is past the range (or still in the head): read below
                }
                byte[] data = check.checked(rs.getBytes(3), rs.getLong(4), series, start);
                if (data != null) {
                    coveredDays.add(start);
                    addBuckets(Rollup.decode(data));
                }
            }
        }
        return coveredDays;
    }

    /** Adds the minute rollups of chunks starting in [spanFrom, spanTo]; returns the chunk starts they stand for. */
    private Set<Long> minuteRollups(long rollupMs, long spanFrom, long spanTo) throws SQLException {
        Set<Long> covered = new HashSet<>();
        PreparedStatement ps = r.rollupRange;
        ps.setInt(1, series.id());
        ps.setLong(2, rollupMs);
        ps.setLong(3, spanFrom);
        ps.setLong(4, spanTo);
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long start = rs.getLong(1);
                long end = rs.getLong(2);
                if (end > toMs || overlapsHead(start, end)) {
                    continue; // read raw, sample by sample, below: a rollup minute may cross toMs
                }
                byte[] data = check.checked(rs.getBytes(3), rs.getLong(4), series, start);
                if (data != null) {
                    covered.add(start); // a damaged rollup leaves its minutes to the raw chunk
                    addBuckets(Rollup.decode(data));
                }
            }
        }
        return covered;
    }

    private void addBuckets(Rollup roll) {
        for (int i = 0; i < roll.size(); i++) {
            long t = roll.bucketStart()[i];
            if (t <= toMs) {
                out.addBucket(t, (long) roll.count()[i], roll.min()[i], roll.max()[i], roll.sum()[i]);
            }
        }
    }

    /** Adds, sample by sample, the raw chunks starting in [spanFrom, spanTo] not covered by a rollup. */
    private void rawChunks(long spanFrom, long spanTo, Set<Long> coveredMinutes) throws SQLException {
        PreparedStatement ps = r.rawRangeWithStart;
        ps.setInt(1, series.id());
        ps.setLong(2, spanFrom);
        ps.setLong(3, spanTo);
        long[] ts = new long[0];
        double[] vs = new double[0];
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long start = rs.getLong(1);
                long end = rs.getLong(2);
                if (coveredMinutes.contains(start) || end < fromMs) {
                    continue;
                }
                byte[] data = check.checked(rs.getBytes(3), rs.getLong(4), series, start);
                if (data == null) {
                    continue;
                }
                EncodedBlock b = ChunkCodec.decode(data);
                if (ts.length < b.count()) {
                    ts = new long[b.count()];
                    vs = new double[b.count()];
                }
                int n = b.decodeInto(ts, vs, 0);
                addSamples(ts, vs, n, overlapsHead(start, end));
            }
        }
    }

    private void addSamples(long[] ts, double[] vs, int n, boolean filterHead) {
        for (int i = 0; i < n; i++) {
            if (ts[i] <= toMs && !(filterHead && overlapsHead(ts[i], ts[i]))) {
                out.add(ts[i], vs[i]);
            }
        }
    }

    private boolean overlapsHead(long from, long to) {
        return TimeSeriesStore.overlaps(headSpans, from, to);
    }
}
