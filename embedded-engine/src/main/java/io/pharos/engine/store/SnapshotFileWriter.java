package io.pharos.engine.store;

import io.pharos.engine.model.SeriesKey;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Writes a snapshot file (docs/snapshots.md): series with their samples or step aggregates
 * ({@link SnapshotSeries}), state records and logs, then the manifest. Everything goes to a ".partial" file beside the target, which takes the
 * target's name only when {@link #commit} has it complete on disk; closing without a commit (a
 * cancelled or failed export) deletes it, so a reader never sees half a snapshot.
 */
public final class SnapshotFileWriter implements AutoCloseable {
    /**
     * A signature of the digest: the signer's public key and the signature, as text (docs/snapshots.md,
     * "Signing"); made by the snapshot package, stored here.
     */
    public record Signature(String signer, String value) {
    }

    /** What the content holds, for the manifest. */
    public record Content(long series, long chunks, long samples, long rollups, long buckets, long records,
                          long logs) {
    }

    private final Path target;
    private final Path partial;
    private final Connection connection;
    private final PreparedStatement insertSeries;
    private final PreparedStatement insertChunk;
    private final PreparedStatement insertRollup;
    private final PreparedStatement insertRecord;
    private final PreparedStatement insertLog;
    private int nextSeriesId = 1;
    private long nextLogSeq = 1;
    private final SnapshotContentDigest digest = new SnapshotContentDigest();
    private byte[] lastRecord;
    private boolean contentDone;
    private boolean committed;
    private boolean closed;

    private SnapshotFileWriter(Path target, Path partial, Connection connection) throws SQLException {
        this.target = target;
        this.partial = partial;
        this.connection = connection;
        insertSeries = connection.prepareStatement("INSERT INTO series(id, metric, labels) VALUES(?,?,?)");
        insertChunk = connection.prepareStatement(
                "INSERT INTO chunk(series_id, start_ts, end_ts, samples, crc, data) VALUES(?,?,?,?,?,?)");
        insertRollup = connection.prepareStatement(
                "INSERT INTO rollup(series_id, start_ts, end_ts, buckets, crc, data) VALUES(?,?,?,?,?,?)");
        insertRecord = connection.prepareStatement("INSERT INTO record(kind, key, updated_ms, body) VALUES(?,?,?,?)");
        insertLog = connection.prepareStatement("INSERT INTO log(seq, kind, key, ts, body) VALUES(?,?,?,?,?)");
    }

