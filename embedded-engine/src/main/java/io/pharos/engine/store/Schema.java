package io.pharos.engine.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * A Pharos SQLite file's schema and its versioned migrations. Each kind of file (the metric store,
 * the state of alerts and incidents) is recognised by its application_id; its schema version is
 * SQLite's user_version. Migrations run in order, each in its own transaction, and are never
 * edited once released: a change is a new migration.
 */
final class Schema {
    /** "PHRS" in ASCII: marks a SQLite file as a Pharos store. */
    static final int APPLICATION_ID = 0x50485253;

    private static final List<String[]> STORE_MIGRATIONS = List.<String[]>of(
            // 1: series, write-ahead batches, chunks (raw and rollups), metadata
            new String[] {
                "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)",
                "CREATE TABLE series(id INTEGER PRIMARY KEY, metric TEXT NOT NULL, labels TEXT NOT NULL,"
                        + " UNIQUE(metric, labels))",
                "CREATE TABLE series_label(series_id INTEGER NOT NULL REFERENCES series(id), name TEXT NOT NULL,"
                        + " value TEXT NOT NULL, PRIMARY KEY(series_id, name)) WITHOUT ROWID",
                "CREATE TABLE wal_batch(seq INTEGER PRIMARY KEY, min_ts INTEGER NOT NULL, max_ts INTEGER NOT NULL,"
                        + " samples INTEGER NOT NULL, crc INTEGER NOT NULL, data BLOB NOT NULL)",
                "CREATE TABLE chunk(id INTEGER PRIMARY KEY, series_id INTEGER NOT NULL, resolution_ms INTEGER NOT NULL,"
                        + " start_ts INTEGER NOT NULL, end_ts INTEGER NOT NULL, samples INTEGER NOT NULL,"
                        + " crc INTEGER NOT NULL, data BLOB NOT NULL)",
                "CREATE UNIQUE INDEX chunk_by_series ON chunk(series_id, resolution_ms, start_ts)",
            },
            // 2: the series as one row, read at open instead of one row each (SeriesSnapshot)
            new String[] {
                "CREATE TABLE series_snapshot(one INTEGER PRIMARY KEY CHECK(one = 1), max_id INTEGER NOT NULL,"
                        + " series INTEGER NOT NULL, crc INTEGER NOT NULL, data BLOB NOT NULL)",
            });

    /** The metric store, pharos.db. */
    static final Schema STORE = new Schema("Pharos store", APPLICATION_ID, STORE_MIGRATIONS);

    private final String what;
    private final int applicationId;
    private final List<String[]> migrations;

    Schema(String what, int applicationId, List<String[]> migrations) {
        this.what = what;
        this.applicationId = applicationId;
        this.migrations = migrations;
    }

    int latestVersion() {
        return migrations.size();
    }

    /**
     * Checks, without writing anything, that an existing file is a Pharos store this version can open.
     */
    void checkExistingFile(Path file) {
        byte[] header = new byte[100];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(header, 0, header.length);
        } catch (IOException e) {
            throw new StoreException(StoreException.Kind.IO, "Cannot read " + file + ": " + e.getMessage()
                    + ". Check the file's permissions, or choose another data directory with --data-dir.", e);
        }
        if (n == 0) {
            return; // an empty file is what SQLite itself creates; treat it as new
        }
        String magic = new String(header, 0, Math.min(n, 16), java.nio.charset.StandardCharsets.ISO_8859_1);
        if (n < 100 || !magic.equals("SQLite format 3\0")) {
            throw notAStore(file, "it is not an SQLite database");
        }
        int appId = readInt(header, 68);
        int userVersion = readInt(header, 60);
        if (appId != applicationId) {
            throw notAStore(file, "it is an SQLite database of another application (application_id "
                    + Integer.toHexString(appId) + ")");
        }
        if (userVersion > latestVersion()) {
            throw new StoreException(StoreException.Kind.NEWER_SCHEMA, "The " + what + " " + file + " has schema version "
                    + userVersion + ", written by a newer Pharos; this version reads up to " + latestVersion()
                    + ". Use the newer Pharos, or choose another data directory with --data-dir. The file was not changed.");
        }
    }

    private StoreException notAStore(Path file, String why) {
        return new StoreException(StoreException.Kind.NOT_A_STORE, "The file " + file + " is not a " + what + ": " + why
                + ". Pharos left it untouched. Move it away, or choose another data directory with --data-dir.");
    }

    private static int readInt(byte[] b, int off) {
        return ((b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    }

    /**
     * Creates a new store file: page size, vacuum mode and application id first (SQLite ignores the
     * first two once the file has pages, and switching to WAL writes one), then the schema, then WAL.
     */
    void create(Path file, int pageSize) throws SQLException {
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
             Statement st = c.createStatement()) {
            st.execute("PRAGMA page_size=" + pageSize);
            st.execute("PRAGMA auto_vacuum=INCREMENTAL");
            st.execute("PRAGMA application_id=" + applicationId);
            migrate(c);
            st.execute("PRAGMA journal_mode=WAL");
        }
    }

    /** Brings a freshly opened connection's schema to the latest version. */
    void migrate(Connection c) throws SQLException {
        int version;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA user_version")) {
            version = rs.next() ? rs.getInt(1) : 0;
        }
        for (int v = version; v < latestVersion(); v++) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                for (String sql : migrations.get(v)) {
                    st.execute(sql);
                }
                st.execute("PRAGMA user_version=" + (v + 1));
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        }
    }
}
