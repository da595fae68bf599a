package io.pharos.engine.store;

import java.util.List;
import java.util.Map;

/**
 * The tables of a snapshot file, format version 1 (docs/snapshots.md). A snapshot is written once
 * and never migrated: a reader accepts exactly the schema objects below, with exactly this SQL, and
 * refuses a file with anything else (a view, a trigger, another column), so nothing a crafted file
 * defines is ever run.
 */
final class SnapshotSchema {
    /** "PHSN" in ASCII: marks a SQLite file as a Pharos snapshot. */
    static final int APPLICATION_ID = 0x5048534E;
    /** The format this version writes and the newest it reads (SQLite's user_version). */
    static final int FORMAT_VERSION = 1;

    static final String MANIFEST = "CREATE TABLE manifest(one INTEGER PRIMARY KEY CHECK(one = 1), body TEXT NOT NULL,"
            + " sha256 TEXT NOT NULL, signer TEXT, signature TEXT)";
    static final String SERIES = "CREATE TABLE series(id INTEGER PRIMARY KEY, metric TEXT NOT NULL, labels TEXT NOT NULL)";
    static final String CHUNK = "CREATE TABLE chunk(series_id INTEGER NOT NULL, start_ts INTEGER NOT NULL,"
            + " end_ts INTEGER NOT NULL, samples INTEGER NOT NULL, crc INTEGER NOT NULL, data BLOB NOT NULL,"
            + " PRIMARY KEY(series_id, start_ts))";
    static final String ROLLUP = "CREATE TABLE rollup(series_id INTEGER NOT NULL, start_ts INTEGER NOT NULL,"
            + " end_ts INTEGER NOT NULL, buckets INTEGER NOT NULL, crc INTEGER NOT NULL, data BLOB NOT NULL,"
            + " PRIMARY KEY(series_id, start_ts))";
    static final String RECORD = "CREATE TABLE record(kind TEXT NOT NULL, key TEXT NOT NULL, updated_ms INTEGER NOT NULL,"
            + " body TEXT NOT NULL, PRIMARY KEY(kind, key)) WITHOUT ROWID";
    static final String LOG = "CREATE TABLE log(seq INTEGER PRIMARY KEY, kind TEXT NOT NULL, key TEXT NOT NULL,"
            + " ts INTEGER NOT NULL, body TEXT NOT NULL)";

    static final List<String> CREATE = List.of(MANIFEST, SERIES, CHUNK, ROLLUP, RECORD, LOG);

    /**
     * Every object sqlite_schema may list, by name: its type and SQL (null for the automatic index of
     * a primary key, which SQLite makes without SQL).
     */
    static final Map<String, Object[]> EXPECTED = Map.of( // record is WITHOUT ROWID: its key is the table
            "manifest", new Object[] {"table", MANIFEST},
            "series", new Object[] {"table", SERIES},
            "chunk", new Object[] {"table", CHUNK},
            "sqlite_autoindex_chunk_1", new Object[] {"index", null},
            "rollup", new Object[] {"table", ROLLUP},
            "sqlite_autoindex_rollup_1", new Object[] {"index", null},
            "record", new Object[] {"table", RECORD},
            "log", new Object[] {"table", LOG});

    /** Bounds a reader holds a file to; a writer stays inside them. */
    static final int MAX_MANIFEST_BYTES = 1 << 20;
    static final int MAX_CHUNK_SAMPLES = 16_384;
    static final int MAX_CHUNK_BYTES = 1 << 20;
    static final int MAX_BODY_BYTES = 4 << 20;
    static final int MAX_LABELS_BYTES = 64 << 10;
    static final long MAX_SERIES = 10_000_000;
    /** Samples or steps one read returns at most (64-160 MB of arrays): 46 days of a 1 s series. */
    static final int MAX_READ_VALUES = 4_000_000;

    private SnapshotSchema() {
    }

    /** Closes a snapshot file's connection when something already failed or nothing was written. */
    static void closeQuietly(java.sql.Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (java.sql.SQLException ignored) {
            // the first error, if any, is the one reported
        }
    }
}