    /** Starts a snapshot that will be {@code target} once committed; an existing target stays until then. */
    public static SnapshotFileWriter create(Path target) {
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try {
            Files.deleteIfExists(partial); // left by an export that was killed
        } catch (IOException e) {
            throw io("Cannot write " + partial, e);
        }
        Connection c = null;
        try {
            c = DriverManager.getConnection("jdbc:sqlite:" + partial.toAbsolutePath());
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA page_size=8192");
                st.execute("PRAGMA application_id=" + SnapshotSchema.APPLICATION_ID);
                st.execute("PRAGMA user_version=" + SnapshotSchema.FORMAT_VERSION);
                // The .partial file is thrown away on any failure: no journal, no syncs until the end.
                st.execute("PRAGMA journal_mode=OFF");
                st.execute("PRAGMA synchronous=OFF");
                for (String sql : SnapshotSchema.CREATE) {
                    st.execute(sql);
                }
            }
            c.setAutoCommit(false);
            return new SnapshotFileWriter(target, partial, c);
        } catch (SQLException e) {
            SnapshotSchema.closeQuietly(c);
            deleteQuietly(partial);
            throw translate(e, partial);
        }
    }

    /** Adds a series made for the file and returns its id in it (1, 2, … in the order added). */
    public int add(SnapshotSeries s) {
        checkOpen();
        int id = nextSeriesId++;
        digest.series(id, s.key().metric(), s.labelsJson());
        for (SnapshotSeries.Piece p : s.chunks()) {
            digest.chunk(id, p.start(), p.end(), p.count(), p.crc(), p.data());
        }
        for (SnapshotSeries.Piece p : s.rollups()) {
            digest.rollup(id, p.start(), p.end(), p.count(), p.crc(), p.data());
        }
        run(() -> {
            insertSeries.setInt(1, id);
            insertSeries.setString(2, s.key().metric());
            insertSeries.setString(3, s.labelsJson());
            insertSeries.executeUpdate();
            insert(insertChunk, id, s.chunks());
            insert(insertRollup, id, s.rollups());
        });
        return id;
    }

    /** Adds a series of samples, timestamps strictly increasing: {@link SnapshotSeries#of} then {@link #add}. */
    public int add(SeriesKey key, long[] timestamps, double[] values, int n) {
        return add(SnapshotSeries.of(key, timestamps, values, n));
    }

    private static void insert(PreparedStatement ps, int id, List<SnapshotSeries.Piece> pieces) throws SQLException {
        for (SnapshotSeries.Piece p : pieces) {
            ps.setInt(1, id);
            ps.setLong(2, p.start());
            ps.setLong(3, p.end());
            ps.setInt(4, p.count());
            ps.setLong(5, p.crc());
            ps.setBytes(6, p.data());
            ps.executeUpdate();
        }
    }

    /** Adds a state record (a kind's current value under a key), as the state file holds it. */
    public void addRecord(String kind, String key, long updatedMs, String body) {
        checkBody(body);
        byte[] order = (kind + '\0' + key).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (lastRecord != null && java.util.Arrays.compareUnsigned(lastRecord, order) >= 0) {
            // the digest is computed as rows come: they must come in the table's order (SQLite's, bytewise)
            throw new IllegalArgumentException("records must be added in order of kind and key, each once");
        }
        lastRecord = order;
        digest.record(kind, key, updatedMs, body);
        run(() -> {
            insertRecord.setString(1, kind);
            insertRecord.setString(2, key);
            insertRecord.setLong(3, updatedMs);
            insertRecord.setString(4, body);
            insertRecord.executeUpdate();
        });
    }

    /** Adds a log entry; entries are numbered in the order added. */
    public void addLog(String kind, String key, long ts, String body) {
        checkBody(body);
        long seq = nextLogSeq++;
        digest.log(seq, kind, key, ts, body);
        run(() -> {
            insertLog.setLong(1, seq);
            insertLog.setString(2, kind);
            insertLog.setString(3, key);
            insertLog.setLong(4, ts);
            insertLog.setString(5, body);
            insertLog.executeUpdate();
        });
    }

    private void checkOpen() {
        if (contentDone || closed) {
            throw new IllegalStateException("the snapshot's content is complete: nothing can be added");
        }
    }

    private void checkBody(String body) {
        checkOpen();
        if (body.length() > SnapshotSchema.MAX_BODY_BYTES / 4) {
            throw new IllegalArgumentException("a state body of " + body.length() + " characters is more than a"
                    + " snapshot holds");
        }
    }

    /** Ends the content: its counts, for the manifest. Nothing may be added after. */
    public Content content() {
        checkOpen();
        SnapshotContentDigest.Result r = digest.counts();
        contentDone = true;
        return new Content(r.series(), r.chunks(), r.samples(), r.rollups(), r.buckets(), r.records(), r.logs());
    }

    /**
     * Writes the manifest and the content's digest (docs/snapshots.md: over the manifest's text and
     * every row, computed as they were added, no second pass over the file), puts the file on disk
     * and gives it the target's name (replacing a file there); the snapshot is complete when this
     * returns. Returns the digest.
     */
    public String commit(String manifestJson) {
        return commit(manifestJson, null);
    }

    /** As {@link #commit(String)}, signed by {@code sign} (given the digest) when it is not null. */
    public String commit(String manifestJson, java.util.function.Function<String, Signature> sign) {
        if (!contentDone) {
            throw new IllegalStateException("commit needs the content complete first: call content()");
        }
        if (manifestJson.length() > SnapshotSchema.MAX_MANIFEST_BYTES / 4) {
            throw new IllegalArgumentException("manifest too large");
        }
        String sha256 = digest.finish(manifestJson.getBytes(java.nio.charset.StandardCharsets.UTF_8)).sha256();
        Signature signature = sign == null ? null : sign.apply(sha256);
        run(() -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "INSERT INTO manifest(one, body, sha256, signer, signature) VALUES(1, ?, ?, ?, ?)")) {
                ps.setString(1, manifestJson);
                ps.setString(2, sha256);
                ps.setString(3, signature == null ? null : signature.signer());
                ps.setString(4, signature == null ? null : signature.value());
                ps.executeUpdate();
            }
            connection.commit();
            insertSeries.close();
            insertChunk.close();
            insertRollup.close();
            insertRecord.close();
            insertLog.close();
            connection.close();
        });
        closed = true;
        try {
            try (FileChannel ch = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            }
            syncDirectory(target.toAbsolutePath().getParent());
        } catch (IOException e) {
            deleteQuietly(partial);
            throw io("Cannot write the snapshot " + target, e);
        }
        committed = true;
        return sha256;
    }

    /** So that the rename itself is on disk; not every system can open a directory for it (Windows). */
    private static void syncDirectory(Path dir) {
        if (dir == null) {
            return;
        }
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // the file itself is on disk; only its name may wait for the system's next flush
        }
    }

    /** Without a commit: throws the partial file away. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            SnapshotSchema.closeQuietly(connection);
        }
        if (!committed) {
            deleteQuietly(partial);
        }
    }

    public Path target() {
        return target;
    }

    @FunctionalInterface
    private interface SqlRun {
        void run() throws SQLException;
    }

    @FunctionalInterface
    private interface SqlCall<T> {
        T call() throws SQLException;
    }

    private void run(SqlRun r) {
        call(() -> {
            r.run();
            return null;
        });
    }

    private <T> T call(SqlCall<T> c) {
        if (closed) {
            throw new IllegalStateException("the snapshot writer is closed");
        }
        try {
            return c.call();
        } catch (SQLException e) {
            throw translate(e, partial);
        }
    }

    private static SnapshotFileException translate(SQLException e, Path file) {
        int code = e.getErrorCode() & 0xFF;
        String why = code == 13 ? "the disk is full" : code == 8 ? "the place is read-only" : e.getMessage();
        return new SnapshotFileException(SnapshotFileException.Kind.IO, "Cannot write the snapshot " + file + ": " + why
                + ". Nothing was left behind; choose another place for it.", e);
    }

    private static SnapshotFileException io(String what, IOException e) {
        return new SnapshotFileException(SnapshotFileException.Kind.IO, what + ": " + e.getMessage()
                + ". Choose another place for the snapshot.", e);
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a partial file that cannot be deleted is named as such; the next export replaces it
        }
    }
}
