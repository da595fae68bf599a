package io.pharos.engine.store;

import static io.pharos.engine.store.TimeSeriesStoreTest.T0;
import static io.pharos.engine.store.TimeSeriesStoreTest.cpu;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pharos.engine.model.SeriesKey;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file-level side of snapshots: what is written reads back, and the corpus of bad files a
 * receiver may be sent (not SQLite, cut off, corrupted, newer, crafted) each gives its own clear
 * refusal, runs nothing from the file and never writes to it.
 */
class SnapshotFileReaderTest {
    @TempDir
    Path dir;
    private String writtenDigest;

    private static final SeriesKey ODD = SeriesKey.of("probe_ok", "target", "https://a.example/?q=\"x\",y",
            "note", "back\\slash\nnew line 東京 🚦");

    /** A small valid snapshot: two series, 40,000 samples (three chunks for the first), a record and a log. */
    private Path valid(String name) {
        Path file = dir.resolve(name);
        try (SnapshotFileWriter w = SnapshotFileWriter.create(file)) {
            int n = 40_000;
            long[] ts = new long[n];
            double[] vs = new double[n];
            for (int i = 0; i < n; i++) {
                ts[i] = T0 + i * 10_000L;
                vs[i] = Math.round(1000 * Math.sin(i / 100.0)) / 1000.0;
            }
            w.add(cpu("h1"), ts, vs, n);
            w.add(ODD, new long[] {T0, T0 + 1}, new double[] {1, Double.NaN}, 2);
            w.addRecord("alert.silence", "s1", T0, "{\"reason\":\"maintenance\"}");
            w.addLog("alert.history", "a1", T0 + 5, "{\"to\":\"firing\"}");
            SnapshotFileWriter.Content c = w.content();
            assertThat(c.series()).isEqualTo(2);
            assertThat(c.samples()).isEqualTo(n + 2);
            assertThat(c.chunks()).isEqualTo(4);
            writtenDigest = w.commit("{\"manifest\":true}");
        }
        return file;
    }

    @Test
    void whatIsWrittenReadsBack() {
        Path file = valid("a.pharos");
        try (SnapshotFileReader r = SnapshotFileReader.open(file)) {
            assertThat(r.manifestJson()).isEqualTo("{\"manifest\":true}");
            List<SeriesRef> series = r.series();
            assertThat(series).extracting(SeriesRef::key).containsExactly(cpu("h1"), ODD);
            SeriesSamples s = r.read(series.get(0), T0 + 100_000, T0 + 199_999);
            assertThat(s.size()).isEqualTo(10);
            assertThat(s.timestamps()[0]).isEqualTo(T0 + 100_000);
            assertThat(s.values()[0]).isEqualTo(Math.round(1000 * Math.sin(10 / 100.0)) / 1000.0);
            SeriesSamples all = r.read(series.get(0), Long.MIN_VALUE, Long.MAX_VALUE);
            assertThat(all.size()).isEqualTo(40_000);
            assertThat(r.read(series.get(1), T0, T0 + 1).values()[1]).isNaN();
            assertThat(r.state().list("alert.silence")).extracting(StateStore.Record::body)
                    .containsExactly("{\"reason\":\"maintenance\"}");
            assertThat(r.state().log("alert.history", null, T0, T0 + 10, 10)).hasSize(1);
            SnapshotFileReader.Verification v = r.verify();
            assertThat(v.structureOk()).isTrue();
            assertThat(v.sha256()).as("computed as written, and read back in one pass: the same").isEqualTo(writtenDigest);
            assertThat(v.samples()).isEqualTo(40_002);
        }
    }

