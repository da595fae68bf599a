package io.pharos.engine.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;

/**
 * The engine's durable state beside the metric store: alert states, silences, acknowledgements,
 * notification queues, incidents and their timelines. A second SQLite file (state.db) so that
 * its small, frequent, fully synchronous commits never wait behind a metric compaction.
 *
 * <p>Two shapes cover every user: <em>records</em>, the current value of something under a kind
 * and a key (an alert's state, a silence), replaced as a whole; and <em>logs</em>, append-only
 * entries under a kind with a sequence number, a time and a key (alert history, a timeline).
 * Bodies are text (JSON, written by the owning package), so SQL stays in this package and each
 * domain package owns its own format. A {@link #write} is one transaction, on disk when it
 * returns (synchronous=FULL).
 */
public final class StateStore implements AutoCloseable {
    public static final String FILE_NAME = "state.db";

    /** "PHST" in ASCII: marks a SQLite file as Pharos state. */
    static final int APPLICATION_ID = 0x50485354;

    static final Schema SCHEMA = new Schema("Pharos state file", APPLICATION_ID, List.<String[]>of(
            // 1: records and logs
            new String[] {
                "CREATE TABLE record(kind TEXT NOT NULL, key TEXT NOT NULL, updated_ms INTEGER NOT NULL,"
                        + " body TEXT NOT NULL, PRIMARY KEY(kind, key)) WITHOUT ROWID",
                "CREATE TABLE log(seq INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, key TEXT NOT NULL,"
                        + " ts INTEGER NOT NULL, body TEXT NOT NULL)",
                "CREATE INDEX log_by_time ON log(kind, ts)",
                "CREATE INDEX log_by_key ON log(kind, key, seq)",
            }));

    /** A stored record. */
    public record Record(String kind, String key, long updatedMs, String body) {
    }

    /** A log entry; {@code seq} grows with every append, across kinds. */
    public record LogEntry(long seq, String kind, String key, long ts, String body) {
    }

    /** Reads inside a {@link #read} or {@link #write}. */
    public interface Reader {
        Optional<Record> get(String kind, String key);

        /** Every record of a kind, by key. */
        List<Record> list(String kind);

        /**
         * Log entries of a kind with {@code fromTs <= ts < toTs}, for one key or all ({@code key}
         * null), oldest first, at most {@code limit}.
         */
        List<LogEntry> log(String kind, String key, long fromTs, long toTs, int limit);

        /** Log entries of a kind after a sequence number, oldest first, at most {@code limit}. */
        List<LogEntry> logAfter(String kind, long afterSeq, int limit);
    }

    /** Reads and writes of one transaction. */
    public interface Transaction extends Reader {
        void put(String kind, String key, long updatedMs, String body);

        /** Returns whether the record existed. */
        boolean delete(String kind, String key);

        /** Appends a log entry and returns its sequence number. */
        long append(String kind, String key, long ts, String body);

        /** Deletes the log entries of a kind with {@code ts < beforeTs} (retention); returns how many. */
        int deleteLog(String kind, long beforeTs);
    }

    @FunctionalInterface
    public interface Work<T> {
        T run(Transaction tx);
    }

    private final Path file;
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean closed;

