package io.pharos.engine.store;

import io.pharos.engine.store.SampleEncoder.EncodedBlock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes one series' window as a raw chunk and its rollup, inside the caller's transaction. When the
 * window already has a chunk (an import over live data, a re-run import, a late compaction), the two
 * are merged by timestamp, the newer sample winning, so writing the same samples twice keeps one copy.
 */
final class ChunkWriter implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ChunkWriter.class);
    /** Rollups pay off only for dense data: at least this many samples per rollup bucket on average. */
    static final int MIN_SAMPLES_PER_BUCKET = 10;

    private final PreparedStatement select;
    private final PreparedStatement lastStart;
    private final PreparedStatement delete;
    /** Per series, the last timestamp of its raw chunks (Long.MIN_VALUE: none): later data needs no lookup. */
    private final java.util.Map<Integer, Long> newestEnd = new java.util.HashMap<>();
    private final PreparedStatement insert;
    private final long rollupMs;
    private final StoredListener listener;

    /** Told, inside the write's transaction, how far a series' raw chunks now reach. */
    @FunctionalInterface
    interface StoredListener {
        void stored(int seriesId, long endTs);
    }

    ChunkWriter(Connection c, long rollupMs, StoredListener listener) throws SQLException {
        this.rollupMs = rollupMs;
        this.listener = listener;
        select = c.prepareStatement("SELECT start_ts, end_ts, data, crc FROM chunk WHERE series_id=? AND resolution_ms=0"
                + " AND start_ts>=? AND start_ts<? ORDER BY start_ts");
        lastStart = c.prepareStatement("SELECT max(end_ts) FROM chunk WHERE series_id=? AND resolution_ms=0");
        // Raw chunks and their minute rollups: a day row starting at the same midnight is not theirs.
        delete = c.prepareStatement("DELETE FROM chunk WHERE series_id=? AND start_ts=? AND resolution_ms<"
                + DayRollups.HOUR_MS);
        // A plain insert: write() has already deleted every chunk the new one overlaps or shares its
        // start with. (An insert here measured 40 % of the table's pages empty: it loses SQLite's
        // append-at-the-end page split.)
        insert = c.prepareStatement("INSERT INTO chunk(series_id, resolution_ms, start_ts, end_ts, samples, crc, data)"
                + " VALUES(?,?,?,?,?,?,?)");
    }

    /**
     * A window encoded and ready to store: the CPU-heavy part of a write, done without the write lock.
     * {@code ts}/{@code values} are kept in case the window turns out to exist already and needs a merge.
     */
    record Prepared(int seriesId, long windowStart, long[] ts, double[] values, int count, byte[] chunk,
                    byte[] rollup, int rollupBuckets) {
    }

    /**
     * Decodes, orders and encodes a window (chunk and rollup) without touching the database.
     *
     * @param sorted true when the block's timestamps are known to be strictly increasing (the head's are)
     */
    Prepared prepare(int seriesId, long windowStart, EncodedBlock block, boolean sorted) {
        int n = block.count();
        long[] ts = new long[n];
        double[] values = new double[n];
        block.decodeInto(ts, values, 0);
        EncodedBlock finalBlock = block;
        if (!sorted && !strictlyIncreasing(ts, n)) {
            Samples s = Samples.sortedUnique(ts, values, n);
            ts = s.ts();
            values = s.values();
            n = s.size();
            finalBlock = encode(ts, values, n);
        }
        return prepared(seriesId, windowStart, ts, values, n, finalBlock);
    }

    /** Like {@link #prepare(int, long, EncodedBlock, boolean)} for samples still in arrays (bulk history). */
    Prepared prepare(int seriesId, long windowStart, long[] ts, double[] values, int n) {
        if (!strictlyIncreasing(ts, n)) {
            Samples s = Samples.sortedUnique(ts, values, n);
            ts = s.ts();
            values = s.values();
            n = s.size();
        }
        return prepared(seriesId, windowStart, ts, values, n, encode(ts, values, n));
    }

    private Prepared prepared(int seriesId, long windowStart, long[] ts, double[] values, int n, EncodedBlock block) {
        byte[] chunk = ChunkCodec.encode(block);
        long buckets = Math.max(1, (ts[n - 1] / rollupMs) - (ts[0] / rollupMs) + 1);
        byte[] rollup = null;
        int rollupBuckets = 0;
        if (n >= buckets * MIN_SAMPLES_PER_BUCKET) {
            Rollup r = Rollup.compute(ts, values, n, rollupMs, !block.raw(), block.exp());
            rollup = r.encode();
            rollupBuckets = r.size();
        }
        return new Prepared(seriesId, windowStart, ts, values, n, chunk, rollup, rollupBuckets);
    }

    /**
     * Stores a prepared window inside the caller's transaction (caller holds the write lock). Chunks of
     * a series never overlap: stored chunks of the same 2-hour block whose samples overlap the new
     * window's (or that start where it starts) are merged with it into one chunk, the new sample
     * winning on equal timestamps, and replaced. Returns the samples in the stored chunk.
     */
    int write(Prepared p) throws SQLException {
        long newStart = p.ts()[0];
        long newEnd = p.ts()[p.count() - 1];
        long newest = newestEnd(p.seriesId());
        Prepared w = p;
        // A window starting after everything stored can neither overlap nor share a start: no lookup.
        if (p.windowStart() <= newest) {
            long block = Math.floorDiv(p.windowStart(), TimeSeriesStore.BLOCK_MS) * TimeSeriesStore.BLOCK_MS;
            select.setInt(1, p.seriesId());
            select.setLong(2, block);
            select.setLong(3, block + TimeSeriesStore.BLOCK_MS);
            List<long[]> replaced = new ArrayList<>();
            List<EncodedBlock> merged = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    long start = rs.getLong(1);
                    long end = rs.getLong(2);
                    boolean overlaps = start == p.windowStart() || (start <= newEnd && end >= newStart);
                    if (overlaps) {
                        byte[] data = rs.getBytes(3);
                        replaced.add(new long[] {start});
                        if (WalCodec.crc(data) == rs.getLong(4)) {
                            merged.add(ChunkCodec.decode(data));
                        } else {
                            // Unreadable anyway: replaced by the new samples instead of failing every write.
                            LOG.warn("Replacing damaged chunk of series {} at {}", p.seriesId(), start);
                            merged.add(null);
                        }
                    }
                }
            }
            if (!merged.isEmpty()) {
                int total = p.count();
                long start = p.windowStart();
                for (int i = 0; i < merged.size(); i++) {
                    total += merged.get(i) == null ? 0 : merged.get(i).count();
                    start = Math.min(start, replaced.get(i)[0]);
                }
                long[] all = new long[total];
                double[] allValues = new double[total];
                int n = 0;
                for (EncodedBlock old : merged) {
                    if (old != null) {
                        n += old.decodeInto(all, allValues, n);
                    }
                }
                System.arraycopy(p.ts(), 0, all, n, p.count());
                System.arraycopy(p.values(), 0, allValues, n, p.count());
                n += p.count();
                // sortedUnique keeps the last occurrence of a timestamp: the new sample wins.
                Samples s = Samples.sortedUnique(all, allValues, n);
                for (long[] r : replaced) {
                    delete.setInt(1, p.seriesId());
                    delete.setLong(2, r[0]);
                    delete.executeUpdate();
                }
                w = prepared(p.seriesId(), start, s.ts(), s.values(), s.size(), encode(s.ts(), s.values(), s.size()));
            }
        }
        long end = w.ts()[w.count() - 1];
        put(w.seriesId(), 0, w.windowStart(), end, w.count(), w.chunk());
        if (w.rollup() != null) {
            put(w.seriesId(), rollupMs, w.windowStart(), end, w.rollupBuckets(), w.rollup());
        }
        if (end > newest) {
            newestEnd.put(w.seriesId(), end);
        }
        listener.stored(w.seriesId(), end);
        return w.count();
    }

    private long newestEnd(int seriesId) throws SQLException {
        Long cached = newestEnd.get(seriesId);
        if (cached != null) {
            return cached;
        }
        long newest = Long.MIN_VALUE;
        lastStart.setInt(1, seriesId);
        try (ResultSet rs = lastStart.executeQuery()) {
            if (rs.next()) {
                long v = rs.getLong(1);
                if (!rs.wasNull()) {
                    newest = v;
                }
            }
        }
        newestEnd.put(seriesId, newest);
        return newest;
    }

    /** Forgets what is known of the newest chunks, after a rollback left the cache ahead of the file. */
    void forgetNewest() {
        newestEnd.clear();
    }

    private void put(int seriesId, long resolution, long start, long end, int samples, byte[] blob) throws SQLException {
        insert.setInt(1, seriesId);
        insert.setLong(2, resolution);
        insert.setLong(3, start);
        insert.setLong(4, end);
        insert.setInt(5, samples);
        insert.setLong(6, WalCodec.crc(blob));
        insert.setBytes(7, blob);
        insert.executeUpdate();
    }

    static EncodedBlock encode(long[] ts, double[] values, int n) {
        SampleEncoder enc = new SampleEncoder();
        for (int i = 0; i < n; i++) {
            enc.append(ts[i], values[i]);
        }
        return enc.snapshot();
    }

    static boolean strictlyIncreasing(long[] ts, int n) {
        for (int i = 1; i < n; i++) {
            if (ts[i] <= ts[i - 1]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws SQLException {
        select.close();
        lastStart.close();
        delete.close();
        insert.close();
    }

    /** Samples sorted by time with one value per timestamp. */
    record Samples(long[] ts, double[] values, int size) {
        /** Stable sort by timestamp; of equal timestamps the last one given is kept. */
        static Samples sortedUnique(long[] ts, double[] values, int n) {
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Long.compare(ts[a], ts[b]));
            long[] outTs = new long[n];
            double[] outValues = new double[n];
            int m = 0;
            for (int k = 0; k < n; k++) {
                int i = order[k];
                if (m > 0 && outTs[m - 1] == ts[i]) {
                    outValues[m - 1] = values[i];
                } else {
                    outTs[m] = ts[i];
                    outValues[m] = values[i];
                    m++;
                }
            }
            return new Samples(outTs, outValues, m);
        }
    }
}
