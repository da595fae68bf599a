package io.pharos.engine.store;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.pharos.engine.model.SeriesKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Whatever a snapshot file holds, reading it either works or ends in a {@link SnapshotFileException}:
 * never another exception, never a hang (each read has a time budget), never unbounded memory (the
 * fuzzer's heap limit would report it). Two targets: bytes of a valid file overwritten and cut
 * anywhere (SQLite's own robustness, the header checks), and rows of a valid file rewritten with
 * fuzzed labels, blobs with matching checksums and counts (what byte mutations rarely reach behind
 * the checksums). Fuzzed in CI for a bounded time by scripts/fuzz; run one with JAZZER_FUZZ=1.
 */
class SnapshotFileFuzzTest {
    private static final long T0 = 1_763_856_000_000L;
    private static final byte[] TEMPLATE = template();

    /** A small valid snapshot: two series of samples, one of steps, a record and a log entry. */
    private static byte[] template() {
        try {
            Path dir = Files.createTempDirectory("pharos-fuzz-template");
            Path file = dir.resolve("t.pharos");
            try (SnapshotFileWriter w = SnapshotFileWriter.create(file)) {
                long[] ts = new long[300];
                double[] vs = new double[300];
                for (int i = 0; i < ts.length; i++) {
                    ts[i] = T0 + i * 10_000L;
                    vs[i] = i % 7 == 0 ? Double.NaN : i / 8.0;
                }
                w.add(SeriesKey.of("node_cpu_utilization_ratio", "host", "h1", "region", "eu-west-1"), ts, vs, 300);
                w.add(SeriesKey.of("up", "job", "x"), ts, vs, 3);
                w.add(SnapshotSeries.steps(SeriesKey.of("req_total"), Rollup.compute(ts, vs, 300, 60_000, true, 3)));
                w.addRecord("alert.silence", "s1", T0, "{\"comment\":\"fuzz\"}");
                w.addLog("alert.history", "a1", T0, "{\"to\":\"firing\"}");
                w.content();
                w.commit("{\"format\":\"pharos-snapshot\"}");
            }
            // Small pages: the fuzzer mutates a few kilobytes, not a mostly empty 8 KiB-page file.
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                 java.sql.Statement st = c.createStatement()) {
                st.execute("PRAGMA page_size=512");
                st.execute("VACUUM");
            }
            byte[] bytes = Files.readAllBytes(file);
            Files.delete(file);
            Files.delete(dir);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void anyBytesOfAFileReadOrAreRefused(FuzzedDataProvider data) throws IOException {
        byte[] bytes = TEMPLATE.clone();
        int edits = data.consumeInt(0, 8);
        for (int i = 0; i < edits; i++) {
            int at = data.consumeInt(0, bytes.length - 1);
            byte[] with = data.consumeBytes(data.consumeInt(1, 64));
            System.arraycopy(with, 0, bytes, at, Math.min(with.length, bytes.length - at));
        }
        int length = data.consumeBoolean() ? data.consumeInt(0, bytes.length) : bytes.length;
        Path file = Files.createTempFile("pharos-fuzz", ".pharos");
        try {
            Files.write(file, java.util.Arrays.copyOf(bytes, length));
            readAll(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void anyRowReadsOrIsRefused(FuzzedDataProvider data) throws IOException, SQLException {
        Path file = Files.createTempFile("pharos-fuzz", ".pharos");
        try {
            Files.write(file, TEMPLATE);
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
                switch (data.consumeInt(0, 3)) {
                    case 0 -> update(c, "UPDATE series SET labels = ? WHERE id = 1", data.consumeString(200));
                    case 1 -> update(c, "UPDATE series SET metric = ? WHERE id = 2", data.consumeString(100));
                    case 2 -> piece(c, "chunk", "samples", data);
                    default -> piece(c, "rollup", "buckets", data);
                }
            }
            readAll(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void update(Connection c, String sql, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, value);
            ps.executeUpdate();
        }
    }

    /** A chunk or rollup row rewritten: fuzzed bytes under a matching checksum, fuzzed count and span. */
    private static void piece(Connection c, String table, String countColumn, FuzzedDataProvider data)
            throws SQLException {
        long count = data.consumeLong(-2, 20_000);
        long start = data.consumeBoolean() ? T0 : data.consumeLong();
        long end = data.consumeBoolean() ? T0 + 2_990_000 : data.consumeLong();
        byte[] blob = data.consumeRemainingAsBytes();
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET " + countColumn
                + " = ?, start_ts = ?, end_ts = ?, crc = ?, data = ? WHERE rowid = (SELECT min(rowid) FROM " + table + ")")) {
            ps.setLong(1, count);
            ps.setLong(2, start);
            ps.setLong(3, end);
            ps.setLong(4, WalCodec.crc(blob));
            ps.setBytes(5, blob);
            ps.executeUpdate();
        } catch (SQLException duplicateKey) {
            // the fuzzed span collided with another row's key: nothing to read that the template lacks
        }
    }

    private static void readAll(Path file) {
        try (SnapshotFileReader r = SnapshotFileReader.open(file,
                new SnapshotFileReader.Limits(Duration.ofSeconds(5), () -> false))) {
            r.manifestJson();
            r.rowCounts();
            for (SeriesRef s : r.series()) {
                r.read(s, Long.MIN_VALUE, Long.MAX_VALUE);
                r.downsample(s, T0, T0 + 3_600_000, 60_000);
            }
            r.state().list("alert.silence");
            r.state().log("alert.history", null, Long.MIN_VALUE, Long.MAX_VALUE, 100);
            r.verify();
        } catch (SnapshotFileException expected) {
            // refused with a reason: what the reader promises
        }
    }
}
