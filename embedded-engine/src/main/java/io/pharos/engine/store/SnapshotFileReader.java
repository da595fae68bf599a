package io.pharos.engine.store;

import io.pharos.engine.model.Labels;
import io.pharos.engine.model.SeriesKey;
import io.pharos.engine.store.SampleEncoder.EncodedBlock;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.sqlite.ProgressHandler;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteLimits;
import org.sqlite.SQLiteOpenMode;

/**
 * Reads a snapshot file that may come from anyone (docs/snapshots.md, "Reading a file you did not
 * write"). Before SQLite sees the file, its header must say Pharos snapshot of a known format and
 * its length must match; SQLite then opens it read-only and immutable (it never writes, never makes
 * a journal beside it), with untrusted schema and bounded value sizes, and the schema must be exactly
 * the one Pharos writes, so no view or trigger of a crafted file ever runs. Every read is bounded in
 * rows and bytes, and every SQL statement gives up when the time budget is spent or the caller
 * cancels. Problems come back as {@link SnapshotFileException}s a person can act on.
 */
public final class SnapshotFileReader implements AutoCloseable {

    /** How long one read may take, and a cancel flag checked while SQLite works. */
    public record Limits(Duration perRead, BooleanSupplier cancelled) {
        public static final Limits DEFAULT = new Limits(Duration.ofSeconds(60), () -> false);
    }

    /** The counts and digest of one full pass, and SQLite's own check of the file's structure. */
    public record Verification(String sha256, long series, long chunks, long samples, long rollups, long buckets,
                               long records, long logs, String structure) {
        public boolean structureOk() {
            return "ok".equals(structure);
        }
    }

    /** The signature stored beside the manifest, if any; its check is the snapshot package's. */
    public Optional<SnapshotFileWriter.Signature> storedSignature() {
        return read(() -> {
            try (Statement st = connection.createStatement();
                 ResultSet rs = st.executeQuery("SELECT typeof(signer), typeof(signature), length(signer),"
                         + " length(signature), signer, signature FROM manifest WHERE one = 1")) {
                if (!rs.next()) {
                    throw unexpected("it has no manifest");
                }
                String signerType = rs.getString(1);
                String valueType = rs.getString(2);
                if ("null".equals(signerType) && "null".equals(valueType)) {
                    return Optional.<SnapshotFileWriter.Signature>empty();
                }
                if (!"text".equals(signerType) || !"text".equals(valueType) || rs.getLong(3) > 1024
                        || rs.getLong(4) > 1024) {
                    throw unexpected("its signature is not one Pharos writes");
                }
                return Optional.of(new SnapshotFileWriter.Signature(rs.getString(5), rs.getString(6)));
            }
        });
    }

    /** The digest the file says its content has (docs/snapshots.md), as written beside the manifest. */
    public String storedDigest() {
        return read(() -> {
            try (Statement st = connection.createStatement();
                 ResultSet rs = st.executeQuery("SELECT typeof(sha256), sha256 FROM manifest WHERE one = 1")) {
                if (!rs.next()) {
                    throw unexpected("it has no manifest");
                }
                String d = "text".equals(rs.getString(1)) ? rs.getString(2) : null;
                if (d == null || !d.matches("[0-9a-f]{64}")) {
                    throw unexpected("its digest is not a SHA-256 in hexadecimal");
                }
                return d;
            }
        });
    }

    private final Path file;
    private final Connection connection;
    private final Limits limits;
    private volatile long deadlineNanos;

    private SnapshotFileReader(Path file, Connection connection, Limits limits) {
        this.file = file;
        this.connection = connection;
        this.limits = limits;
    }

    public static SnapshotFileReader open(Path file) {
        return open(file, Limits.DEFAULT);
    }

