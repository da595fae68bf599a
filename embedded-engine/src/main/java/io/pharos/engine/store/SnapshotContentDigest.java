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
 * The SHA-256 digest of a snapshot's content (every table but the manifest, which carries it), and
 * its counts (docs/snapshots.md, "The content digest"). Each table's rows, in primary-key order,
 * feed a SHA-256 of their own; the digest is the SHA-256 of a prefix and those five. So the writer
 * computes it as it inserts (rows of different tables interleave there) and a reader in one pass
 * over each table, with one definition of the bytes a row stands for: this class.
 */
final class SnapshotContentDigest {
    private static final byte[] PREFIX = "pharos-snapshot-content-v1\n".getBytes(StandardCharsets.US_ASCII);

    /** The digest and counts. */
    record Result(String sha256, long series, long chunks, long samples, long rollups, long buckets, long records,
                  long logs) {
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

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    void series(long id, String metric, String labels) {
        number(seriesSha, id);
        text(seriesSha, metric);
        text(seriesSha, labels);
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
        text(recordSha, kind);
        text(recordSha, key);
        number(recordSha, updatedMs);
        text(recordSha, body);
        records++;
    }

    void log(long seq, String kind, String key, long ts, String body) {
        number(logSha, seq);
        text(logSha, kind);
        text(logSha, key);
        number(logSha, ts);
        text(logSha, body);
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

    /** The result; this digest is spent afterwards. */
    Result finish() {
        MessageDigest all = sha256();
        all.update(PREFIX);
        for (MessageDigest table : new MessageDigest[] {seriesSha, chunkSha, rollupSha, recordSha, logSha}) {
            all.update(table.digest());
        }
        return new Result(HexFormat.of().formatHex(all.digest()), series, chunks, samples, rollups, buckets, records,
                logs);
    }

    /** One pass over a file's tables. */
    static Result compute(Connection c) throws SQLException {
        SnapshotContentDigest d = new SnapshotContentDigest();
        try (Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT id, metric, labels FROM series ORDER BY id")) {
                while (rs.next()) {
                    d.series(rs.getLong(1), rs.getString(2), rs.getString(3));
                }
            }
            try (ResultSet rs = st.executeQuery(
                    "SELECT series_id, start_ts, end_ts, samples, crc, data FROM chunk ORDER BY series_id, start_ts")) {
                while (rs.next()) {
                    d.chunk(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getBytes(6));
                }
            }
            try (ResultSet rs = st.executeQuery(
                    "SELECT series_id, start_ts, end_ts, buckets, crc, data FROM rollup ORDER BY series_id, start_ts")) {
                while (rs.next()) {
                    d.rollup(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getBytes(6));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT kind, key, updated_ms, body FROM record ORDER BY kind, key")) {
                while (rs.next()) {
                    d.record(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT seq, kind, key, ts, body FROM log ORDER BY seq")) {
                while (rs.next()) {
                    d.log(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5));
                }
            }
        }
        return d.finish();
    }

    private void number(MessageDigest sha, long v) {
        for (int i = 0; i < 8; i++) {
            eight[i] = (byte) (v >>> (56 - 8 * i));
        }
        sha.update(eight);
    }

    private void text(MessageDigest sha, String s) {
        bytes(sha, s == null ? null : s.getBytes(StandardCharsets.UTF_8));
    }

    /** Length first (-1 for SQL NULL), so that no two different rows feed the same bytes. */
    private void bytes(MessageDigest sha, byte[] b) {
        number(sha, b == null ? -1 : b.length);
        if (b != null) {
            sha.update(b);
        }
    }
}