    @Test
    void recordsComeInTheirTablesOrderAndNothingAfterTheContentIsDone() {
        try (SnapshotFileWriter w = SnapshotFileWriter.create(dir.resolve("order.pharos"))) {
            w.addRecord("alert.silence", "b", T0, "{}");
            assertThatThrownBy(() -> w.addRecord("alert.silence", "a", T0, "{}"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> w.addRecord("alert.ack", "z", T0, "{}"))
                    .isInstanceOf(IllegalArgumentException.class);
            w.addRecord("incident", "INC-1", T0, "{}");
            assertThatThrownBy(() -> w.commit("{}")).isInstanceOf(IllegalStateException.class);
            w.content();
            assertThatThrownBy(() -> w.add(cpu("h1"), new long[] {T0}, new double[] {1}, 1))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aCancelledOrUnfinishedWriteLeavesNoFile() {
        Path file = dir.resolve("never.pharos");
        try (SnapshotFileWriter w = SnapshotFileWriter.create(file)) {
            w.add(cpu("h1"), new long[] {T0}, new double[] {1}, 1);
        }
        assertThat(file).doesNotExist();
        assertThat(dir.resolve("never.pharos.partial")).doesNotExist();
    }

    @Test
    void aFailedExportKeepsTheFileThatWasThere() throws IOException {
        Path file = valid("keep.pharos");
        byte[] before = Files.readAllBytes(file);
        try (SnapshotFileWriter w = SnapshotFileWriter.create(file)) {
            w.add(cpu("h2"), new long[] {T0}, new double[] {1}, 1);
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void theDigestChangesWithAnyContentAndTheManifest() throws Exception {
        String original;
        try (SnapshotFileReader r = SnapshotFileReader.open(valid("original.pharos"))) {
            original = r.verify().sha256();
            assertThat(r.storedDigest()).isEqualTo(original);
        }
        for (String change : List.of(
                "UPDATE record SET body = '{\"reason\":\"other\"}'",
                "UPDATE series SET labels = replace(labels, 'h1', 'h2')",
                "UPDATE series SET metric = 'node_cpu_seconds' WHERE id = 1",
                "UPDATE chunk SET end_ts = end_ts + 1 WHERE series_id = 2",
                "UPDATE log SET ts = ts + 1",
                "DELETE FROM log",
                "UPDATE manifest SET body = '{\"manifest\":false}'",
                // the same bytes as another type: text where a number was, a blob where text was
                "UPDATE record SET key = CAST(key AS BLOB)",
                "UPDATE log SET ts = 'soon'")) {
            Path file = valid("changed-" + Math.abs(change.hashCode()) + ".pharos");
            sql(file, change);
            try (SnapshotFileReader r = SnapshotFileReader.open(file)) {
                String stored = r.storedDigest();
                assertThat(stored).isEqualTo(original);
                try {
                    assertThat(r.verify().sha256()).as(change).isNotEqualTo(stored);
                } catch (SnapshotFileException e) {
                    assertThat(e.kind()).as(change).isEqualTo(SnapshotFileException.Kind.UNEXPECTED_CONTENT);
                    assertThat(e).hasMessageContaining("another type");
                }
            }
        }
    }

    // ------------------------------------------------------------------ the corpus of bad files

    private AbstractThrowableAssert<?, ? extends Throwable> refused(Path file, SnapshotFileException.Kind kind) {
        return assertThatThrownBy(() -> {
            try (SnapshotFileReader r = SnapshotFileReader.open(file)) {
                r.manifestJson();
                for (SeriesRef s : r.series()) {
                    r.read(s, Long.MIN_VALUE, Long.MAX_VALUE);
                }
                r.verify();
            }
        }).isInstanceOf(SnapshotFileException.class)
                .satisfies(e -> assertThat(((SnapshotFileException) e).kind()).isEqualTo(kind));
    }

    @Test
    void notSqliteAtAll() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.pharos"), "timestamp,metric,value\n1,up,1\n".repeat(20));
        refused(text, SnapshotFileException.Kind.NOT_A_SNAPSHOT).hasMessageContaining("not an SQLite database");
        Path empty = Files.write(dir.resolve("empty.pharos"), new byte[0]);
        refused(empty, SnapshotFileException.Kind.NOT_A_SNAPSHOT);
        refused(dir.resolve("missing.pharos"), SnapshotFileException.Kind.IO).hasMessageContaining("No file at");
        refused(dir, SnapshotFileException.Kind.IO).hasMessageContaining("is not a file");
    }

    @Test
    void anotherSqliteDatabase() throws Exception {
        Path other = dir.resolve("other.db");
        sql(other, "CREATE TABLE t(x)");
        refused(other, SnapshotFileException.Kind.NOT_A_SNAPSHOT).hasMessageContaining("another application");
        try (TimeSeriesStore store = TimeSeriesStore.open(dir.resolve("data"), TimeSeriesStoreTest.manualCompaction())) {
            store.appender();
        }
        refused(dir.resolve("data").resolve(TimeSeriesStore.FILE_NAME), SnapshotFileException.Kind.NOT_A_SNAPSHOT)
                .hasMessageContaining("a Pharos store");
    }

    @Test
    void aNewerFormat() throws IOException {
        Path file = valid("newer.pharos");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(60);
            f.writeInt(2);
        }
        refused(file, SnapshotFileException.Kind.NEWER_FORMAT).hasMessageContaining("newer Pharos");
    }

    @Test
    void cutOff() throws IOException {
        Path file = valid("cut.pharos");
        byte[] all = Files.readAllBytes(file);
        for (int length : new int[] {10, 99, 100, 4096, all.length / 2, all.length - 1}) {
            Path cut = Files.write(dir.resolve("cut-" + length + ".pharos"), java.util.Arrays.copyOf(all, length));
            assertThatThrownBy(() -> {
                try (SnapshotFileReader r = SnapshotFileReader.open(cut)) {
                    r.verify();
                }
            }).as("cut at %d", length).isInstanceOf(SnapshotFileException.class);
        }
        Path half = dir.resolve("cut-" + all.length / 2 + ".pharos");
        refused(half, SnapshotFileException.Kind.DAMAGED).hasMessageContaining("cut off");
    }

    @Test
    void aCorruptedChunk() throws Exception {
        Path file = valid("bits.pharos");
        // Flip bytes inside the first chunk's data, through SQL so that the file stays valid SQLite.
        sql(file, "UPDATE chunk SET data = CAST(zeroblob(5) || substr(data, 6) AS BLOB) WHERE series_id = 1 AND start_ts = "
                + T0);
        refused(file, SnapshotFileException.Kind.DAMAGED).hasMessageContaining("checksum");
    }

    @Test
    void aChunkThatAsksForHugeArraysWithAMatchingChecksum() throws Exception {
        // A deflated chunk whose header claims 2^28 samples and 1.1 GB streams (their sum beyond an int):
        // refused from the header, before any buffer is made for it.
        ByteBuf b = new ByteBuf(32);
        b.put(ChunkCodec.VERSION | 0x80);
        b.putVarint(1 << 28);
        b.putZigzag(T0);
        b.putZigzag(0);
        b.put(0);
        b.putVarint(1_100_000_000);
        b.putVarint(1_100_000_000);
        b.put(new byte[] {3, 0}, 0, 2);
        byte[] data = b.toArray();
        Path file = valid("huge.pharos");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             PreparedStatement ps = c.prepareStatement("UPDATE chunk SET data = ?, crc = ? WHERE series_id = 2")) {
            ps.setBytes(1, data);
            ps.setLong(2, WalCodec.crc(data));
            ps.executeUpdate();
        }
        refused(file, SnapshotFileException.Kind.DAMAGED).hasMessageContaining("does not decode (bad chunk header)");
        sql(file, "UPDATE chunk SET samples = 100000000 WHERE series_id = 2");
        refused(file, SnapshotFileException.Kind.UNEXPECTED_CONTENT).hasMessageContaining("larger than a snapshot writes");
    }

    @Test
    void aSmallFileCannotMakeOneReadHuge() throws Exception {
        // 300 chunks of 16,384 equal samples: 5 million samples in a few hundred kilobytes.
        Path file = dir.resolve("dense.pharos");
        long[] ts = new long[300 * 16_384];
        double[] vs = new double[ts.length];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = T0 + i;
        }
        try (SnapshotFileWriter w = SnapshotFileWriter.create(file)) {
            w.add(cpu("h1"), ts, vs, ts.length);
            w.content();
            w.commit("{}");
        }
        assertThat(Files.size(file)).isLessThan(2_000_000);
        try (SnapshotFileReader r = SnapshotFileReader.open(file)) {
            SeriesRef s = r.series().get(0);
            assertThatThrownBy(() -> r.read(s, Long.MIN_VALUE, Long.MAX_VALUE))
                    .isInstanceOf(SnapshotFileException.class).hasMessageContaining("in the range read");
            assertThat(r.read(s, T0, T0 + 999_999).size()).as("a range of it reads").isEqualTo(1_000_000);
        }
    }

    @Test
    void aRollupThatAsksForHugeArraysIsRefusedBeforeAllocating() throws Exception {
        Path file = valid("huge-rollup.pharos");
        ByteBuf b = new ByteBuf(16);
        b.put(Rollup.VERSION);
        b.putVarint(SnapshotSchema.MAX_CHUNK_SAMPLES + 1);
        byte[] data = b.toArray();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             PreparedStatement ps = c.prepareStatement("INSERT INTO rollup VALUES(2, ?, ?, 5, ?, ?)")) {
            ps.setLong(1, T0);
            ps.setLong(2, T0 + 1);
            ps.setLong(3, WalCodec.crc(data));
            ps.setBytes(4, data);
            ps.executeUpdate();
        }
        refused(file, SnapshotFileException.Kind.DAMAGED).hasMessageContaining("a rollup of probe_ok")
                .hasMessageContaining("bad rollup size");
    }