    public static SnapshotFileReader open(Path file, Limits limits) {
        checkHeader(file);
        Connection c = null;
        try {
            SQLiteConfig config = new SQLiteConfig();
            config.setReadOnly(true);
            config.setOpenMode(SQLiteOpenMode.READONLY);
            config.setOpenMode(SQLiteOpenMode.OPEN_URI);
            // immutable: SQLite takes no lock and looks for no journal or WAL beside the file.
            c = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath().toUri() + "?immutable=1");
            SQLiteConnection sc = (SQLiteConnection) c;
            sc.setLimit(SQLiteLimits.SQLITE_LIMIT_LENGTH, SnapshotSchema.MAX_BODY_BYTES);
            sc.setLimit(SQLiteLimits.SQLITE_LIMIT_ATTACHED, 0);
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA trusted_schema=OFF");
                st.execute("PRAGMA query_only=ON");
                st.execute("PRAGMA cell_size_check=ON");
                st.execute("PRAGMA mmap_size=0");
            }
            SnapshotFileReader r = new SnapshotFileReader(file, c, limits);
            ProgressHandler.setHandler(c, 1_000, new ProgressHandler() {
                @Override
                protected int progress() {
                    return r.shouldStop() ? 1 : 0;
                }
            });
            r.checkSchema();
            return r;
        } catch (SQLException e) {
            SnapshotSchema.closeQuietly(c);
            throw translate(e, file);
        } catch (RuntimeException e) {
            SnapshotSchema.closeQuietly(c);
            throw e;
        }
    }

    public Path file() {
        return file;
    }

    private boolean shouldStop() {
        return limits.cancelled().getAsBoolean() || System.nanoTime() - deadlineNanos > 0;
    }

    // ------------------------------------------------------------------ checks before SQLite

    private static void checkHeader(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new SnapshotFileException(SnapshotFileException.Kind.IO, Files.exists(file)
                    ? file + " is not a file." : "No file at " + file + ".");
        }
        byte[] h = new byte[100];
        long size;
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            size = Files.size(file);
            n = in.readNBytes(h, 0, h.length);
        } catch (IOException e) {
            throw new SnapshotFileException(SnapshotFileException.Kind.IO, "Cannot read " + file + ": " + e.getMessage()
                    + ". Check that the file is readable.", e);
        }
        String magic = new String(h, 0, Math.min(n, 16), java.nio.charset.StandardCharsets.ISO_8859_1);
        if (n < 100 || !magic.equals("SQLite format 3\0")) {
            throw notASnapshot(file, n < 16 && "SQLite format 3\0".startsWith(magic) && n > 0
                    ? "it is shorter than any snapshot (cut off?)" : "it is not an SQLite database");
        }
        int appId = readInt(h, 68);
        if (appId != SnapshotSchema.APPLICATION_ID) {
            throw notASnapshot(file, "it is an SQLite database of " + (appId == Schema.APPLICATION_ID
                    ? "a Pharos store (a data directory's pharos.db), not a snapshot: open it with --data-dir"
                    : "another application (application_id " + Integer.toHexString(appId) + ")"));
        }
        int version = readInt(h, 60);
        if (version > SnapshotSchema.FORMAT_VERSION) {
            throw new SnapshotFileException(SnapshotFileException.Kind.NEWER_FORMAT, file + " is a snapshot of format "
                    + version + ", made by a newer Pharos; this version reads format " + SnapshotSchema.FORMAT_VERSION
                    + " only. Open it with a newer Pharos.");
        }
        if (version < 1) {
            throw notASnapshot(file, "its format version is " + version);
        }
        int pageSize = ((h[16] & 0xFF) << 8) | (h[17] & 0xFF);
        long pageBytes = pageSize == 1 ? 65_536 : pageSize;
        long pages = readInt(h, 28) & 0xFFFF_FFFFL;
        if (pages > 0 && pages * pageBytes > size) {
            throw new SnapshotFileException(SnapshotFileException.Kind.DAMAGED, file + " is cut off: its header says "
                    + pages * pageBytes + " bytes, the file has " + size + ". It was probably not copied or downloaded"
                    + " completely; get it again.");
        }
    }

    private static SnapshotFileException notASnapshot(Path file, String why) {
        return new SnapshotFileException(SnapshotFileException.Kind.NOT_A_SNAPSHOT, file + " is not a Pharos snapshot: "
                + why + ".");
    }

    private static int readInt(byte[] b, int off) {
        return ((b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    }

    private void checkSchema() throws SQLException {
        Map<String, Object[]> expected = new HashMap<>(SnapshotSchema.EXPECTED);
        startRead();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT type, name, sql FROM sqlite_schema")) {
            int rows = 0;
            while (rs.next()) {
                if (++rows > 64) {
                    throw unexpected("it defines more objects than a snapshot has");
                }
                String type = rs.getString(1);
                String name = rs.getString(2);
                String sql = rs.getString(3);
                Object[] want = expected.remove(name);
                if (want == null) {
                    throw unexpected("it defines " + describe(type) + " '" + printable(name) + "', which a Pharos snapshot"
                            + " never has");
                }
                if (!want[0].equals(type) || !java.util.Objects.equals(want[1], sql)) {
                    throw unexpected("its " + describe(type) + " '" + name + "' is not defined as Pharos defines it");
                }
            }
        }
        if (!expected.isEmpty()) {
            throw unexpected("it lacks the table '" + expected.keySet().stream().sorted().findFirst().orElseThrow() + "'");
        }
    }

    private static String describe(String type) {
        return switch (String.valueOf(type)) {
            case "table" -> "a table";
            case "index" -> "an index";
            case "view" -> "a view";
            case "trigger" -> "a trigger";
            default -> "an object";
        };
    }

    private SnapshotFileException unexpected(String why) {
        return new SnapshotFileException(SnapshotFileException.Kind.UNEXPECTED_CONTENT, file + " is not a snapshot"
                + " Pharos wrote: " + why + ". Nothing in it was run; ask its sender for the file as Pharos exported it.");
    }

    private SnapshotFileException tooLarge(String what) {
        return new SnapshotFileException(SnapshotFileException.Kind.TOO_LARGE, file + " holds " + what
                + ", more than a snapshot may; it was not read.");
    }

    private SnapshotFileException damaged(String what) {
        return new SnapshotFileException(SnapshotFileException.Kind.DAMAGED, file + " is damaged: " + what
                + ". Get the file again from its sender.");
    }

    private static String printable(String s) {
        return PrintableText.of(s, 80);
    }

    // ------------------------------------------------------------------ reads

    /** The manifest's JSON text, as written (bounded in size); its meaning is the snapshot package's. */
    public String manifestJson() {
        return read(() -> {
            try (Statement st = connection.createStatement();
                 ResultSet rs = st.executeQuery("SELECT typeof(body), length(CAST(body AS BLOB)) FROM manifest WHERE one = 1")) {
                if (!rs.next()) {
                    throw unexpected("it has no manifest");
                }
                if (!"text".equals(rs.getString(1))) {
                    throw unexpected("its manifest is not text");
                }
                if (rs.getLong(2) > SnapshotSchema.MAX_MANIFEST_BYTES) {
                    throw tooLarge("a manifest of " + rs.getLong(2) + " bytes");
                }
            }
            try (Statement st = connection.createStatement();
                 ResultSet rs = st.executeQuery("SELECT body FROM manifest WHERE one = 1")) {
                rs.next();
                return rs.getString(1);
            }
        });
    }

    /** Rows in each content table, counted without reading them. */
    public Map<String, Long> rowCounts() {
        return read(() -> {
            Map<String, Long> out = new java.util.LinkedHashMap<>();
            for (String table : List.of("series", "chunk", "rollup", "record", "log")) {
                try (Statement st = connection.createStatement();
                     ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
                    rs.next();
                    out.put(table, rs.getLong(1));
                }
            }
            return out;
        });
    }

    /** Every series, by its id in the file; refused past {@value SnapshotSchema#MAX_SERIES} series. */
    public List<SeriesRef> series() {
        long count = rowCounts().get("series");
        if (count > SnapshotSchema.MAX_SERIES) {
            throw tooLarge(count + " series");
        }
        return read(() -> {
            List<SeriesRef> out = new ArrayList<>((int) count);
            Map<String, String> shared = new HashMap<>();
            try (Statement st = connection.createStatement();
                 ResultSet rs = st.executeQuery("SELECT id, metric, labels FROM series ORDER BY id")) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    if (id < 1 || id > Integer.MAX_VALUE) {
                        throw unexpected("a series has the id " + id);
                    }
                    String metric = rs.getString(2);
                    String labels = rs.getString(3);
                    try {
                        Labels parsed = SnapshotLabels.read(labels);
                        out.add(new SeriesRef((int) id, new SeriesKey(shared.computeIfAbsent(metric, m -> m), parsed)));
                    } catch (IllegalArgumentException e) {
                        throw unexpected("series " + id + " is not valid (" + printable(e.getMessage()) + ")");
                    }
                    if (out.size() > count) {
                        throw unexpected("it holds more series than it counts");
                    }
                }
            }
            return out;
        });
    }

    /**
     * Samples of one series with timestamps in [fromMs, toMs], ascending; for a series kept as step
     * aggregates, each step's average at its start.
     */
    public SeriesSamples read(SeriesRef series, long fromMs, long toMs) {
        List<Rollup> steps = rollups(series, fromMs, toMs);
        if (!steps.isEmpty()) {
            int total = steps.stream().mapToInt(Rollup::size).sum();
            long[] ts = new long[total];
            double[] vs = new double[total];
            int m = 0;
            for (Rollup r : steps) {
                for (int i = 0; i < r.size(); i++) {
                    long t = r.bucketStart()[i];
                    if (t >= fromMs && t <= toMs && r.count()[i] > 0) {
                        if (m > 0 && t <= ts[m - 1]) {
                            throw damaged("the steps of " + printable(series.key().toString()) + " are out of order");
                        }
                        ts[m] = t;
                        vs[m] = r.sum()[i] / r.count()[i];
                        m++;
                    }
                }
            }
            return new SeriesSamples(series, ts, vs, m);
        }
        return samples(series, fromMs, toMs);
    }

    /**
     * The series in buckets of {@code stepMs} from {@code fromMs}, as the store's downsample gives
     * them: samples added one by one, step aggregates whole (a step of the snapshot falls in the bucket
     * of its start, so a step that is a multiple of the snapshot's resolution reads exactly).
     */
    public Downsampled downsample(SeriesRef series, long fromMs, long toMs, long stepMs) {
        return downsample(series, fromMs, toMs, stepMs, null);
    }

    /** As {@link #downsample(SeriesRef, long, long, long)}, into {@code reuse}'s arrays when they fit. */
    public Downsampled downsample(SeriesRef series, long fromMs, long toMs, long stepMs, Downsampled reuse) {
        if (stepMs <= 0) {
            throw new IllegalArgumentException("step must be positive");
        }
        Downsampled out = reuse != null && reuse.fits(fromMs, toMs, stepMs) ? reuse.clearedFor(series)
                : Downsampled.empty(series, fromMs, toMs, stepMs);
        for (Rollup r : rollups(series, fromMs, toMs)) {
            for (int i = 0; i < r.size(); i++) {
                if (r.bucketStart()[i] <= toMs) {
                    out.addBucket(r.bucketStart()[i], (long) r.count()[i], r.min()[i], r.max()[i], r.sum()[i]);
                }
            }
        }
        SeriesSamples s = samples(series, fromMs, toMs);
        for (int i = 0; i < s.size(); i++) {
            out.add(s.timestamps()[i], s.values()[i]);
        }
        return out;
    }

    /** The newest sample of a series (a step's average for a series kept as steps), or null when none. */
    public io.pharos.engine.model.Sample latest(SeriesRef series) {
        Long last = read(() -> {
            Long newest = null;
            for (String table : List.of("chunk", "rollup")) {
                try (PreparedStatement ps = connection.prepareStatement("SELECT max(end_ts) FROM " + table
                        + " WHERE series_id = ?")) {
                    ps.setInt(1, series.id());
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next() && rs.getObject(1) != null) {
                            long end = rs.getLong(1);
                            newest = newest == null ? end : Math.max(newest, end);
                        }
                    }
                }
            }
            return newest;
        });
        if (last == null) {
            return null;
        }
        SeriesSamples s = read(series, last, last);
        return s.size() == 0 ? null : new io.pharos.engine.model.Sample(s.timestamps()[s.size() - 1],
                s.values()[s.size() - 1]);
    }

    private List<Rollup> rollups(SeriesRef series, long fromMs, long toMs) {
        return read(() -> {
            List<Rollup> out = new ArrayList<>();
            long total = 0;
            for (Piece p : pieces("rollup", "buckets", series, fromMs, toMs)) {
                total = budget(total, p.count(), series);
                Rollup r;
                try {
                    r = Rollup.decode(p.data(), SnapshotSchema.MAX_CHUNK_SAMPLES);
                } catch (RuntimeException e) {
                    throw damaged("a rollup of " + printable(series.key().toString()) + " does not decode ("
                            + printable(e.getMessage()) + ")");
                }
                if (r.size() != p.count() || r.bucketStart()[0] != p.start() || r.bucketStart()[r.size() - 1] != p.end()) {
                    throw damaged("a rollup of " + printable(series.key().toString()) + " disagrees with its row");
                }
                out.add(r);
            }
            return out;
        });
    }

    private SeriesSamples samples(SeriesRef series, long fromMs, long toMs) {
        return read(() -> {
            List<EncodedBlock> blocks = new ArrayList<>();
            long total = 0;
            for (Piece p : pieces("chunk", "samples", series, fromMs, toMs)) {
                total = budget(total, p.count(), series);
                EncodedBlock b;
                try {
                    b = ChunkCodec.decode(p.data(), SnapshotSchema.MAX_CHUNK_SAMPLES);
                } catch (RuntimeException e) {
                    throw damaged("a chunk of " + printable(series.key().toString()) + " does not decode ("
                            + printable(e.getMessage()) + ")");
                }
                if (b.count() != p.count() || b.firstTs() != p.start() || b.lastTs() != p.end()) {
                    throw damaged("a chunk of " + printable(series.key().toString()) + " disagrees with its row");
                }
                blocks.add(b);
            }
            long[] ts = new long[(int) total];
            double[] vs = new double[(int) total];
            int n = 0;
            for (EncodedBlock b : blocks) {
                try {
                    n += b.decodeInto(ts, vs, n);
                } catch (RuntimeException e) {
                    throw damaged("a chunk of " + printable(series.key().toString()) + " does not decode ("
                            + printable(e.getMessage()) + ")");
                }
            }
            int m = 0;
            for (int i = 0; i < n; i++) {
                if (ts[i] >= fromMs && ts[i] <= toMs) {
                    if (m > 0 && ts[i] <= ts[m - 1]) {
                        throw damaged("the samples of " + printable(series.key().toString()) + " are out of order");
                    }
                    ts[m] = ts[i];
                    vs[m] = vs[i];
                    m++;
                }
            }
            return new SeriesSamples(series, ts, vs, m);
        });
    }

    /** A chunk or rollup row whose values have the types of the schema, its checksum checked. */
    private record Piece(long start, long end, int count, byte[] data) {
    }

    private List<Piece> pieces(String table, String countColumn, SeriesRef series, long fromMs, long toMs)
            throws SQLException {
        List<Piece> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT start_ts, end_ts, " + countColumn + ", crc,"
                + " length(data), data, typeof(start_ts) = 'integer' AND typeof(end_ts) = 'integer'"
                + " AND typeof(" + countColumn + ") = 'integer' AND typeof(crc) = 'integer' AND typeof(data) = 'blob'"
                + " FROM " + table + " WHERE series_id = ? AND start_ts <= ? AND end_ts >= ? ORDER BY start_ts")) {
            ps.setInt(1, series.id());
            ps.setLong(2, toMs);
            ps.setLong(3, fromMs);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String what = "a " + table + " of " + printable(series.key().toString());
                    if (!rs.getBoolean(7)) {
                        throw unexpected(what + " has values of the wrong type");
                    }
                    long count = rs.getLong(3);
                    if (count < 1 || count > SnapshotSchema.MAX_CHUNK_SAMPLES
                            || rs.getLong(5) > SnapshotSchema.MAX_CHUNK_BYTES) {
                        throw unexpected(what + " is larger than a snapshot writes");
                    }
                    byte[] data = rs.getBytes(6);
                    if (WalCodec.crc(data) != rs.getLong(4)) {
                        throw damaged(what + " fails its checksum");
                    }
                    out.add(new Piece(rs.getLong(1), rs.getLong(2), (int) count, data));
                }
            }
        }
        return out;
    }

    /** Samples or steps one read may return: what is asked of a snapshot is a range, not the file at once. */
    private long budget(long total, long more, SeriesRef series) {
        long t = total + more;
        if (t > SnapshotSchema.MAX_READ_VALUES) {
            throw tooLarge("more than " + SnapshotSchema.MAX_READ_VALUES + " samples or steps of "
                    + printable(series.key().toString()) + " in the range read");
        }
        return t;
    }

    /** The state records and logs, as the state file's reader gives them; bodies bounded in size. */
    public StateStore.Reader state() {
        return new StateReader();
    }

    /**
     * One full pass: the content's digest and counts (to compare with the manifest) and SQLite's check
     * of the file's structure.
     */
    public Verification verify() {
        manifestJson(); // its size is checked there, before the digest reads it
        // One pass over the whole file: its time budget grows with the file (a second a 100 MB beyond
        // the budget of one read), so that a large export is not taken for a hanging one.
        long extra = sizeOf(file) / 100_000_000L;
        return read(extra, () -> {
            SnapshotContentDigest.Result r = SnapshotContentDigest.compute(connection);
            if (r.mistyped() > 0) {
                throw unexpected(r.mistyped() + " rows hold values of another type than their column's");
            }
            String structure;
            try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("PRAGMA quick_check(5)")) {
                StringBuilder sb = new StringBuilder();
                while (rs.next()) {
                    sb.append(sb.isEmpty() ? "" : "; ").append(printable(rs.getString(1)));
                }
                structure = sb.toString();
            }
            return new Verification(r.sha256(), r.series(), r.chunks(), r.samples(), r.rollups(), r.buckets(), r.records(),
                    r.logs(), structure);
        });
    }

    private final class StateReader implements StateStore.Reader {
        private static final int MAX_LIST = 1_000_000;

        /** Rows whose values have their column's types: NOT NULL in the schema is no promise in a crafted file. */
        private static final String RECORD = "SELECT kind, key, updated_ms, body, typeof(key) = 'text'"
                + " AND typeof(updated_ms) = 'integer' AND typeof(body) = 'text' FROM record WHERE kind = ?";
        private static final String LOG = "SELECT seq, kind, key, ts, body, typeof(seq) = 'integer'"
                + " AND typeof(key) = 'text' AND typeof(ts) = 'integer' AND typeof(body) = 'text' FROM log WHERE kind = ?";

        @Override
        public Optional<StateStore.Record> get(String kind, String key) {
            List<StateStore.Record> r = records(RECORD + " AND key = ?", kind, key);
            return r.isEmpty() ? Optional.empty() : Optional.of(r.get(0));
        }

        @Override
        public List<StateStore.Record> list(String kind) {
            return records(RECORD + " ORDER BY key", kind, null);
        }

        private List<StateStore.Record> records(String sql, String kind, String key) {
            return read(() -> {
                try (PreparedStatement ps = connection.prepareStatement(sql)) {
                    ps.setString(1, kind);
                    if (key != null) {
                        ps.setString(2, key);
                    }
                    List<StateStore.Record> out = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            if (out.size() >= MAX_LIST) {
                                throw tooLarge("more than " + MAX_LIST + " records of one kind");
                            }
                            if (!rs.getBoolean(5)) {
                                throw unexpected("a state record holds values of the wrong type");
                            }
                            if (rs.getString(4).length() > SnapshotSchema.MAX_BODY_BYTES) {
                                throw tooLarge("a state record longer than " + SnapshotSchema.MAX_BODY_BYTES + " characters");
                            }
                            out.add(new StateStore.Record(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4)));
                        }
                    }
                    return out;
                }
            });
        }

        @Override
        public List<StateStore.LogEntry> log(String kind, String key, long fromTs, long toTs, int limit) {
            String where = key == null ? " AND ts >= ? AND ts < ?" : " AND ts >= ? AND ts < ? AND key = ?";
            return read(() -> {
                try (PreparedStatement ps = connection.prepareStatement(LOG + where + " ORDER BY seq LIMIT ?")) {
                    int i = 1;
                    ps.setString(i++, kind);
                    ps.setLong(i++, fromTs);
                    ps.setLong(i++, toTs);
                    if (key != null) {
                        ps.setString(i++, key);
                    }
                    ps.setInt(i, Math.min(limit, MAX_LIST + 1));
                    return entries(ps, limit);
                }
            });
        }

        @Override
        public List<StateStore.LogEntry> logAfter(String kind, long afterSeq, int limit) {
            return read(() -> {
                try (PreparedStatement ps = connection.prepareStatement(LOG + " AND seq > ? ORDER BY seq LIMIT ?")) {
                    ps.setString(1, kind);
                    ps.setLong(2, afterSeq);
                    ps.setInt(3, Math.min(limit, MAX_LIST + 1));
                    return entries(ps, limit);
                }
            });
        }

        private List<StateStore.LogEntry> entries(PreparedStatement ps, int limit) throws SQLException {
            List<StateStore.LogEntry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (out.size() == MAX_LIST && limit > MAX_LIST) {
                        throw tooLarge("more than " + MAX_LIST + " log entries of one kind");
                    }
                    if (!rs.getBoolean(6)) {
                        throw unexpected("a log entry holds values of the wrong type");
                    }
                    if (rs.getString(5).length() > SnapshotSchema.MAX_BODY_BYTES) {
                        throw tooLarge("a log entry longer than " + SnapshotSchema.MAX_BODY_BYTES + " characters");
                    }
                    out.add(new StateStore.LogEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                            rs.getString(5)));
                }
            }
            return out;
        }
    }

    @FunctionalInterface
    private interface SqlCall<T> {
        T call() throws SQLException;
    }

    /** One bounded read: the time budget starts now; SQLite's errors become messages about the file. */
    private <T> T read(SqlCall<T> call) {
        return read(0, call);
    }

    private synchronized <T> T read(long extraSeconds, SqlCall<T> call) {
        if (limits.cancelled().getAsBoolean()) {
            throw new SnapshotFileException(SnapshotFileException.Kind.INTERRUPTED, "Reading " + file + " was cancelled.");
        }
        startRead();
        deadlineNanos += extraSeconds * 1_000_000_000L;
        try {
            return call.call();
        } catch (SQLException e) {
            throw translate(e, file);
        }
    }

    private void startRead() {
        deadlineNanos = System.nanoTime() + limits.perRead().toNanos();
    }

    private static SnapshotFileException translate(SQLException e, Path file) {
        int code = e.getErrorCode() & 0xFF;
        return switch (code) {
            case 9 -> new SnapshotFileException(SnapshotFileException.Kind.INTERRUPTED, "Reading " + file
                    + " was stopped (cancelled, or it took too long).", e);
            case 11, 26 -> new SnapshotFileException(SnapshotFileException.Kind.DAMAGED, file + " is damaged ("
                    + e.getMessage() + "). Get the file again from its sender.", e);
            case 18 -> new SnapshotFileException(SnapshotFileException.Kind.TOO_LARGE, file
                    + " holds a value larger than a snapshot may; it was not read.", e);
            default -> new SnapshotFileException(SnapshotFileException.Kind.IO, "Cannot read " + file + ": "
                    + e.getMessage(), e);
        };
    }

    @Override
    public void close() {
        SnapshotSchema.closeQuietly(connection);
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }
}
