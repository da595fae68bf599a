package io.pharos.engine.store;

import io.pharos.engine.model.Labels;
import io.pharos.engine.model.Matcher;
import io.pharos.engine.model.SeriesKey;
import io.pharos.engine.store.SampleEncoder.EncodedBlock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The durable time-series store (docs/storage.md). Live writes go through an {@link Appender}: each
 * commit is one row in the write-ahead table, then lands in the in-memory head. Background
 * compaction turns finished windows of the head into compressed per-series chunks and rollups and
 * deletes the write-ahead rows they cover. One writer (a lock around one connection), concurrent
 * readers (a pool of read-only connections; SQLite's WAL mode gives each a consistent snapshot).
 */
public final class TimeSeriesStore implements SeriesReader, AutoCloseable {
    public static final String FILE_NAME = "pharos.db";
    private static final Logger LOG = LoggerFactory.getLogger(TimeSeriesStore.class);
    private static final int READERS = 4;
    private static final int COMPACTION_BATCH = 2000;
    private static final long RETENTION_EVERY_MS = 600_000;
    /**
     * Every chunk lies within one block of this length: live windows are smaller, history is written
     * in whole blocks (fewer, larger chunks for sparse data). Reads start at the block of their range.
     */
    static final long BLOCK_MS = 7_200_000;

    private final Path file;
    private final StoreOptions options;
    private final long windowMs;
    private final long rollupMs;
    private final Connection writer;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final SeriesIndex index = new SeriesIndex();
    private volatile MemSeries[] heads = new MemSeries[1024];
    /**
     * Per series, an upper bound of the newest raw chunk's last timestamp (Long.MIN_VALUE: none). A
     * read starting after it needs no SQL: everything newer is in the head. Raised before the chunk's
     * transaction commits and before the head drops the window, so a reader never misses a sample.
     */
    private volatile long[] diskEnd = filled(1024);
    /** False until the bounds of the chunks already on disk are loaded (in the background, after open). */
    private volatile boolean diskEndLoaded;
    /** The highest series id in the store's series snapshot; written under the write lock. */
    private volatile int snapshotMaxId;
    private final BlockingQueue<ReadConnection> readers = new ArrayBlockingQueue<>(READERS);
    private final ScheduledExecutorService compactor;
    private final ChunkWriter chunkWriter;
    private final DayRollups dayRollups;
    private final PreparedStatement insertWal;
    private final PreparedStatement insertSeries;
    private final PreparedStatement insertLabel;
    private volatile long compactedUntil = Long.MIN_VALUE;
    private volatile long minAppendTs = Long.MIN_VALUE;
    private volatile long maxTs = Long.MIN_VALUE;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong outOfOrder = new AtomicLong();
    private final AtomicLong tooOld = new AtomicLong();
    private final AtomicLong damagedChunks = new AtomicLong();
    private volatile boolean closed;
    private long lastRetentionMs = Long.MIN_VALUE / 2;

    private TimeSeriesStore(Path file, StoreOptions options) throws SQLException {
        if (!Files.exists(file) || sizeOf(file) == 0) {
            // 8 KiB pages, measured against 4 KiB (docs/benchmarks.md): bulk history as fast and a little
            // smaller, and an hour of 1 s data per chunk stays inline (4 KiB spills it to overflow pages).
            Schema.STORE.create(file, 8192);
        }
        this.file = file;
        this.options = options;
        this.windowMs = options.windowMs();
        if (windowMs <= 0 || BLOCK_MS % windowMs != 0) {
            throw new IllegalArgumentException("the chunk window must divide 2 hours, got " + options.chunkWindow());
        }
        this.rollupMs = options.rollupMs();
        this.writer = connect(file, false, options);
        try {
            Schema.STORE.migrate(writer);
            writer.setAutoCommit(false);
            chunkWriter = new ChunkWriter(writer, rollupMs, this::noteDiskEnd);
            dayRollups = new DayRollups(writeLock, writer, this::readDayForRollup, index::maxId, this::rollbackQuietly);
            insertWal = writer.prepareStatement("INSERT INTO wal_batch(min_ts, max_ts, samples, crc, data) VALUES(?,?,?,?,?)");
            insertSeries = writer.prepareStatement("INSERT INTO series(metric, labels) VALUES(?,?)",
                    Statement.RETURN_GENERATED_KEYS);
            insertLabel = writer.prepareStatement("INSERT INTO series_label(series_id, name, value) VALUES(?,?,?)");
            loadSeries();
            loadMeta();
            replayWal();
            for (int i = 0; i < READERS; i++) {
                readers.add(new ReadConnection(connect(file, true, options)));
            }
        } catch (SQLException | RuntimeException e) {
            // A store that fails to open leaves no connection (and no file handle) behind.
            readers.forEach(ReadConnection::close);
            try {
                writer.close();
            } catch (SQLException ignored) {
                // already failing; the first error is the one to report
            }
            throw e;
        }
        compactor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pharos-store-compaction");
            t.setDaemon(true);
            return t;
        });
        // Off the start's path: until loaded, reads look on disk for every series (correct, a little slower).
        compactor.execute(this::loadDiskEndQuietly);
        long every = options.compactionInterval().toMillis();
        if (every > 0) {
            compactor.scheduleWithFixedDelay(this::compactQuietly, every, every, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Opens (or creates) the store in a data directory. Problems come back as a {@link StoreException}
     * whose message a person can act on; a file that is not a Pharos store is never modified.
     */
    public static TimeSeriesStore open(Path dataDir, StoreOptions options) {
        Path file = dataDir.resolve(FILE_NAME);
        prepareDirectory(dataDir);
        if (Files.exists(file)) {
            if (Files.isDirectory(file)) {
                throw new StoreException(StoreException.Kind.NOT_A_STORE, file + " is a directory, not a Pharos store."
                        + " Remove it, or choose another data directory with --data-dir.");
            }
            Schema.STORE.checkExistingFile(file);
        }
        try {
            return new TimeSeriesStore(file, options);
        } catch (SQLException e) {
            throw translate(e, "open the store " + file);
        }
    }

    private static void prepareDirectory(Path dir) {
        try {
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new StoreException(StoreException.Kind.IO, "The data directory " + dir
                        + " is a file, not a directory. Choose another data directory with --data-dir.");
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StoreException(StoreException.Kind.READ_ONLY, "Cannot create the data directory " + dir + " ("
                    + e.getMessage() + "). Choose a writable place with --data-dir.", e);
        }
        if (!Files.isWritable(dir)) {
            throw new StoreException(StoreException.Kind.READ_ONLY, "The data directory " + dir
                    + " is read-only: Pharos keeps its store there and needs to write. Fix its permissions, or choose"
                    + " another data directory with --data-dir.");
        }
    }

    private static Connection connect(Path file, boolean readOnly, StoreOptions options) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // NORMAL in WAL mode: a commit survives a crash of the process; FULL also survives power loss.
        config.setSynchronous(options.fullSync() ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(10_000);
        config.setTempStore(SQLiteConfig.TempStore.MEMORY);
        config.setCacheSize(-32_000);
        if (readOnly) {
            config.setReadOnly(true);
        }
        Connection c = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
        if (!readOnly && options.maxPageCount() > 0) {
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA max_page_count=" + options.maxPageCount());
            }
        }
        return c;
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    static StoreException translate(SQLException e, String action) {
        int code = e.getErrorCode() & 0xFF;
        return switch (code) {
            case 13 -> new StoreException(StoreException.Kind.DISK_FULL, "Could not " + action
                    + ": the disk is full. Nothing that was acknowledged is lost; free some space (or lower the"
                    + " retention) and Pharos goes on writing.", e);
            case 8 -> new StoreException(StoreException.Kind.READ_ONLY, "Could not " + action
                    + ": the store is read-only. Fix the permissions of the data directory, or choose another with"
                    + " --data-dir.", e);
            case 11, 26 -> new StoreException(StoreException.Kind.CORRUPT, "Could not " + action
                    + ": the store file is damaged (" + e.getMessage() + "). Keep a copy of it for analysis and start"
                    + " with another data directory.", e);
            default -> new StoreException(StoreException.Kind.IO, "Could not " + action + ": " + e.getMessage(), e);
        };
    }

    // ---------------------------------------------------------------- opening

    /**
     * Reads the series: the snapshot first (one row), then the rows of series made after it, every
     * row when there is no usable snapshot. A row is read from its canonical label text (the label
     * table, a row per pair, is five times the rows and as many times slower to walk), sharing equal
     * strings: a fleet repeats a few hundred names and values across tens of thousands of series.
     */
    private void loadSeries() throws SQLException {
        SeriesSnapshot.Series snapshot = SeriesSnapshot.read(writer,
                why -> LOG.warn("{}; the series are read one by one and the snapshot written again", why));
        int[] ids = snapshot == null ? new int[1024] : Arrays.copyOf(snapshot.ids(), snapshot.count() + 64);
        SeriesKey[] keys = snapshot == null ? new SeriesKey[1024] : Arrays.copyOf(snapshot.keys(), ids.length);
        int count = snapshot == null ? 0 : snapshot.count();
        int after = snapshot == null ? 0 : snapshot.maxId();
        snapshotMaxId = after;
        Map<String, String> shared = new HashMap<>();
        java.util.function.UnaryOperator<String> share = v -> shared.computeIfAbsent(v, x -> x);
        try (PreparedStatement ps = writer.prepareStatement("SELECT id, metric, labels FROM series WHERE id > ? ORDER BY id")) {
            ps.setInt(1, after);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int id = rs.getInt(1);
                    String text = rs.getString(3);
                    Labels labels;
                    try {
                        labels = Labels.parseCanonical(text, share);
                    } catch (IllegalArgumentException e) {
                        LOG.warn("Series {}: {}; reading its labels one by one", id, e.getMessage());
                        labels = labelsOf(id);
                    }
                    if (count == ids.length) {
                        ids = Arrays.copyOf(ids, count * 2);
                        keys = Arrays.copyOf(keys, count * 2);
                    }
                    ids[count] = id;
                    keys[count++] = new SeriesKey(share.apply(rs.getString(2)), labels);
                }
            }
        }
        index.addAll(ids, keys, count);
        addHeads(ids, count);
    }

    /**
     * Writes the series snapshot when series were made since the last one, so that the next open
     * reads them in one row. Writer thread; takes the write lock and commits.
     */
    private void snapshotSeriesIfGrown() {
        if (closed || index.maxId() <= snapshotMaxId) {
            return;
        }
        // Encoded before the lock is taken, so that ingest goes on meanwhile: the index holds only
        // committed series (registered after their commit), so this is true whatever comes next.
        SeriesSnapshot.Series all = index.all();
        byte[] data = SeriesSnapshot.encode(all);
        boolean written = inWriteTransaction("write the series snapshot", () -> {
            if (closed || all.maxId() <= snapshotMaxId) {
                return false;
            }
            SeriesSnapshot.write(writer, all, data);
            return true;
        });
        if (written) {
            snapshotMaxId = all.maxId(); // only once committed: a failed commit writes it again next turn
        }
    }

    /** Work of the writer connection that commits as a whole or not at all. */
    @FunctionalInterface
    private interface WriterWork<T> {
        T run() throws SQLException;
    }

    /**
     * Runs {@code work} under the write lock and commits it; on any failure rolls back, still under
     * the lock (never another thread's work), and reports a SQL error as "Could not {@code action}".
     */
    private <T> T inWriteTransaction(String action, WriterWork<T> work) {
        writeLock.lock();
        try {
            T result = work.run();
            writer.commit();
            return result;
        } catch (SQLException e) {
            rollbackQuietly();
            throw translate(e, action);
        } catch (RuntimeException e) {
            rollbackQuietly();
            throw e;
        } finally {
            writeLock.unlock();
        }
    }

    /** A failed snapshot costs the next start time, nothing else: retention and rollups go on. */
    private void snapshotSeriesQuietly() {
        try {
            snapshotSeriesIfGrown();
        } catch (RuntimeException e) {
            LOG.warn("The series snapshot could not be written; the next start reads the series one by one: {}",
                    e.getMessage());
        }
    }

    private Labels labelsOf(int seriesId) throws SQLException {
        Map<String, String> labels = new HashMap<>();
        try (PreparedStatement ps = writer.prepareStatement("SELECT name, value FROM series_label WHERE series_id=?")) {
            ps.setInt(1, seriesId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    labels.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return Labels.of(labels);
    }

    private void loadMeta() throws SQLException {
        try (Statement st = writer.createStatement();
             ResultSet rs = st.executeQuery("SELECT value FROM meta WHERE key='compacted_until'")) {
            if (rs.next()) {
                compactedUntil = Long.parseLong(rs.getString(1));
                minAppendTs = compactedUntil;
            }
        }
    }

    private void replayWal() throws SQLException {
        long batches = 0;
        long damaged = 0;
        try (Statement st = writer.createStatement();
             ResultSet rs = st.executeQuery("SELECT seq, crc, data FROM wal_batch ORDER BY seq")) {
            while (rs.next()) {
                byte[] data = rs.getBytes(3);
                if (WalCodec.crc(data) != rs.getLong(2)) {
                    damaged++;
                    LOG.warn("Write-ahead batch {} fails its checksum and is skipped", rs.getLong(1));
                    continue;
                }
                HeadApply apply = new HeadApply();
                WalCodec.decode(data, apply);
                apply.publish();
                batches++;
            }
        }
        writer.commit();
        if (batches > 0) {
            LOG.info("Replayed {} write-ahead batches ({} damaged)", batches, damaged);
        }
    }

    private void registerSeries(int id, SeriesKey key) {
        index.add(id, key);
        addHeads(new int[] {id}, 1);
    }

    /** An empty head for each new series id, the arrays grown once for all of them. */
    private void addHeads(int[] ids, int count) {
        if (count == 0) {
            return;
        }
        int max = Arrays.stream(ids, 0, count).max().getAsInt();
        MemSeries[] h = heads;
        if (max >= h.length) {
            h = Arrays.copyOf(h, Math.max(max + 1, h.length * 2));
        }
        for (int i = 0; i < count; i++) {
            if (h[ids[i]] == null) {
                h[ids[i]] = new MemSeries(ids[i]);
            }
        }
        heads = h;
        growDiskEnd(max);
    }

    private static long[] filled(int n) {
        long[] a = new long[n];
        Arrays.fill(a, Long.MIN_VALUE);
        return a;
    }

    private synchronized void growDiskEnd(int id) {
        long[] d = diskEnd;
        if (id >= d.length) {
            long[] grown = filled(Math.max(id + 1, d.length * 2));
            System.arraycopy(d, 0, grown, 0, d.length);
            diskEnd = grown;
        }
    }

    private synchronized void noteDiskEnd(int id, long endTs) {
        growDiskEnd(id);
        long[] d = diskEnd;
        if (endTs > d[id]) {
            d[id] = endTs;
            diskEnd = d; // republish: readers see the raised bound
        }
    }

    /**
     * Loads the bound from the chunk index: the latest end among each series' raw chunks that start
     * within a block of its newest one (a chunk spans at most a block, and an imported block may
     * enclose live windows). Index lookups per series: a GROUP BY over the chunk index walks every
     * chunk of the store (two million for a week of the reference fleet). Chunks compacted meanwhile
     * raise their bound themselves; the larger of the two stays.
     */
    private void loadDiskEndQuietly() {
        try {
            withReader(r -> {
                try (Statement st = r.c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT s.id, (SELECT max(end_ts) FROM chunk WHERE series_id = s.id"
                             + " AND resolution_ms = 0 AND start_ts > (SELECT max(start_ts) FROM chunk"
                             + " WHERE series_id = s.id AND resolution_ms = 0) - " + BLOCK_MS + ") FROM series s")) {
                    while (rs.next()) {
                        long newestEnd = rs.getLong(2);
                        if (!rs.wasNull()) {
                            noteDiskEnd(rs.getInt(1), newestEnd);
                        }
                    }
                }
                return null;
            });
            diskEndLoaded = true;
        } catch (RuntimeException e) {
            // Reads stay correct without the bounds, only slower: say so and go on.
            LOG.warn("Could not load where each series' chunks end ({}); reads look on disk for every series",
                    e.getMessage());
        }
    }

    /**
     * Applies committed samples to the head, counting locally and publishing the counters and the
     * newest timestamp once per batch (this runs for every sample on the ingest path).
     */
    private final class HeadApply implements WalCodec.SampleVisitor {
        private final MemSeries[] h = heads;
        private final long floor = minAppendTs;
        long accepted;
        long outOfOrder;
        long tooOld;
        long newest = Long.MIN_VALUE;

        @Override
        public void sample(int id, long ts, double value) {
            if (ts < floor) {
                tooOld++;
                return;
            }
            MemSeries s = id < h.length ? h[id] : null;
            if (s == null) {
                return;
            }
            if (s.append(ts, value, windowMs)) {
                accepted++;
                newest = Math.max(newest, ts);
            } else {
                outOfOrder++;
            }
        }

        /** Publishes the counts; returns the samples accepted. Caller holds the write lock. */
        int publish() {
            TimeSeriesStore.this.accepted.addAndGet(accepted);
            TimeSeriesStore.this.outOfOrder.addAndGet(outOfOrder);
            TimeSeriesStore.this.tooOld.addAndGet(tooOld);
            if (newest > maxTs) {
                maxTs = newest;
            }
            return (int) accepted;
        }
    }

    // ---------------------------------------------------------------- writing

    /** A new appender; one per writing thread. */
    public Appender appender() {
        return new LiveAppender(this);
    }

    /**
     * The live path's floor: samples older than this are refused by {@link #appender()} (their windows
     * are chunks already) and belong to {@link #historyWriter()}.
     */
    public long liveFloorMs() {
        return minAppendTs;
    }

    /** A writer for history that goes straight to chunks (imports, generated history). */
    public HistoryWriter historyWriter() {
        return new ChunkHistoryWriter(this);
    }

    /** Commits one batch durably, then applies it to the head. Returns the samples accepted. */
    int commitBatch(SeriesKey[] keys, long[] ts, double[] values, int n) {
        if (n == 0) {
            return 0;
        }
        ensureOpen();
        writeLock.lock();
        try {
            Map<SeriesKey, Integer> created = new HashMap<>();
            int[] ids = new int[n];
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (int i = 0; i < n; i++) {
                int id = resolveId(keys[i], created);
                ids[i] = id;
                min = Math.min(min, ts[i]);
                max = Math.max(max, ts[i]);
            }
            byte[] data = WalCodec.encode(ids, ts, values, n);
            insertWal.setLong(1, min);
            insertWal.setLong(2, max);
            insertWal.setInt(3, n);
            insertWal.setLong(4, WalCodec.crc(data));
            insertWal.setBytes(5, data);
            insertWal.executeUpdate();
            writer.commit();
            registerCreated(created);
            HeadApply apply = new HeadApply();
            for (int i = 0; i < n; i++) {
                apply.sample(ids[i], ts[i], values[i]);
            }
            return apply.publish();
        } catch (SQLException e) {
            rollbackQuietly();
            throw translate(e, "write " + n + " samples");
        } catch (RuntimeException e) {
            rollbackQuietly(); // never leave a half-done transaction for the next commit to pick up
            throw e;
        } finally {
            writeLock.unlock();
        }
    }

    private int insertSeries(SeriesKey key) throws SQLException {
        insertSeries.setString(1, key.metric());
        insertSeries.setString(2, key.labels().toString());
        insertSeries.executeUpdate();
        int id;
        try (ResultSet rs = insertSeries.getGeneratedKeys()) {
            rs.next();
            id = rs.getInt(1);
        }
        Labels labels = key.labels();
        for (int i = 0; i < labels.size(); i++) {
            insertLabel.setInt(1, id);
            insertLabel.setString(2, labels.name(i));
            insertLabel.setString(3, labels.value(i));
            insertLabel.executeUpdate();
        }
        return id;
    }

    /**
     * The id of a series, inserting a new one inside the current transaction. New series are collected
     * in {@code created} and become visible only through {@link #registerCreated} after the commit, so a
     * rolled back transaction leaves no phantom id behind. Caller holds the write lock.
     */
    int resolveId(SeriesKey key, Map<SeriesKey, Integer> created) throws SQLException {
        Integer id = index.id(key);
        if (id == null) {
            id = created.get(key);
            if (id == null) {
                id = insertSeries(key);
                created.put(key, id);
            }
        }
        return id;
    }

    void registerCreated(Map<SeriesKey, Integer> created) {
        created.forEach((key, id) -> registerSeries(id, key));
    }

    ReentrantLock writeLock() {
        return writeLock;
    }

    Connection writerConnection() {
        return writer;
    }

    ChunkWriter chunkWriter() {
        return chunkWriter;
    }

    long windowMs() {
        return windowMs;
    }

    void rollbackQuietly() {
        chunkWriter.forgetNewest();
        try {
            writer.rollback();
        } catch (SQLException e) {
            LOG.debug("Rollback after a failed write: {}", e.getMessage());
            if (e.getMessage() == null || !e.getMessage().contains("no transaction is active")) {
                return; // ending the transaction another way (a commit) would keep half a write
            }
            // SQLite itself rolls back on some errors (a full disk, an I/O error): the driver still
            // believes a transaction is open and would not begin another, so every later statement
            // would commit on its own. Begin one again.
            try {
                writer.setAutoCommit(true);
            } catch (SQLException alreadyEnded) {
                LOG.debug("Ending the transaction the driver believed open: {}", alreadyEnded.getMessage());
            }
            try {
                writer.setAutoCommit(false);
            } catch (SQLException cannotBegin) {
                LOG.warn("Cannot begin a new write transaction after a failed write: {}", cannotBegin.getMessage());
            }
        }
    }

    // ---------------------------------------------------------------- compaction and retention

    private void compactQuietly() {
        try {
            compact();
            snapshotSeriesQuietly();
            long now = options.clock().millis();
            if (now - lastRetentionMs >= RETENTION_EVERY_MS) {
                lastRetentionMs = now;
                applyRetention();
            }
            // A slice a turn: a whole day of the reference fleet takes seconds of one core.
            dayRollups.rollNextSlice(completeBefore());
        } catch (SQLException e) {
            LOG.error("Rolling up a day failed; it is retried at the next interval: {}", e.getMessage(), e);
        } catch (RuntimeException e) {
            LOG.error("Compaction failed; it is retried at the next interval: {}", e.getMessage(), e);
        }
    }

    /**
     * Writes every head window that ended more than the grace period before the newest sample as
     * chunks and rollups, then forgets the write-ahead rows they cover. Returns the samples written.
     */
    public long compact() {
        long newest = maxTs;
        if (newest == Long.MIN_VALUE) {
            return 0;
        }
        // A sample from the future (a wrong clock somewhere) must not move the boundary past now: from
        // then on every live sample would be refused as too old.
        long grace = options.compactionGrace().toMillis();
        long until = Math.min(newest, options.clock().millis()) - grace;
        long cutoff = Math.floorDiv(until, windowMs) * windowMs;
        return compactBefore(cutoff);
    }

    /** Compacts every head window that starts before {@code cutoff} (for shutdown and tests). */
    public long compactBefore(long cutoff) {
        if (cutoff <= compactedUntil) {
            return 0;
        }
        writeLock.lock();
        try {
            // From now on, samples older than the cutoff are refused: their write-ahead rows are about to go.
            minAppendTs = Math.max(minAppendTs, cutoff);
        } finally {
            writeLock.unlock();
        }
        long written = 0;
        List<MemSeries> touched = new ArrayList<>();
        List<List<MemSeries.Sealed>> taken = new ArrayList<>();
        MemSeries[] h = heads;
        int maxId = index.maxId();
        for (int from = 0; from <= maxId; from += COMPACTION_BATCH) {
            int to = Math.min(maxId + 1, from + COMPACTION_BATCH);
            // Encoding is the expensive part: done before taking the lock, so ingest goes on meanwhile.
            List<Object[]> work = new ArrayList<>();
            for (int id = from; id < to; id++) {
                MemSeries s = id < h.length ? h[id] : null;
                if (s == null) {
                    continue;
                }
                List<MemSeries.Sealed> windows = s.sealBefore(cutoff);
                for (MemSeries.Sealed w : windows) {
                    work.add(new Object[] {id, w});
                }
                if (!windows.isEmpty()) {
                    touched.add(s);
                    taken.add(windows);
                }
            }
            List<ChunkWriter.Prepared> prepared = work.parallelStream()
                    .map(o -> chunkWriter.prepare((Integer) o[0], ((MemSeries.Sealed) o[1]).windowStart(),
                            ((MemSeries.Sealed) o[1]).block(), true))
                    .toList();
            written += inWriteTransaction("compact the head into chunks", () -> {
                long rows = 0;
                long firstWindow = Long.MAX_VALUE;
                for (ChunkWriter.Prepared p : prepared) {
                    rows += chunkWriter.write(p);
                    firstWindow = Math.min(firstWindow, p.windowStart());
                }
                if (firstWindow != Long.MAX_VALUE) {
                    dayRollups.chunksWritten(DayRollups.dayOf(firstWindow));
                }
                return rows;
            });
        }
        inWriteTransaction("finish a compaction", () -> {
            try (PreparedStatement meta = writer.prepareStatement("INSERT INTO meta(key, value)"
                         + " VALUES('compacted_until', ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value");
                 PreparedStatement wal = writer.prepareStatement("DELETE FROM wal_batch WHERE max_ts < ?")) {
                meta.setString(1, Long.toString(cutoff));
                meta.executeUpdate();
                wal.setLong(1, cutoff);
                wal.executeUpdate();
            }
            return null;
        });
        compactedUntil = cutoff;
        for (int i = 0; i < touched.size(); i++) {
            touched.get(i).drop(taken.get(i));
        }
        return written;
    }

    /**
     * Rolls up every complete day not yet rolled (docs/storage.md, "Day rows"); returns how many.
     * The console does it a day at a time in the background; bulk writers call it when done.
     */
    public int rollUpCompleteDays() {
        long before = dayRollups.daysRolled();
        try {
            while (dayRollups.rollNextSlice(completeBefore())) {
                // until no day is due
            }
        } catch (SQLException e) {
            throw translate(e, "roll up complete days");
        }
        return (int) (dayRollups.daysRolled() - before);
    }

    /**
     * Days ending at or before this are complete: nothing can be added to them but history. With live
     * samples in the head, that is what compaction has written; without, the clock's now.
     */
    private long completeBefore() {
        long now = options.clock().millis();
        if (maxTs == Long.MIN_VALUE) {
            return now;
        }
        return Math.min(now, compactedUntil);
    }

    private Downsampled readDayForRollup(int seriesId, long dayStart) {
        SeriesKey key = index.key(seriesId);
        if (key == null) {
            return null;
        }
        return downsample(new SeriesRef(seriesId, key), dayStart, dayStart + DayRollups.DAY_MS - 1,
                DayRollups.HOUR_MS, false, null);
    }

    DayRollups dayRollups() {
        return dayRollups;
    }

    /**
     * Deletes raw chunks and rollups older than their retention. Returns the chunks deleted. Works
     * series by series through the primary index, so it never scans the whole chunk table.
     */
    public int applyRetention() {
        long now = options.clock().millis();
        long rawCutoff = now - options.rawRetention().toMillis();
        long rollupCutoff = now - options.rollupRetention().toMillis();
        int deleted = 0;
        int maxId = index.maxId();
        try (PreparedStatement del = writer.prepareStatement(
                "DELETE FROM chunk WHERE series_id=? AND resolution_ms=? AND start_ts<? AND end_ts<?")) {
            for (int from = 0; from <= maxId; from += COMPACTION_BATCH) {
                writeLock.lock();
                try {
                    for (int id = from; id <= Math.min(maxId, from + COMPACTION_BATCH - 1); id++) {
                        deleted += delete(del, id, 0, rawCutoff);
                        deleted += delete(del, id, rollupMs, rollupCutoff);
                        deleted += delete(del, id, DayRollups.HOUR_MS, rollupCutoff);
                    }
                    writer.commit();
                } catch (SQLException | RuntimeException e) {
                    rollbackQuietly(); // still under the lock: never roll back another thread's work
                    throw e;
                } finally {
                    writeLock.unlock();
                }
            }
            if (deleted > 0) {
                writeLock.lock();
                try {
                    // The pragma answers a row per page freed: closed before the commit, which fails
                    // while a statement is still stepping ("SQL statements in progress").
                    try (Statement st = writer.createStatement()) {
                        st.execute("PRAGMA incremental_vacuum");
                    }
                    writer.commit();
                } finally {
                    writeLock.unlock();
                }
            }
            return deleted;
        } catch (SQLException e) {
            throw translate(e, "apply retention");
        }
    }

    private static int delete(PreparedStatement del, int seriesId, long resolution, long cutoff) throws SQLException {
        del.setInt(1, seriesId);
        del.setLong(2, resolution);
        del.setLong(3, cutoff);
        del.setLong(4, cutoff);
        return del.executeUpdate();
    }

    // ---------------------------------------------------------------- reading

    @Override
    public List<SeriesRef> select(List<Matcher> matchers) {
        int[] ids = index.select(matchers);
        List<SeriesRef> out = new ArrayList<>(ids.length);
        for (int id : ids) {
            out.add(new SeriesRef(id, index.key(id)));
        }
        return out;
    }

    /** The resolution of the minute rollups: reads whose step is a multiple of it use them. */
    long rollupMs() {
        return rollupMs;
    }

    /** How many series the store knows; it changes exactly when a series is added. */
    public int seriesCount() {
        return index.size();
    }

    public SeriesRef ref(SeriesKey key) {
        Integer id = index.id(key);
        return id == null ? null : new SeriesRef(id, key);
    }

    public List<String> metricNames() {
        return index.metrics();
    }

    /** Raw samples of a series with timestamps in [fromMs, toMs]. */
    @Override
    public SeriesSamples read(SeriesRef series, long fromMs, long toMs) {
        return read(series, fromMs, toMs, null);
    }

    /** A chunk on disk as stored: its bytes, checksum and decoded header, for copying it unchanged. */
    record StoredChunk(byte[] data, long crc, EncodedBlock block) {
    }

    /**
     * As {@link #read(SeriesRef, long, long)}, and into {@code whole} (when not null) the disk chunks
     * that lie whole inside the range and apart from the head, ascending: a snapshot copies those as
     * they are instead of encoding their samples again.
     */
    SeriesSamples read(SeriesRef series, long fromMs, long toMs, List<StoredChunk> whole) {
        // Head first, then disk: a compaction finishing in between shows a window twice, never not at all.
        List<EncodedBlock> head = headBlocks(series.id());
        List<EncodedBlock> blocks = new ArrayList<>(head);
        long firstWindow = Math.floorDiv(fromMs, BLOCK_MS) * BLOCK_MS;
        long[] d = diskEnd;
        boolean headOnly = diskEndLoaded && series.id() < d.length && fromMs > d[series.id()];
        if (!headOnly) {
            withReader(r -> {
                PreparedStatement ps = r.rawRange;
                ps.setInt(1, series.id());
                ps.setLong(2, firstWindow);
                ps.setLong(3, toMs);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        byte[] data = checked(rs.getBytes(1), rs.getLong(2), series, rs.getLong(3));
                        if (data != null) {
                            EncodedBlock b = ChunkCodec.decode(data);
                            blocks.add(b);
                            if (whole != null && b.firstTs() >= fromMs && b.lastTs() <= toMs
                                    && !overlapsAny(head, b.firstTs(), b.lastTs())) {
                                whole.add(new StoredChunk(data, rs.getLong(2), b));
                            }
                        }
                    }
                }
                return null;
            });
        }
        int total = 0;
        for (EncodedBlock b : blocks) {
            if (b.lastTs() >= fromMs && b.firstTs() <= toMs) {
                total += b.count();
            }
        }
        long[] ts = new long[total];
        double[] values = new double[total];
        int n = 0;
        blocks.sort((a, b) -> Long.compare(a.firstTs(), b.firstTs()));
        for (EncodedBlock b : blocks) {
            if (b.lastTs() >= fromMs && b.firstTs() <= toMs) {
                n += b.decodeInto(ts, values, n);
            }
        }
        // Keep only [from, to]; blocks are whole windows.
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (ts[i] >= fromMs && ts[i] <= toMs) {
                ts[m] = ts[i];
                values[m] = values[i];
                m++;
            }
        }
        if (!ChunkWriter.strictlyIncreasing(ts, m)) {
            ChunkWriter.Samples s = ChunkWriter.Samples.sortedUnique(ts, values, m);
            return new SeriesSamples(series, s.ts(), s.values(), s.size());
        }
        return new SeriesSamples(series, ts, values, m);
    }

    /**
     * The series in buckets of {@code stepMs} over [fromMs, toMs]. When the step is a multiple of the
     * rollup resolution and the range is aligned to it, windows that have rollups are read from them.
     */
    public Downsampled downsample(SeriesRef series, long fromMs, long toMs, long stepMs) {
        return downsample(series, fromMs, toMs, stepMs, true, null);
    }

    /**
     * As {@link #downsample(SeriesRef, long, long, long)}, into the arrays of {@code reuse} (a result of
     * an earlier call the caller is done with) when they fit the same grid: a caller reading hundreds
     * of series one after the other allocates its buckets once.
     */
    @Override
    public Downsampled downsample(SeriesRef series, long fromMs, long toMs, long stepMs, Downsampled reuse) {
        return downsample(series, fromMs, toMs, stepMs, true, reuse);
    }

    private Downsampled downsample(SeriesRef series, long fromMs, long toMs, long stepMs, boolean dayRows,
                                   Downsampled reuse) {
        if (stepMs <= 0) {
            throw new IllegalArgumentException("step must be positive");
        }
        Downsampled out = reuse != null && reuse.fits(fromMs, toMs, stepMs) ? reuse.clearedFor(series)
                : Downsampled.empty(series, fromMs, toMs, stepMs);
        List<EncodedBlock> head = headBlocks(series.id());
        boolean useRollups = stepMs % rollupMs == 0 && fromMs % rollupMs == 0;
        long firstWindow = Math.floorDiv(fromMs, BLOCK_MS) * BLOCK_MS;
        // Samples in the time span of a head block come from the head only: during a compaction the
        // same window is on disk too. Disk chunks outside those spans (history) are read in full.
        long[][] headSpans = new long[head.size()][];
        for (int i = 0; i < head.size(); i++) {
            headSpans[i] = new long[] {head.get(i).firstTs(), head.get(i).lastTs()};
        }
        boolean useDayRows = dayRows && stepMs % DayRollups.HOUR_MS == 0 && fromMs % DayRollups.HOUR_MS == 0;
        long rolledBefore = dayRollups.rolledBefore();
        // A range after the series' last chunk is all in the head: no SQL (the console's 1 Hz reads).
        // A series without raw chunks may still have rollups older than the raw retention: look.
        long[] bound = diskEnd;
        boolean headOnly = diskEndLoaded && series.id() < bound.length && bound[series.id()] != Long.MIN_VALUE
                && fromMs > bound[series.id()];
        if (!headOnly) {
            withReader(r -> {
                new DiskRangeRead(r, this::checked, series, fromMs, toMs, headSpans, out)
                        .read(useDayRows, rolledBefore, useRollups, rollupMs, firstWindow);
                return null;
            });
        }
        for (EncodedBlock b : head) {
            long[] ts = new long[b.count()];
            double[] vs = new double[b.count()];
            int n = b.decodeInto(ts, vs, 0);
            for (int i = 0; i < n; i++) {
                if (ts[i] >= fromMs && ts[i] <= toMs) {
                    out.add(ts[i], vs[i]);
                }
            }
        }
        return out;
    }

    /**
     * The chunk's bytes if their checksum matches; null (logged, counted) for a damaged chunk, which
     * reads then skip rather than fail the whole query.
     */
    private byte[] checked(byte[] data, long crc, SeriesRef series, long start) {
        if (WalCodec.crc(data) == crc) {
            return data;
        }
        damagedChunks.incrementAndGet();
        LOG.warn("Chunk of {} starting at {} fails its checksum and is skipped", series.key(), start);
        return null;
    }

    private static boolean overlapsAny(List<EncodedBlock> blocks, long from, long to) {
        for (EncodedBlock b : blocks) {
            if (from <= b.lastTs() && to >= b.firstTs()) {
                return true;
            }
        }
        return false;
    }

    static boolean overlaps(long[][] spans, long from, long to) {
        for (long[] span : spans) {
            if (from <= span[1] && to >= span[0]) {
                return true;
            }
        }
        return false;
    }

    /** The newest sample of a series, or null when it has none. */
    @Override
    public io.pharos.engine.model.Sample latest(SeriesRef series) {
        MemSeries[] h = heads;
        MemSeries s = series.id() < h.length ? h[series.id()] : null;
        io.pharos.engine.model.Sample inHead = s == null ? null : s.latest();
        if (inHead != null) {
            return inHead;
        }
        return withReader(r -> {
            PreparedStatement ps = r.lastChunk;
            ps.setInt(1, series.id());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                byte[] data = checked(rs.getBytes(1), rs.getLong(2), series, rs.getLong(3));
                if (data == null) {
                    return null;
                }
                EncodedBlock b = ChunkCodec.decode(data);
                long[] ts = new long[b.count()];
                double[] vs = new double[b.count()];
                b.decodeInto(ts, vs, 0);
                return new io.pharos.engine.model.Sample(ts[b.count() - 1], vs[b.count() - 1]);
            }
        });
    }

    private List<EncodedBlock> headBlocks(int id) {
        MemSeries[] h = heads;
        MemSeries s = id < h.length ? h[id] : null;
        return s == null ? List.of() : s.blocks();
    }

    public StoreStats stats() {
        long head = 0;
        for (MemSeries s : heads) {
            if (s != null) {
                head += s.heapBytes();
            }
        }
        long bytes = 0;
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            try {
                Path p = file.resolveSibling(file.getFileName() + suffix);
                if (Files.exists(p)) {
                    bytes += Files.size(p);
                }
            } catch (IOException ignored) {
                // a file that vanished between exists and size counts as empty
            }
        }
        return new StoreStats(index.size(), accepted.get(), outOfOrder.get(), tooOld.get(), damagedChunks.get(), head,
                compactedUntil, bytes);
    }

    public Path file() {
        return file;
    }

    /** Writes the WAL back into the main file and truncates it (for measuring size on disk). */
    public void checkpoint() {
        writeLock.lock();
        try (Statement st = writer.createStatement()) {
            writer.commit();
            st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        } catch (SQLException e) {
            throw translate(e, "checkpoint the store");
        } finally {
            writeLock.unlock();
        }
    }

    interface ReadAction<T> {
        T run(ReadConnection r) throws SQLException;
    }

    private <T> T withReader(ReadAction<T> action) {
        ensureOpen();
        ReadConnection r;
        try {
            r = readers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(StoreException.Kind.IO, "Interrupted while waiting to read the store", e);
        }
        try {
            return action.run(r);
        } catch (SQLException e) {
            throw translate(e, "read the store");
        } finally {
            r.endTransaction();
            readers.add(r);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the store is closed");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        compactor.shutdownNow();
        try {
            compactor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // What compaction would take at its next turn goes to chunks now: otherwise the next start
        // replays it from the write-ahead log (a console opened for minutes at a time never reaches a
        // compaction, and every start replays more). Only the open window stays in the log.
        try {
            compact();
        } catch (RuntimeException e) {
            LOG.warn("Compaction at close failed; the next start replays the write-ahead log: {}", e.getMessage());
        }
        snapshotSeriesQuietly();
        writeLock.lock();
        try {
            closed = true;
            for (ReadConnection r : readers) {
                r.close();
            }
            chunkWriter.close();
            insertWal.close();
            insertSeries.close();
            insertLabel.close();
            writer.commit();
            try (Statement st = writer.createStatement()) {
                st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
            writer.close();
        } catch (SQLException e) {
            LOG.debug("Closing the store: {}", e.getMessage());
        } finally {
            writeLock.unlock();
        }
    }

    /** A read-only connection with its prepared statements. */
    static final class ReadConnection {
        final Connection c;
        final PreparedStatement rawRange;
        final PreparedStatement rawRangeWithStart;
        final PreparedStatement rollupRange;
        final PreparedStatement lastChunk;

        ReadConnection(Connection c) throws SQLException {
            this.c = c;
            // Every read action runs in one transaction: its queries see one snapshot of the file.
            c.setAutoCommit(false);
            rawRange = c.prepareStatement("SELECT data, crc, start_ts FROM chunk WHERE series_id=? AND resolution_ms=0"
                    + " AND start_ts>=? AND start_ts<=? ORDER BY start_ts");
            rawRangeWithStart = c.prepareStatement("SELECT start_ts, end_ts, data, crc FROM chunk WHERE series_id=?"
                    + " AND resolution_ms=0 AND start_ts>=? AND start_ts<=? ORDER BY start_ts");
            rollupRange = c.prepareStatement("SELECT start_ts, end_ts, data, crc FROM chunk WHERE series_id=? AND resolution_ms=?"
                    + " AND start_ts>=? AND start_ts<=? ORDER BY start_ts");
            lastChunk = c.prepareStatement("SELECT data, crc, start_ts FROM chunk WHERE series_id=? AND resolution_ms=0"
                    + " ORDER BY start_ts DESC LIMIT 1");
        }

        void endTransaction() {
            try {
                c.rollback();
            } catch (SQLException e) {
                LOG.debug("Ending a read transaction: {}", e.getMessage());
            }
        }

        void close() {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing a read-only connection cannot lose data
            }
        }
    }
}