    @Test
    void craftedSchemaObjectsAreRefusedAndNeverRun() throws Exception {
        for (String crafted : List.of(
                "CREATE TRIGGER t AFTER INSERT ON log BEGIN DELETE FROM series; END",
                // a view in the place of a table every read queries, endless when run
                "DROP TABLE series; CREATE VIEW series(id, metric, labels) AS WITH RECURSIVE n(i) AS (SELECT 1"
                        + " UNION ALL SELECT i + 1 FROM n) SELECT i, 'up', '{}' FROM n",
                "CREATE VIEW v AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT i FROM n",
                "CREATE TABLE extra(x)",
                "CREATE INDEX chunk_by_end ON chunk(end_ts)",
                "ALTER TABLE series ADD COLUMN path TEXT DEFAULT '../../etc/passwd'",
                "DROP TABLE log")) {
            Path file = valid("crafted-" + Math.abs(crafted.hashCode()) + ".pharos");
            sql(file, crafted.split(";\\s*(?=CREATE|DROP|ALTER)"));
            refused(file, SnapshotFileException.Kind.UNEXPECTED_CONTENT).as(crafted)
                    .hasMessageContaining("Nothing in it was run");
        }
    }

    @Test
    void aTableRedefinedUnderItsOwnNameIsRefused() throws Exception {
        Path file = valid("redefined.pharos");
        sql(file, "DROP TABLE series", "CREATE TABLE series(id INTEGER PRIMARY KEY, metric TEXT, labels TEXT, extra)");
        refused(file, SnapshotFileException.Kind.UNEXPECTED_CONTENT).hasMessageContaining("not defined as Pharos defines it");
    }

