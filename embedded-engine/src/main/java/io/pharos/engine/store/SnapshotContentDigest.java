package io.pharos.engine.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * The SHA-256 digest of a snapshot's manifest and content, and the content's counts
 * (docs/snapshots.md, "The digest"). The manifest's text and each table's rows, in primary-key order,
 * feed a SHA-256 of their own; the digest is the SHA-256 of a prefix and those six. So the writer
 * computes it as it inserts (rows of different tables interleave there) and a reader in one pass
 * over each table, with one definition of the bytes a row stands for: this class.
 */
final class SnapshotContentDigest {
    private static final byte[] PREFIX = "pharos-snapshot-content-v1\n".getBytes(StandardCharsets.US_ASCII);

    /** The digest and counts. */
    record Result(String sha256, long series, long chunks, long samples, long rollups, long buckets, long records,
                  long logs, long mistyped) {
    }

    private final MessageDigest seriesSha = sha256();
    private final MessageDigest chunkSha = sha256();
    private final MessageDigest rollupSha = sha256();
    private final MessageDigest recordSha = sha256();
    private final MessageDigest logSha = sha256();
    private final byte[] eight = new byte[8];
    private long series;
    private long chunks;
    private long samples;
    private long rollups;
    private long buckets;
    private long records;
    private long logs;
    /** Rows read whose values do not have their column's type (only a crafted file has them). */
    private long mistyped;

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    void series(long id, String metric, String labels) {
        series(id, utf8(metric), utf8(labels));
    }

    private void series(long id, byte[] metric, byte[] labels) {
        number(seriesSha, id);
        bytes(seriesSha, metric);
        bytes(seriesSha, labels);
        series++;
    }

    void chunk(long seriesId, long start, long end, long count, long crc, byte[] data) {
        piece(chunkSha, seriesId, start, end, count, crc, data);
        chunks++;
        samples += count;
    }

    void rollup(long seriesId, long start, long end, long count, long crc, byte[] data) {
        piece(rollupSha, seriesId, start, end, count, crc, data);
        rollups++;
        buckets += count;
    }

    void record(String kind, String key, long updatedMs, String body) {
        record(utf8(kind), utf8(key), updatedMs, utf8(body));
    }

    private void record(byte[] kind, byte[] key, long updatedMs, byte[] body) {
        bytes(recordSha, kind);
        bytes(recordSha, key);
        number(recordSha, updatedMs);
        bytes(recordSha, body);
        records++;
    }

    void log(long seq, String kind, String key, long ts, String body) {
        log(seq, utf8(kind), utf8(key), ts, utf8(body));
    }

    private void log(long seq, byte[] kind, byte[] key, long ts, byte[] body) {
        number(logSha, seq);
        bytes(logSha, kind);
        bytes(logSha, key);
        number(logSha, ts);
        bytes(logSha, body);
        logs++;
    }

    private void piece(MessageDigest sha, long seriesId, long start, long end, long count, long crc, byte[] data) {
        number(sha, seriesId);
        number(sha, start);
        number(sha, end);
        number(sha, count);
        number(sha, crc);
        bytes(sha, data);
    }

    /** The result, the manifest's text being {@code manifest}; this digest is spent afterwards. */
    Result finish(byte[] manifest) {
        MessageDigest all = sha256();
        all.update(PREFIX);
        all.update(sha256().digest(manifest));
        for (MessageDigest table : new MessageDigest[] {seriesSha, chunkSha, rollupSha, recordSha, logSha}) {
            all.update(table.digest());
        }
        return new Result(HexFormat.of().formatHex(all.digest()), series, chunks, samples, rollups, buckets, records,
                logs, mistyped);
    }

    /** The counts so far (the writer's, before the manifest is written). */
    Result counts() {
        return new Result(null, series, chunks, samples, rollups, buckets, records, logs, mistyped);
    }

    /**
     * One pass over a file's tables. Text is hashed as the bytes SQLite holds (no decoding that could
     * make two texts alike); a value of another type than its column's counts as mistyped (SQLite
     * stores any type in any column, so a crafted file may hold 0 where it reads NULL, or text where
     * it reads a number).
     */
    static Result compute(Connection c) throws SQLException {
        SnapshotContentDigest d = new SnapshotContentDigest();
        byte[] manifest;
        try (Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT CAST(body AS BLOB) FROM manifest WHERE one = 1")) {
                manifest = rs.next() ? rs.getBytes(1) : new byte[0];
            }
            try (ResultSet rs = st.executeQuery("SELECT id, CAST(metric AS BLOB), CAST(labels AS BLOB),"
                    + " typeof(id) = 'integer' AND typeof(metric) = 'text' AND typeof(labels) = 'text'"
                    + " FROM series ORDER BY id")) {
                while (rs.next()) {
                    d.series(rs.getLong(1), rs.getBytes(2), rs.getBytes(3));
                    d.typed(rs.getBoolean(4));
                }
            }
            for (String table : new String[] {"chunk", "rollup"}) {
                String count = table.equals("chunk") ? "samples" : "buckets";
                try (ResultSet rs = st.executeQuery("SELECT series_id, start_ts, end_ts, " + count + ", crc, data,"
                        + " typeof(series_id) = 'integer' AND typeof(start_ts) = 'integer' AND typeof(end_ts) = 'integer'"
                        + " AND typeof(" + count + ") = 'integer' AND typeof(crc) = 'integer' AND typeof(data) = 'blob'"
                        + " FROM " + table + " ORDER BY series_id, start_ts")) {
                    while (rs.next()) {
                        if (table.equals("chunk")) {
                            d.chunk(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getBytes(6));
                        } else {
                            d.rollup(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getBytes(6));
                        }
                        d.typed(rs.getBoolean(7));
                    }
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT CAST(kind AS BLOB), CAST(key AS BLOB), updated_ms,"
                    + " CAST(body AS BLOB), typeof(kind) = 'text' AND typeof(key) = 'text'"
                    + " AND typeof(updated_ms) = 'integer' AND typeof(body) = 'text' FROM record ORDER BY kind, key")) {
                while (rs.next()) {
                    d.record(rs.getBytes(1), rs.getBytes(2), rs.getLong(3), rs.getBytes(4));
                    d.typed(rs.getBoolean(5));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT seq, CAST(kind AS BLOB), CAST(key AS BLOB), ts, CAST(body AS BLOB),"
                    + " typeof(seq) = 'integer' AND typeof(kind) = 'text' AND typeof(key) = 'text'"
                    + " AND typeof(ts) = 'integer' AND typeof(body) = 'text' FROM log ORDER BY seq")) {
                while (rs.next()) {
                    d.log(rs.getLong(1), rs.getBytes(2), rs.getBytes(3), rs.getLong(4), rs.getBytes(5));
                    d.typed(rs.getBoolean(6));
                }
            }
        }
        return d.finish(manifest);
    }

    private void typed(boolean ok) {
        if (!ok) {
            mistyped++;
        }
    }

    private static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    private void number(MessageDigest sha, long v) {
        for (int i = 0; i < 8; i++) {
            eight[i] = (byte) (v >>> (56 - 8 * i));
        }
        sha.update(eight);
    }

    /** Length first (-1 for SQL NULL), so that no two different rows feed the same bytes. */
    private void bytes(MessageDigest sha, byte[] b) {
        number(sha, b == null ? -1 : b.length);
        if (b != null) {
            sha.update(b);
        }
    }
}