    private StateStore(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /**
     * Opens (or creates) the state file in a data directory. A file that is not Pharos state, or
     * of a newer version, is refused untouched with a message a person can act on.
     */
    public static StateStore open(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new StoreException(StoreException.Kind.READ_ONLY, "Cannot create the data directory " + dataDir + " ("
                    + e.getMessage() + "). Choose a writable place with --data-dir.", e);
        }
        boolean exists = Files.exists(file);
        if (exists) {
            SCHEMA.checkExistingFile(file);
        }
        try {
            if (!exists || Files.size(file) == 0) {
                SCHEMA.create(file, 4096);
            }
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            // FULL: an acknowledgement or a queued notification must survive power loss, not only a crash.
            config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
            config.setBusyTimeout(10_000);
            Connection c = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try {
                SCHEMA.migrate(c);
                c.setAutoCommit(false);
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            return new StateStore(file, c);
        } catch (SQLException e) {
            throw TimeSeriesStore.translate(e, "open the state file " + file);
        } catch (IOException e) {
            throw new StoreException(StoreException.Kind.IO, "Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /** Runs {@code work} in one transaction: all of it is on disk when this returns, or none of it. */
    public <T> T write(Work<T> work) {
        lock.lock();
        try {
            checkOpen();
            try {
                T result = work.run(new Tx());
                connection.commit();
                return result;
            } catch (SQLException e) {
                rollbackQuietly();
                throw TimeSeriesStore.translate(e, "save state to " + file);
            } catch (RuntimeException e) {
                rollbackQuietly();
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code work} on a consistent view; it must not write. */
    public <T> T read(java.util.function.Function<Reader, T> work) {
        lock.lock();
        try {
            checkOpen();
            try {
                return work.apply(new Tx());
            } finally {
                rollbackQuietly(); // ends the read transaction
            }
        } finally {
            lock.unlock();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the state file is closed");
        }
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is failing; the first error is the one reported
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            connection.close();
        } catch (SQLException e) {
            throw TimeSeriesStore.translate(e, "close the state file " + file);
        } finally {
            lock.unlock();
        }
    }

    private final class Tx implements Transaction {
        @Override
        public Optional<Record> get(String kind, String key) {
            return sql(() -> {
                try (PreparedStatement ps = connection.prepareStatement(
                        "SELECT updated_ms, body FROM record WHERE kind=? AND key=?")) {
                    ps.setString(1, kind);
                    ps.setString(2, key);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? Optional.of(new Record(kind, key, rs.getLong(1), rs.getString(2)))
                                : Optional.<Record>empty();
                    }
                }
            });
        }

        @Override
        public List<Record> list(String kind) {
            return sql(() -> {
                try (PreparedStatement ps = connection.prepareStatement(
                        "SELECT key, updated_ms, body FROM record WHERE kind=? ORDER BY key")) {
                    ps.setString(1, kind);
                    List<Record> out = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(new Record(kind, rs.getString(1), rs.getLong(2), rs.getString(3)));
                        }
                    }
                    return out;
                }
            });
        }

        @Override
        public List<LogEntry> log(String kind, String key, long fromTs, long toTs, int limit) {
            return sql(() -> {
                String where = key == null ? "kind=? AND ts>=? AND ts<?" : "kind=? AND ts>=? AND ts<? AND key=?";
                try (PreparedStatement ps = connection.prepareStatement(
                        "SELECT seq, key, ts, body FROM log WHERE " + where + " ORDER BY seq LIMIT ?")) {
                    int i = 1;
                    ps.setString(i++, kind);
                    ps.setLong(i++, fromTs);
                    ps.setLong(i++, toTs);
                    if (key != null) {
                        ps.setString(i++, key);
                    }
                    ps.setInt(i, limit);
                    return entries(kind, ps);
                }
            });
        }

        @Override
        public List<LogEntry> logAfter(String kind, long afterSeq, int limit) {
            return sql(() -> {
                try (PreparedStatement ps = connection.prepareStatement(
                        "SELECT seq, key, ts, body FROM log WHERE kind=? AND seq>? ORDER BY seq LIMIT ?")) {
                    ps.setString(1, kind);
                    ps.setLong(2, afterSeq);
                    ps.setInt(3, limit);
                    return entries(kind, ps);
                }
            });
        }

        private List<LogEntry> entries(String kind, PreparedStatement ps) throws SQLException {
            List<LogEntry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new LogEntry(rs.getLong(1), kind, rs.getString(2), rs.getLong(3), rs.getString(4)));
                }
            }
            return out;
        }

        @Override
        public void put(String kind, String key, long updatedMs, String body) {
            sql(() -> {
                try (PreparedStatement ps = connection.prepareStatement(
                        "INSERT INTO record(kind, key, updated_ms, body) VALUES(?,?,?,?)"
                                + " ON CONFLICT(kind, key) DO UPDATE SET updated_ms=excluded.updated_ms, body=excluded.body")) {
                    ps.setString(1, kind);
                    ps.setString(2, key);
                    ps.setLong(3, updatedMs);
                    ps.setString(4, body);
                    return ps.executeUpdate();
                }
            });
        }

        @Override
        public boolean delete(String kind, String key) {
            return sql(() -> {
                try (PreparedStatement ps = connection.prepareStatement("DELETE FROM record WHERE kind=? AND key=?")) {
                    ps.setString(1, kind);
                    ps.setString(2, key);
                    return ps.executeUpdate() > 0;
                }
            });
        }

        @Override
        public long append(String kind, String key, long ts, String body) {
            return sql(() -> {
                try (PreparedStatement ps = connection.prepareStatement(
                        "INSERT INTO log(kind, key, ts, body) VALUES(?,?,?,?)", java.sql.Statement.RETURN_GENERATED_KEYS)) {
                    ps.setString(1, kind);
                    ps.setString(2, key);
                    ps.setLong(3, ts);
                    ps.setString(4, body);
                    ps.executeUpdate();
                    try (ResultSet rs = ps.getGeneratedKeys()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }
            });
        }

        @Override
        public int deleteLog(String kind, long beforeTs) {
            return sql(() -> {
                try (PreparedStatement ps = connection.prepareStatement("DELETE FROM log WHERE kind=? AND ts<?")) {
                    ps.setString(1, kind);
                    ps.setLong(2, beforeTs);
                    return ps.executeUpdate();
                }
            });
        }
    }

    @FunctionalInterface
    private interface SqlCall<T> {
        T call() throws SQLException;
    }

    private <T> T sql(SqlCall<T> call) {
        try {
            return call.call();
        } catch (SQLException e) {
            throw TimeSeriesStore.translate(e, "use the state file " + file);
        }
    }
}
