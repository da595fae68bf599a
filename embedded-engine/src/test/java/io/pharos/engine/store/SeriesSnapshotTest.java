package io.pharos.engine.store;

import static io.pharos.engine.store.TimeSeriesStoreTest.T0;
import static io.pharos.engine.store.TimeSeriesStoreTest.cpu;
import static io.pharos.engine.store.TimeSeriesStoreTest.manualCompaction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pharos.engine.model.Matcher;
import io.pharos.engine.model.Sample;
import io.pharos.engine.model.SeriesKey;
import io.pharos.engine.testing.CapturedLogs;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeriesSnapshotTest {
    @TempDir
    Path dir;

    private static SeriesSnapshot.Series series(SeriesKey... keys) {
        int[] ids = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            ids[i] = 3 * i + 1; // gaps, as rolled back inserts leave them
        }
        return new SeriesSnapshot.Series(ids, keys, keys.length);
    }

    private static final SeriesKey[] ODD_KEYS = {
        SeriesKey.of("probe_ok", "target", "https://a.example/?q=\"x\",y", "note", "back\\slash\nnew line"),
        SeriesKey.of("up"),
        SeriesKey.of("region_requests", "region", "ap-northeast-1 東京 région", "emoji", "🚦"),
        cpu("h1"),
        cpu("h2"),
    };

    @Test
    void everySeriesComesBackWithItsIdAndEveryLabelValue() {
        SeriesSnapshot.Series back = SeriesSnapshot.decode(SeriesSnapshot.encode(series(ODD_KEYS)));
        assertThat(back.count()).isEqualTo(ODD_KEYS.length);
        assertThat(Arrays.copyOf(back.keys(), back.count())).containsExactly(ODD_KEYS);
        assertThat(Arrays.copyOf(back.ids(), back.count())).containsExactly(1, 4, 7, 10, 13);
        assertThat(back.maxId()).isEqualTo(13);
    }

    @Test
    void aValueSharedBySeriesIsWrittenOnce() {
        String host = "a-rather-long-host-name-".repeat(40); // 960 characters
        SeriesKey[] keys = new SeriesKey[200];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = SeriesKey.of("metric_" + i, "host", host);
        }
        byte[] data = SeriesSnapshot.encode(series(keys));
        assertThat(data.length).as("one copy of the host name, not 200").isLessThan(host.length() + 200 * 20);
        SeriesSnapshot.Series back = SeriesSnapshot.decode(data);
        assertThat(back.keys()[0].labels().get("host")).isSameAs(back.keys()[199].labels().get("host"));
    }

    @Test
    void anEmptyStoreHasAnEmptySnapshot() {
        SeriesSnapshot.Series back = SeriesSnapshot.decode(SeriesSnapshot.encode(series()));
        assertThat(back.count()).isZero();
        assertThat(back.maxId()).isZero();
    }

    @Test
    void aDamagedSnapshotIsRefusedWithAReasonAndNothingElse() {
        byte[] data = SeriesSnapshot.encode(series(ODD_KEYS));
        for (int length = 0; length < data.length; length++) {
            byte[] cut = Arrays.copyOf(data, length);
            assertThatThrownBy(() -> SeriesSnapshot.decode(cut)).as("cut at %d", length)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        byte[] longer = Arrays.copyOf(data, data.length + 1);
        assertThatThrownBy(() -> SeriesSnapshot.decode(longer)).hasMessageContaining("after the last series");
        byte[] newer = data.clone();
        newer[0] = 2;
        assertThatThrownBy(() -> SeriesSnapshot.decode(newer)).hasMessageContaining("format 2");
        // Any byte changed: either refused as above, or decoded into valid series (a value's letter
        // changed); never another exception, never a huge allocation.
        Random random = new Random(7);
        for (int i = 0; i < 5_000; i++) {
            byte[] changed = data.clone();
            changed[random.nextInt(changed.length)] = (byte) random.nextInt(256);
            try {
                SeriesSnapshot.decode(changed);
            } catch (IllegalArgumentException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }

    @Test
    void aCleanCloseWritesTheSnapshotThatTheNextOpenReads() throws Exception {
        try (TimeSeriesStore store = TimeSeriesStore.open(dir, manualCompaction())) {
            write(store, "h0", "h1", "h2");
        }
        try (Connection c = connect()) {
            SeriesSnapshot.Series snapshot = SeriesSnapshot.read(c, why -> {
                throw new AssertionError(why);
            });
            assertThat(snapshot).isNotNull();
            assertThat(Arrays.copyOf(snapshot.keys(), snapshot.count())).containsExactly(cpu("h0"), cpu("h1"), cpu("h2"));
        }
        try (CapturedLogs logs = new CapturedLogs();
             TimeSeriesStore store = TimeSeriesStore.open(dir, manualCompaction())) {
            assertThat(store.stats().series()).isEqualTo(3);
            assertThat(store.select(List.of(Matcher.eq("host", "h1")))).extracting(SeriesRef::key).containsExactly(cpu("h1"));
            assertThat(store.latest(store.ref(cpu("h2")))).isEqualTo(new Sample(T0, 3));
            assertThat(logs.text()).doesNotContain("snapshot");
        }
    }

    @Test
    void seriesMadeAfterTheSnapshotAreReadFromTheirRows() throws Exception {
        try (TimeSeriesStore store = TimeSeriesStore.open(dir, manualCompaction())) {
            write(store, "h0", "h1", "h2", "h3");
        }
        // As if the process had died after h2 and h3 were made and before the snapshot took them.
        try (Connection c = connect()) {
            SeriesSnapshot.Series all = SeriesSnapshot.read(c, why -> {
                throw new AssertionError(why);
            });
            SeriesSnapshot.write(c, new SeriesSnapshot.Series(all.ids(), all.keys(), 2));
        }
        try (CapturedLogs logs = new CapturedLogs();
             TimeSeriesStore store = TimeSeriesStore.open(dir, manualCompaction())) {
            assertThat(logs.text()).doesNotContain("snapshot");
            assertThat(store.stats().series()).isEqualTo(4);
            assertThat(store.select(List.of(Matcher.metric("node_cpu_utilization_ratio")))).extracting(SeriesRef::key)
                    .containsExactlyInAnyOrder(cpu("h0"), cpu("h1"), cpu("h2"), cpu("h3"));
            assertThat(store.latest(store.ref(cpu("h3")))).isEqualTo(new Sample(T0, 4));
        }
        assertThat(snapshotCount()).as("written again at close").isEqualTo(4);
    }

    @Test
    void aSnapshotThatFailsItsChecksumIsIgnoredAndWrittenAgain() throws Exception {
        try (TimeSeriesStore store = TimeSeriesStore.open(dir, manualCompaction())) {
            write(store, "h0", "h1");
        }
        try (Connection c = connect()) {
            c.createStatement().executeUpdate("UPDATE series_snapshot SET data = x'0102'");
        }
        assertReadFromRowsAndRepaired("fails its checksum", 2);
    }

    @Test
    void aSnapshotThatCountsOtherSeriesThanTheTableIsIgnored() throws Exception {
        try (TimeSeriesStore store = TimeSeriesStore.open(dir, manualCompaction())) {
            write(store, "h0", "h1");
        }
        // A snapshot of three series up to id 2: the table has two (a file put together by hand).
        try (Connection c = connect()) {
            SeriesSnapshot.write(c, new SeriesSnapshot.Series(new int[] {1, 2}, new SeriesKey[] {cpu("h0"), cpu("x")}, 2));
            c.createStatement().executeUpdate("UPDATE series_snapshot SET series = 3");
        }
        assertReadFromRowsAndRepaired("says 3 series up to id 2 and holds 2 up to id 2; the series table has 2", 2);
    }

    @Test
    void aStoreOfTheFirstSchemaIsMigratedAndGetsItsSnapshot() throws Exception {
        try (TimeSeriesStore store = TimeSeriesStore.open(dir, manualCompaction())) {
            write(store, "h0", "h1", "h2");
        }
        try (Connection c = connect()) {
            c.createStatement().execute("DROP TABLE series_snapshot");
            c.createStatement().execute("PRAGMA user_version=1");
        }
        try (TimeSeriesStore store = TimeSeriesStore.open(dir, manualCompaction())) {
            assertThat(store.stats().series()).isEqualTo(3);
            assertThat(store.latest(store.ref(cpu("h1")))).isEqualTo(new Sample(T0, 2));
        }
        assertThat(snapshotCount()).isEqualTo(3);
    }

    @Test
    void theOpenReadsTheSnapshotNotTheRowsItCovers() throws Exception {
        try (TimeSeriesStore store = TimeSeriesStore.open(dir, manualCompaction())) {
            write(store, "h0", "h1", "h2");
        }
        // Rows the snapshot covers are not parsed: damaged label texts go unnoticed, the keys are whole.
        try (Connection c = connect()) {
            c.createStatement().executeUpdate("UPDATE series SET labels = 'not labels ' || id");
        }
        try (CapturedLogs logs = new CapturedLogs();
             TimeSeriesStore store = TimeSeriesStore.open(dir, manualCompaction())) {
            assertThat(logs.text()).doesNotContain("one by one");
            assertThat(store.select(List.of(Matcher.eq("host", "h2")))).extracting(SeriesRef::key).containsExactly(cpu("h2"));
        }
    }

    @Test
    void aSnapshotMissingASeriesOfTheTableIsIgnored() throws Exception {
        try (TimeSeriesStore store = TimeSeriesStore.open(dir, manualCompaction())) {
            write(store, "h0", "h1");
        }
        // Consistent with itself (one series up to id 2), not with the table (two rows up to id 2).
        try (Connection c = connect()) {
            SeriesSnapshot.write(c, new SeriesSnapshot.Series(new int[] {2}, new SeriesKey[] {cpu("h1")}, 1));
        }
        assertReadFromRowsAndRepaired("says 1 series up to id 2 and holds 1 up to id 2; the series table has 2", 2);
    }

    private void assertReadFromRowsAndRepaired(String warning, int series) throws SQLException {
        try (CapturedLogs logs = new CapturedLogs();
             TimeSeriesStore store = TimeSeriesStore.open(dir, manualCompaction())) {
            assertThat(logs.text()).contains(warning).contains("read one by one");
            assertThat(store.stats().series()).isEqualTo(series);
            assertThat(store.select(List.of(Matcher.eq("host", "h1")))).extracting(SeriesRef::key).containsExactly(cpu("h1"));
        }
        assertThat(snapshotCount()).as("written again at close").isEqualTo(series);
    }

    private static void write(TimeSeriesStore store, String... hosts) {
        Appender app = store.appender();
        for (int i = 0; i < hosts.length; i++) {
            app.append(cpu(hosts[i]), T0, i + 1);
        }
        app.commit();
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(TimeSeriesStore.FILE_NAME));
    }

    private int snapshotCount() throws SQLException {
        try (Connection c = connect()) {
            List<String> problems = new ArrayList<>();
            SeriesSnapshot.Series s = SeriesSnapshot.read(c, problems::add);
            assertThat(problems).isEmpty();
            return s == null ? -1 : s.count();
        }
    }
}
