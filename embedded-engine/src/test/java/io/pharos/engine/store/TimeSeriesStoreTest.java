package io.pharos.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pharos.engine.model.Matcher;
import io.pharos.engine.model.Sample;
import io.pharos.engine.model.SeriesKey;
import io.pharos.engine.testing.CapturedLogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimeSeriesStoreTest {
    static final long T0 = 1_763_900_000_000L; // 2025-11-23, aligned to nothing in particular
    @TempDir
    Path dir;

    /** Compaction left to the test; shared by the other store tests. */
    static StoreOptions manualCompaction() {
        return StoreOptions.defaults().withCompaction(Duration.ZERO, Duration.ofMinutes(1));
    }

    static SeriesKey cpu(String host) {
        return SeriesKey.of("node_cpu_utilization_ratio", "host", host, "region", "eu-west-1");
    }

    private static double valueAt(int host, long ts) {
        return Math.round(500 + 400 * Math.sin(ts / 60_000.0 + host)) / 1000.0;
    }

    private static void writeSeconds(TimeSeriesStore store, int hosts, long from, int seconds) {
        Appender app = store.appender();
        for (int s = 0; s < seconds; s++) {
            long ts = from + s * 1000L;
            for (int h = 0; h < hosts; h++) {
                app.append(cpu("h" + h), ts, valueAt(h, ts));
            }
            if (s % 60 == 59) {
                app.commit();
            }
        }
        app.commit();
    }

    @Test
    void aCleanCloseCompactsWhatEndedSoTheNextOpenReplaysOnlyTheOpenWindow() throws Exception {
        // Forty minutes of three hosts, one commit a minute, and no compaction while open.
        try (TimeSeriesStore store = TimeSeriesStore.open(dir, manualCompaction())) {
            writeSeconds(store, 3, T0, 40 * 60);
            assertThat(store.stats().compactedUntilMs()).isEqualTo(Long.MIN_VALUE);
        }
        long batches;
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("pharos.db"));
             var rs = c.createStatement().executeQuery("SELECT count(*) FROM wal_batch")) {
            batches = rs.getLong(1);
        }
        // At most the last window (10 minutes) and the grace period (1 minute) are left to replay.
        assertThat(batches).isPositive().isLessThanOrEqualTo(12);
        try (TimeSeriesStore store = TimeSeriesStore.open(dir, manualCompaction())) {
            assertThat(store.stats().compactedUntilMs()).isGreaterThan(T0);
            SeriesSamples s = store.read(store.ref(cpu("h0")), T0, T0 + 40 * 60_000L);
            assertThat(s.size()).as("nothing lost, nothing twice").isEqualTo(40 * 60);
        }
    }

    @Test
    void committedSamplesAreReadBackAndSurviveReopen() {
        try (TimeSeriesStore store = TimeSeriesStore.open(dir, manualCompaction())) {
            writeSeconds(store, 3, T0, 120);
            SeriesSamples s = store.read(store.ref(cpu("h1")), T0, T0 + 119_000);
            assertThat(s.size()).isEqualTo(120);
            assertThat(s.values()[10]).isEqualTo(valueAt(1, T0 + 10_000));
        }
        try (TimeSeriesStore store = TimeSeriesStore.open(dir, manualCompaction())) {
            assertThat(store.stats().series()).isEqualTo(3);
            SeriesSamples s = store.read(store.ref(cpu("h2")), T0, T0 + 200_000);
            assertThat(s.size()).isEqualTo(120);
            assertThat(store.latest(store.ref(cpu("h2")))).isEqualTo(new Sample(T0 + 119_000, valueAt(2, T0 + 119_000)));
        }
    }

    @Test
    void seriesWithAnyLabelValuesAreFoundAgainAfterReopen() throws Exception {
        SeriesKey odd = SeriesKey.of("probe_ok", "target", "https://a.example/?q=\"x\",y", "note", "back\\slash\nnew line");
        SeriesKey plain = SeriesKey.of("probe_ok", "target", "b");
        SeriesKey bare = SeriesKey.of("up");
        try (TimeSeriesStore store = TimeSeriesStore.open(dir, manualCompaction())) {
            Appender app = store.appender();
            app.append(odd, T0, 1);
            app.append(plain, T0, 2);
            app.append(bare, T0, 3);
            app.commit();
        }
        // Read back from the series snapshot.
        try (TimeSeriesStore store = TimeSeriesStore.open(dir, manualCompaction())) {
            assertThat(store.latest(store.ref(odd))).isEqualTo(new Sample(T0, 1));
            assertThat(store.select(List.of(Matcher.eq("note", "back\\slash\nnew line")))).extracting(SeriesRef::key)
                    .containsExactly(odd);
        }
        // Read back from the rows, without the snapshot. A series row whose label text is not canonical
        // (damaged, or written by hand) falls back on the label table: the series is still found.
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(TimeSeriesStore.FILE_NAME));
             var st = c.createStatement()) {
            st.executeUpdate("DELETE FROM series_snapshot");
            st.executeUpdate("UPDATE series SET labels='not labels' WHERE labels LIKE '%target=\"b\"%'");
        }
        try (TimeSeriesStore store = TimeSeriesStore.open(dir, manualCompaction())) {
            assertThat(store.stats().series()).isEqualTo(3);
            assertThat(store.latest(store.ref(odd))).isEqualTo(new Sample(T0, 1));
            assertThat(store.latest(store.ref(plain))).isEqualTo(new Sample(T0, 2));
            assertThat(store.latest(store.ref(bare))).isEqualTo(new Sample(T0, 3));
            assertThat(store.select(List.of(Matcher.eq("target", "b")))).extracting(SeriesRef::key).containsExactly(plain);
        }
    }

    @Test
    void compactionMovesWindowsToChunksWithoutLosingOrDuplicatingSamples() {
        int seconds = 3600;
        try (TimeSeriesStore store = TimeSeriesStore.open(dir, manualCompaction())) {
            writeSeconds(store, 4, T0, seconds);
            long written = store.compact();
            assertThat(written).isGreaterThan(0);
            assertThat(store.stats().compactedUntilMs()).isGreaterThan(T0);
            SeriesSamples s = store.read(store.ref(cpu("h3")), T0, T0 + seconds * 1000L);
            assertThat(s.size()).isEqualTo(seconds);
            for (int i = 0; i < seconds; i++) {
                assertThat(s.timestamps()[i]).isEqualTo(T0 + i * 1000L);
                assertThat(s.values()[i]).isEqualTo(valueAt(3, T0 + i * 1000L));
            }
            // Samples older than what was compacted are refused, not silently merged into the head.
            Appender late = store.appender();
            late.append(cpu("h0"), T0 + 5_000, 1.0);
            assertThat(late.commit()).isZero();
            assertThat(store.stats().rejectedTooOld()).isEqualTo(1);
        }
        try (TimeSeriesStore store = TimeSeriesStore.open(dir, manualCompaction())) {
            SeriesSamples s = store.read(store.ref(cpu("h0")), T0, T0 + seconds * 1000L);
            assertThat(s.size()).isEqualTo(seconds);
        }
    }

    @Test
    void outOfOrderSamplesAreRejectedAndCounted() {
        try (TimeSeriesStore store = TimeSeriesStore.open(dir, manualCompaction())) {
            Appender app = store.appender();
            app.append(cpu("a"), T0 + 2000, 1);
            app.append(cpu("a"), T0 + 1000, 2);
            app.append(cpu("a"), T0 + 2000, 3);
            assertThat(app.commit()).isEqualTo(1);
            assertThat(store.stats().rejectedOutOfOrder()).isEqualTo(2);
        }
    }

    @Test
    void selectsSeriesByLabelMatchers() {
        try (TimeSeriesStore store = TimeSeriesStore.open(dir, manualCompaction())) {
            Appender app = store.appender();
            app.append(SeriesKey.of("up", "region", "us-east-1", "host", "a"), T0, 1);
            app.append(SeriesKey.of("up", "region", "us-west-1", "host", "b"), T0, 1);
            app.append(SeriesKey.of("down", "region", "us-east-1", "host", "c"), T0, 1);
            app.commit();
            assertThat(store.select(List.of(Matcher.metric("up")))).hasSize(2);
            assertThat(store.select(List.of(Matcher.metric("up"), Matcher.eq("region", "us-east-1"))))
                    .extracting(r -> r.key().label("host")).containsExactly("a");
            assertThat(store.select(List.of(Matcher.regex("region", "us-.*"), Matcher.neq("host", "a"))))
                    .extracting(r -> r.key().label("host")).containsExactlyInAnyOrder("b", "c");
            assertThat(store.select(List.of(Matcher.notRegex("__name__", "up")))).hasSize(1);
        }
    }

    @Test
    void downsamplingMatchesABruteForceComputationWithAndWithoutRollups() {
        int seconds = 2 * 3600;
        try (TimeSeriesStore store = TimeSeriesStore.open(dir, manualCompaction())) {
            long from = Math.floorDiv(T0, 3_600_000L) * 3_600_000L;
            writeSeconds(store, 1, from, seconds);
            store.compactBefore(from + 3_600_000L); // first hour on disk with rollups, second in the head
            SeriesRef ref = store.ref(cpu("h0"));
            SeriesSamples raw = store.read(ref, from, from + seconds * 1000L);
            for (long step : new long[] {7_000, 60_000, 300_000}) {
                Downsampled d = store.downsample(ref, from, from + seconds * 1000L - 1, step);
                for (int b = 0; b < d.buckets(); b++) {
                    long start = d.bucketStart(b);
                    double min = Double.NaN;
                    double max = Double.NaN;
                    double sum = 0;
                    int count = 0;
                    for (int i = 0; i < raw.size(); i++) {
                        if (raw.timestamps()[i] >= start && raw.timestamps()[i] < start + step) {
                            double v = raw.values()[i];
                            min = count == 0 ? v : Math.min(min, v);
                            max = count == 0 ? v : Math.max(max, v);
                            sum += v;
                            count++;
                        }
                    }
                    assertThat(d.count()[b]).as("count of bucket %d at step %d", b, step).isEqualTo(count);
                    if (count > 0) {
                        assertThat(d.min()[b]).isEqualTo(min);
                        assertThat(d.max()[b]).isEqualTo(max);
                        assertThat(d.sum()[b]).isCloseTo(sum, org.assertj.core.data.Offset.offset(1e-9));
                    }
                }
            }
        }
    }

    @Test
    void historyWritesMergeWithExistingChunksAndRerunsKeepOneCopy() {
        try (TimeSeriesStore store = TimeSeriesStore.open(dir, manualCompaction())) {
            Random rnd = new Random(5);
            SeriesKey key = SeriesKey.of("imported", "job", "x");
            for (int run = 0; run < 2; run++) {
                try (HistoryWriter w = store.historyWriter()) {
                    for (int i = 0; i < 5000; i++) {
                        w.append(key, T0 + i * 15_000L, i % 100);
                    }
                    assertThat(w.samplesWritten()).isLessThanOrEqualTo(5000);
                }
            }
            // Unordered input within a window is sorted; a later write wins on equal timestamps.
            try (HistoryWriter w = store.historyWriter()) {
                w.append(key, T0 + 30_000, 42);
                w.append(key, T0, 41);
            }
            SeriesSamples s = store.read(store.ref(key), T0, T0 + 5000 * 15_000L);
            assertThat(s.size()).isEqualTo(5000);
            assertThat(s.values()[0]).isEqualTo(41);
            assertThat(s.values()[2]).isEqualTo(42);
            assertThat(s.values()[3]).isEqualTo(3);
            assertThat(rnd).isNotNull();
        }
    }

    @Test
    void liveWindowsCompactedIntoABlockOfImportedHistoryMergeWithIt() {
        long block = Math.floorDiv(T0, TimeSeriesStore.BLOCK_MS) * TimeSeriesStore.BLOCK_MS;
        SeriesKey key = cpu("merge");
        try (TimeSeriesStore store = TimeSeriesStore.open(dir, manualCompaction())) {
            try (HistoryWriter w = store.historyWriter()) {
                for (int i = 0; i < 3600; i += 2) { // even seconds of the block's first hour, imported
                    w.append(key, block + i * 1000L, i);
                }
            }
            Appender app = store.appender();
            for (int i = 3600; i < 5400; i++) { // then live data later in the same block
                app.append(key, block + i * 1000L, i);
            }
            app.commit();
            store.compactBefore(block + 5400_000L);
            try (HistoryWriter w = store.historyWriter()) { // and the odd seconds imported afterwards
                for (int i = 1; i < 3600; i += 2) {
                    w.append(key, block + i * 1000L, i);
                }
            }
            SeriesSamples s = store.read(store.ref(key), block, block + TimeSeriesStore.BLOCK_MS);
            assertThat(s.size()).isEqualTo(5400);
            for (int i = 0; i < 5400; i++) {
                assertThat(s.timestamps()[i]).isEqualTo(block + i * 1000L);
                assertThat(s.values()[i]).isEqualTo(i);
            }
            Downsampled d = store.downsample(store.ref(key), block, block + 5_399_999L, 600_000);
            assertThat(java.util.Arrays.stream(d.count()).sum()).isEqualTo(5400);
        }
    }

    @Test
    void downsamplingShowsHistoryAndLiveDataThatShareABlock() {
        // The usual start: "generate" writes history up to now, then the console appends live samples.
        long block = Math.floorDiv(T0, TimeSeriesStore.BLOCK_MS) * TimeSeriesStore.BLOCK_MS;
        SeriesKey key = cpu("history-then-live");
        try (TimeSeriesStore store = TimeSeriesStore.open(dir, manualCompaction())) {
            try (HistoryWriter w = store.historyWriter()) {
                for (int i = 0; i < 20; i++) { // five minutes of history at 15 s
                    w.append(key, block + i * 15_000L, 1);
                }
            }
            Appender app = store.appender(); // live from minute six: the same head window as the history
            for (int i = 0; i < 180; i++) {
                app.append(key, block + 360_000L + i * 1000L, 2);
            }
            app.commit();
            for (long step : new long[] {60_000, 7_000}) {
                Downsampled d = store.downsample(store.ref(key), block, block + 3_599_999L, step);
                assertThat(java.util.Arrays.stream(d.count()).sum()).as("step %d", step).isEqualTo(200);
            }
        }
    }

    @Test
    void rollupsAndRawAgreeOnNaNAndOnARangeEndingMidMinute() {
        long block = Math.floorDiv(T0, TimeSeriesStore.BLOCK_MS) * TimeSeriesStore.BLOCK_MS;
        SeriesKey key = cpu("nan");
        try (TimeSeriesStore store = TimeSeriesStore.open(dir, manualCompaction())) {
            try (HistoryWriter w = store.historyWriter()) {
                for (int i = 0; i < 3600; i++) {
                    w.append(key, block + i * 1000L, i % 7 == 0 ? Double.NaN : i / 100.0);
                }
            }
            long to = block + 1_830_500L; // half a minute past a minute boundary
            SeriesSamples raw = store.read(store.ref(key), block, to);
            Downsampled d = store.downsample(store.ref(key), block, to, 600_000); // rollup-eligible step
            long expected = java.util.Arrays.stream(raw.values(), 0, raw.size()).filter(v -> !Double.isNaN(v)).count();
            assertThat(java.util.Arrays.stream(d.count()).sum()).isEqualTo(expected);
            for (int b = 0; b < d.buckets(); b++) {
                assertThat(d.avg(b)).as("bucket %d", b).isNotNaN();
            }
        }
    }

    @Test
    void aSampleFromTheFutureDoesNotBlockLiveIngest() {
        long now = System.currentTimeMillis();
        SeriesKey key = cpu("clock");
        try (TimeSeriesStore store = TimeSeriesStore.open(dir, manualCompaction())) {
            Appender app = store.appender();
            app.append(cpu("wrong-clock"), now + 86_400_000L, 1); // a peer whose clock is a day ahead
            app.append(key, now - 1_200_000L, 1);
            app.commit();
            store.compact();
            app.append(key, now - 1000, 2);
            assertThat(app.commit()).as("a current sample is still accepted").isEqualTo(1);
            assertThat(store.stats().compactedUntilMs()).isLessThanOrEqualTo(now);
        }
    }

    @Test
    void aDamagedChunkIsSkippedAndCountedWhileTheRestStaysReadable() throws Exception {
        long block = Math.floorDiv(T0, TimeSeriesStore.BLOCK_MS) * TimeSeriesStore.BLOCK_MS;
        try (TimeSeriesStore store = TimeSeriesStore.open(dir, manualCompaction())) {
            try (HistoryWriter w = store.historyWriter()) {
                for (int i = 0; i < 4 * 3600; i++) { // two blocks
                    w.append(cpu("d"), block + i * 1000L, 1);
                }
            }
        }
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(TimeSeriesStore.FILE_NAME))) {
            c.createStatement().executeUpdate("UPDATE chunk SET data = zeroblob(40) WHERE start_ts = " + block);
        }
        try (TimeSeriesStore store = TimeSeriesStore.open(dir, manualCompaction())) {
            SeriesSamples s = store.read(store.ref(cpu("d")), block, block + 4 * 3_600_000L);
            assertThat(s.size()).isEqualTo(2 * 3600);
            assertThat(s.timestamps()[0]).isEqualTo(block + TimeSeriesStore.BLOCK_MS);
            assertThat(store.stats().damagedChunks()).isEqualTo(1);
        }
    }

    @Test
    void aNewStoreHasItsPageSizeVacuumModeAndIdentity() throws Exception {
        TimeSeriesStore.open(dir, manualCompaction()).close();
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(TimeSeriesStore.FILE_NAME));
             var st = c.createStatement()) {
            for (String[] pragma : new String[][] {{"page_size", "8192"}, {"auto_vacuum", "2"},
                    {"application_id", Integer.toString(Schema.APPLICATION_ID)}, {"journal_mode", "wal"}}) {
                try (var rs = st.executeQuery("PRAGMA " + pragma[0])) {
                    assertThat(rs.getString(1)).as(pragma[0]).isEqualTo(pragma[1]);
                }
            }
        }
    }

    @Test
    void retentionDeletesChunksOlderThanTheirLimit() {
        long now = T0 + Duration.ofDays(20).toMillis();
        StoreOptions opts = manualCompaction().withClock(java.time.Clock.fixed(java.time.Instant.ofEpochMilli(now),
                java.time.ZoneOffset.UTC));
        try (TimeSeriesStore store = TimeSeriesStore.open(dir, opts)) {
            SeriesKey key = SeriesKey.of("old");
            try (HistoryWriter w = store.historyWriter()) {
                for (int i = 0; i < 3600; i++) {
                    w.append(key, T0 + i * 1000L, 1); // 20 days ago: beyond raw retention, within rollups
                    w.append(key, now - 3_600_000L + i * 1000L, 2);
                }
            }
            assertThat(store.applyRetention()).isGreaterThan(0);
            assertThat(store.read(store.ref(key), T0, T0 + 3_600_000L).size()).isZero();
            Downsampled d = store.downsample(store.ref(key), Math.floorDiv(T0, 60_000L) * 60_000L, T0 + 3_600_000L, 600_000);
            assertThat(java.util.Arrays.stream(d.count()).sum()).as("rollups outlive raw data").isEqualTo(3600);
            assertThat(store.read(store.ref(key), now - 3_600_000L, now).size()).isEqualTo(3600);
        }
    }

    @Test
    void aFileThatIsNotAStoreIsLeftUntouched() throws Exception {
        Path file = dir.resolve(TimeSeriesStore.FILE_NAME);
        byte[] content = "hello, this is not a database\n".repeat(20).getBytes();
        Files.write(file, content);
        assertThatThrownBy(() -> TimeSeriesStore.open(dir, manualCompaction()))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("is not a Pharos store")
                .hasMessageContaining("--data-dir")
                .extracting(e -> ((StoreException) e).kind()).isEqualTo(StoreException.Kind.NOT_A_STORE);
        assertThat(Files.readAllBytes(file)).isEqualTo(content);
    }

    @Test
    void anotherApplicationsSqliteFileIsLeftUntouched() throws Exception {
        Path file = dir.resolve(TimeSeriesStore.FILE_NAME);
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file)) {
            c.createStatement().execute("CREATE TABLE notes(x TEXT)");
        }
        byte[] before = Files.readAllBytes(file);
        assertThatThrownBy(() -> TimeSeriesStore.open(dir, manualCompaction()))
                .hasMessageContaining("another application");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void aNewerSchemaIsRefusedWithoutChangingTheFile() throws Exception {
        TimeSeriesStore.open(dir, manualCompaction()).close();
        Path file = dir.resolve(TimeSeriesStore.FILE_NAME);
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file)) {
            c.createStatement().execute("PRAGMA user_version=" + (Schema.STORE.latestVersion() + 1));
            c.createStatement().execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        byte[] before = Files.readAllBytes(file);
        assertThatThrownBy(() -> TimeSeriesStore.open(dir, manualCompaction()))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("newer Pharos")
                .extracting(e -> ((StoreException) e).kind()).isEqualTo(StoreException.Kind.NEWER_SCHEMA);
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void aDataDirectoryThatIsAFileIsExplained() throws Exception {
        Path notDir = dir.resolve("plain-file");
        Files.writeString(notDir, "x");
        assertThatThrownBy(() -> TimeSeriesStore.open(notDir, manualCompaction()))
                .hasMessageContaining("is a file, not a directory");
    }

    @Test
    void aFullDiskFailsTheCommitClearlyAndKeepsWhatWasAcknowledged() throws Exception {
        // SQLite's page limit makes the file "full" exactly like a full disk: SQLITE_FULL on write.
        try (TimeSeriesStore store = TimeSeriesStore.open(dir, manualCompaction().withMaxPageCount(40))) {
            Appender app = store.appender();
            app.append(cpu("kept"), T0, 0.5);
            assertThat(app.commit()).isEqualTo(1);
            Random rnd = new Random(1);
            StoreException failure = null;
            for (int batch = 0; batch < 200 && failure == null; batch++) {
                for (int i = 0; i < 5000; i++) {
                    app.append(cpu("filler" + (i % 50)), T0 + 1000L + batch * 5000L + i, rnd.nextDouble());
                }
                try {
                    app.commit();
                } catch (StoreException e) {
                    failure = e;
                }
            }
            assertThat(failure).isNotNull();
            assertThat(failure.kind()).isEqualTo(StoreException.Kind.DISK_FULL);
            assertThat(failure.getMessage()).contains("disk is full");
            assertThat(store.read(store.ref(cpu("kept")), T0, T0).values()).containsExactly(0.5);
            // SQLite rolled the failed commit back itself: the next writes must still be one transaction
            // (a BEGIN now fails because one is open), not each statement committed alone.
            try (Statement st = store.writerConnection().createStatement()) {
                assertThatThrownBy(() -> st.execute("BEGIN")).hasMessageContaining("within a transaction");
            }
            // The compaction at close works in that transaction (it used to fail: "cannot commit - no
            // transaction is active", its chunks written one statement at a time).
            try (CapturedLogs logs = new CapturedLogs()) {
                store.close();
                assertThat(logs.text()).doesNotContain("no transaction is active");
            }
        }
        try (TimeSeriesStore store = TimeSeriesStore.open(dir, manualCompaction())) {
            assertThat(store.read(store.ref(cpu("kept")), T0, T0).values()).containsExactly(0.5);
        }
    }
}
