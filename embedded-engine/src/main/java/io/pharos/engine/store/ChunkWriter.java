package io.pharos.engine.store;

import io.pharos.engine.store.SampleEncoder.EncodedBlock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * Writes one series' window as a raw chunk and its rollup, inside the caller's transaction. When the
 * window already has a chunk (an import over live data, a re-run import, a late compaction), the two
 * are merged by timestamp, the newer sample winning, so writing the same samples twice keeps one copy.
 */
final class ChunkWriter implements AutoCloseable {
    /** Rollups pay off only for dense data: at least this many samples per rollup bucket on average. */
    static final int MIN_SAMPLES_PER_BUCKET = 10;

    private final PreparedStatement select;
    private final PreparedStatement upsert;
    private final long rollupMs;

    ChunkWriter(Connection c, long rollupMs) throws SQLException {
        this.rollupMs = rollupMs;
        select = c.prepareStatement("SELECT data FROM chunk WHERE series_id=? AND resolution_ms=0 AND start_ts=?");
        upsert = c.prepareStatement("INSERT INTO chunk(series_id, resolution_ms, start_ts, end_ts, samples, crc, data)"
                + " VALUES(?,?,?,?,?,?,?) ON CONFLICT(series_id, resolution_ms, start_ts) DO UPDATE SET"
                + " end_ts=excluded.end_ts, samples=excluded.samples, crc=excluded.crc, data=excluded.data");
    }

    /**
     * @param sorted true when the block's timestamps are known to be strictly increasing (the head's are)
     * @return the number of samples in the window after the write
     */
    int write(int seriesId, long windowStart, EncodedBlock block, boolean sorted) throws SQLException {
        byte[] existing = null;
        select.setInt(1, seriesId);
        select.setLong(2, windowStart);
        try (ResultSet rs = select.executeQuery()) {
            if (rs.next()) {
                existing = rs.getBytes(1);
            }
        }
        int n = block.count();
        long[] ts;
        double[] values;
        EncodedBlock finalBlock = block;
        if (existing == null) {
            ts = new long[n];
            values = new double[n];
            block.decodeInto(ts, values, 0);
            if (!sorted && !strictlyIncreasing(ts, n)) {
                Samples s = Samples.sortedUnique(ts, values, n);
                ts = s.ts();
                values = s.values();
                n = s.size();
                finalBlock = encode(ts, values, n);
            }
        } else {
            EncodedBlock old = ChunkCodec.decode(existing);
            long[] all = new long[old.count() + n];
            double[] allValues = new double[all.length];
            old.decodeInto(all, allValues, 0);
            block.decodeInto(all, allValues, old.count());
            // sortedUnique keeps the last occurrence of a timestamp: the new sample wins.
            Samples s = Samples.sortedUnique(all, allValues, all.length);
            ts = s.ts();
            values = s.values();
            n = s.size();
            finalBlock = encode(ts, values, n);
        }
        byte[] blob = ChunkCodec.encode(finalBlock);
        put(seriesId, 0, windowStart, ts[n - 1], n, blob);
        long buckets = Math.max(1, (ts[n - 1] / rollupMs) - (ts[0] / rollupMs) + 1);
        if (n >= buckets * MIN_SAMPLES_PER_BUCKET) {
            Rollup r = Rollup.compute(ts, values, n, rollupMs, !finalBlock.raw(), finalBlock.exp());
            put(seriesId, rollupMs, windowStart, ts[n - 1], r.size(), r.encode());
        }
        return n;
    }

    private void put(int seriesId, long resolution, long start, long end, int samples, byte[] blob) throws SQLException {
        upsert.setInt(1, seriesId);
        upsert.setLong(2, resolution);
        upsert.setLong(3, start);
        upsert.setLong(4, end);
        upsert.setInt(5, samples);
        upsert.setLong(6, WalCodec.crc(blob));
        upsert.setBytes(7, blob);
        upsert.executeUpdate();
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
        upsert.close();
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