    @Test
    void badSeriesRowsAreRefused() throws Exception {
        for (String update : List.of(
                "UPDATE series SET labels = '{\"a\":{\"b\":\"c\"}}' WHERE id = 1",
                "UPDATE series SET labels = '[1,2]' WHERE id = 1",
                "UPDATE series SET labels = '{\"z\":\"1\",\"a\":\"2\"}' WHERE id = 1",
                "UPDATE series SET labels = '{\"../x\":\"1\"}' WHERE id = 1",
                "UPDATE series SET metric = '../../etc/passwd' WHERE id = 1",
                "UPDATE series SET id = -5 WHERE id = 1")) {
            Path file = valid("series-" + Math.abs(update.hashCode()) + ".pharos");
            sql(file, update);
            refused(file, SnapshotFileException.Kind.UNEXPECTED_CONTENT).as(update);
        }
    }

    @Test
    void aHugeManifestIsNotRead() throws Exception {
        Path file = valid("big-manifest.pharos");
        sql(file, "UPDATE manifest SET body = '\"' || hex(zeroblob(600000)) || '\"'");
        refused(file, SnapshotFileException.Kind.TOO_LARGE).hasMessageContaining("manifest");
    }

    @Test
    void aReadThatIsCancelledStops() {
        Path file = valid("cancel.pharos");
        AtomicBoolean cancel = new AtomicBoolean();
        try (SnapshotFileReader r = SnapshotFileReader.open(file, new SnapshotFileReader.Limits(Duration.ofMinutes(1),
                cancel::get))) {
            cancel.set(true);
            assertThatThrownBy(r::verify).isInstanceOf(SnapshotFileException.class)
                    .satisfies(e -> assertThat(((SnapshotFileException) e).kind())
                            .isEqualTo(SnapshotFileException.Kind.INTERRUPTED));
        }
    }

    @Test
    void aReadPastItsTimeStopsInsideSqlite() {
        Path file = dir.resolve("slow.pharos");
        try (SnapshotFileWriter w = SnapshotFileWriter.create(file)) {
            for (int i = 0; i < 50_000; i++) {
                w.add(cpu("h" + i), new long[] {T0, T0 + 1}, new double[] {1, 2}, 2);
            }
            w.content();
            w.commit("{}");
        }
        // Opening reads the schema (a few rows); the digest of 50,000 series and 50,000 chunks takes
        // far longer than 20 ms.
        try (SnapshotFileReader r = SnapshotFileReader.open(file, new SnapshotFileReader.Limits(Duration.ofMillis(20),
                () -> false))) {
            assertThatThrownBy(r::verify).isInstanceOf(SnapshotFileException.class)
                    .hasMessageContaining("took too long")
                    .satisfies(e -> assertThat(((SnapshotFileException) e).kind())
                            .isEqualTo(SnapshotFileException.Kind.INTERRUPTED));
        }
    }

    @Test
    void readingNeverWritesToTheFileNorBesideIt() throws Exception {
        Path file = valid("untouched.pharos");
        String before = sha256(file);
        long modified = Files.getLastModifiedTime(file).toMillis();
        try (SnapshotFileReader r = SnapshotFileReader.open(file)) {
            r.series().forEach(s -> r.read(s, Long.MIN_VALUE, Long.MAX_VALUE));
            r.verify();
        }
        assertThat(sha256(file)).isEqualTo(before);
        assertThat(Files.getLastModifiedTime(file).toMillis()).isEqualTo(modified);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("untouched.pharos");
        }
    }

    @Test
    void aFileOnAReadOnlyPathWithSpacesInItsNameOpens() throws IOException {
        Path sub = Files.createDirectories(dir.resolve("from a colleague #3"));
        Path file = Files.move(valid("x.pharos"), sub.resolve("incident 42 ?.pharos"));
        assertThat(file.toFile().setWritable(false)).isTrue();
        assertThat(sub.toFile().setWritable(false)).isTrue();
        try (SnapshotFileReader r = SnapshotFileReader.open(file)) {
            assertThat(r.series()).hasSize(2);
        } finally {
            sub.toFile().setWritable(true);
        }
    }

    private static void sql(Path file, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
