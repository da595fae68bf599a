package io.pharos.engine.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pharos.engine.model.SeriesKey;
import io.pharos.engine.store.Downsampled;
import io.pharos.engine.store.HistoryWriter;
import io.pharos.engine.store.SeriesRef;
import io.pharos.engine.store.SeriesSamples;
import io.pharos.engine.store.SnapshotFileException;
import io.pharos.engine.store.SnapshotFileReader;
import io.pharos.engine.store.StateStore;
import io.pharos.engine.store.StoreOptions;
import io.pharos.engine.store.TimeSeriesStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export from a real store and state file, then the file read back as a receiver reads it. */
class SnapshotExporterTest {
    private static final long T0 = 1_763_900_000_000L - 1_763_900_000_000L % 3_600_000L; // an hour boundary
    private static final long HOURS = 3;
    private static final String TOKEN = "s3cr3t-webhook-token-7f1e";

    @TempDir
    Path dir;
    private TimeSeriesStore store;
    private StateStore state;
    private final Clock clock = Clock.fixed(Instant.ofEpochMilli(T0 + HOURS * 3_600_000L), ZoneOffset.UTC);

    private static SeriesKey cpu(String host) {
        return SeriesKey.of("node_cpu_utilization_ratio", "host", host, "region", "eu-west-1", "source", "simulated");
    }

    private static double valueAt(int host, long ts) {
        return Math.round(500 + 400 * Math.sin(ts / 600_000.0 + host)) / 1000.0;
    }

    @BeforeEach
    void history() {
        store = TimeSeriesStore.open(dir.resolve("data"), StoreOptions.defaults().withCompaction(Duration.ZERO,
                Duration.ofMinutes(1)));
        try (HistoryWriter w = store.historyWriter()) {
            for (long ts = T0; ts < T0 + HOURS * 3_600_000L; ts += 10_000) {
                for (int h = 0; h < 3; h++) {
                    w.append(cpu("h" + h), ts, valueAt(h, ts));
                }
            }
            w.append(SeriesKey.of("old_metric"), T0 - 86_400_000L, 1); // outside every range below
        }
        state = StateStore.open(dir.resolve("data"));
        state.write(tx -> {
            tx.put("alert.silence", "s1", T0, "{\"comment\":\"maintenance of h1\"}");
            tx.put("incident", "INC-1", T0 + 60_000, "{\"id\":\"INC-1\"}");
            tx.append("incident-timeline", "INC-1", T0 - 3_600_000L, "{\"text\":\"opened before the range\"}");
            tx.append("alert.history", "a1", T0 + 600_000, "{\"to\":\"firing\"}");
            tx.append("alert.history", "a0", T0 - 600_000, "{\"to\":\"firing\",\"before\":true}");
            tx.put("notify.queue", "d1", T0, "{\"url\":\"https://hooks.example/?token=" + TOKEN + "\"}");
            return null;
        });
    }

    @AfterEach
    void close() {
        state.close();
        store.close();
    }

    private ExportRequest request(long from, long to, Duration resolution) {
        return new ExportRequest(from, to, resolution, "after INC-1", "1.2.3", ZoneId.of("Europe/Berlin"),
                List.of(new Manifest.Source("reference fleet", true)), null, null, null);
    }

    private SnapshotExporter exporter() {
        return new SnapshotExporter(store, state, clock);
    }

    @Test
    void aMinuteResolutionHoldsTheStepAveragesTheConsoleReads() {
        long from = T0 + 3_600_000L;
        long to = T0 + 2 * 3_600_000L - 1;
        Path out = dir.resolve("hour.pharos");
        List<int[]> progress = new ArrayList<>();
        SnapshotExporter.Result result = exporter().export(request(from, to, Duration.ofMinutes(1)), out,
                (done, total, samples) -> progress.add(new int[] {done, total}), () -> false);

        Manifest m = result.manifest();
        assertThat(m.fromMs()).isEqualTo(from);
        assertThat(m.toMs()).isEqualTo(to);
        assertThat(m.resolutionMs()).isEqualTo(60_000);
        assertThat(m.applicationVersion()).isEqualTo("1.2.3");
        assertThat(m.createdZone()).isEqualTo("Europe/Berlin");
        assertThat(m.note()).isEqualTo("after INC-1");
        assertThat(m.content().series()).as("the series without samples in the range is left out").isEqualTo(3);
        assertThat(m.content().samples()).as("six samples a minute: kept as steps").isZero();
        assertThat(m.content().buckets()).isEqualTo(3 * 60);
        assertThat(progress).isNotEmpty();
        assertThat(progress.getLast()).containsExactly(4, 4);
        assertThat(result.fileBytes()).isEqualTo(out.toFile().length());

        try (SnapshotFileReader r = SnapshotFileReader.open(out)) {
            assertThat(ManifestJson.read(r.manifestJson(), out)).isEqualTo(m);
            for (SeriesRef s : r.series()) {
                Downsampled got = r.downsample(s, from, to, 300_000);
                Downsampled want = store.downsample(store.ref(s.key()), from, to, 300_000);
                assertThat(got.count()).isEqualTo(want.count());
                assertThat(got.min()).isEqualTo(want.min());
                assertThat(got.max()).isEqualTo(want.max());
                for (int i = 0; i < want.buckets(); i++) {
                    assertThat(got.avg(i)).isCloseTo(want.avg(i), org.assertj.core.data.Offset.offset(1e-12));
                }
            }
        }
        SnapshotInspection inspection = SnapshotInspection.of(out, SnapshotFileReader.Limits.DEFAULT);
        assertThat(inspection.problems()).isEmpty();
        assertThat(inspection.digestMatches()).isTrue();
    }

    @Test
    void rawResolutionHoldsEverySampleAsStored() {
        long from = T0 + 600_000;
        long to = T0 + 1_200_000;
        Path out = dir.resolve("raw.pharos");
        exporter().export(request(from, to, Duration.ZERO), out, (a, b, c) -> { }, () -> false);
        try (SnapshotFileReader r = SnapshotFileReader.open(out)) {
            for (SeriesRef s : r.series()) {
                SeriesSamples got = r.read(s, Long.MIN_VALUE, Long.MAX_VALUE);
                SeriesSamples want = store.read(store.ref(s.key()), from, to);
                assertThat(got.size()).isEqualTo(want.size()).isEqualTo(61);
                for (int i = 0; i < want.size(); i++) {
                    assertThat(got.timestamps()[i]).isEqualTo(want.timestamps()[i]);
                    assertThat(got.values()[i]).isEqualTo(want.values()[i]);
                }
            }
        }
    }

    @Test
    void theStateOfTheAlertQueueAndIncidentsComesAlongButNoSecret() throws Exception {
        Path out = dir.resolve("state.pharos");
        Manifest m = exporter().export(request(T0, T0 + 3_599_999L, Duration.ofSeconds(10)), out, (a, b, c) -> { },
                () -> false).manifest();
        assertThat(m.content().records()).as("the silence, the incident, the executive figures").isEqualTo(3);
        assertThat(m.content().logs()).as("the history in the range and the whole timeline").isEqualTo(2);
        try (SnapshotFileReader r = SnapshotFileReader.open(out)) {
            assertThat(r.state().list("alert.silence")).singleElement()
                    .satisfies(rec -> assertThat(rec.body()).contains("maintenance of h1"));
            assertThat(r.state().log("alert.history", null, Long.MIN_VALUE, Long.MAX_VALUE, 100))
                    .extracting(StateStore.LogEntry::key).containsExactly("a1");
            assertThat(r.state().log("incident-timeline", "INC-1", Long.MIN_VALUE, Long.MAX_VALUE, 100)).hasSize(1);
            assertThat(r.state().list("notify.queue")).isEmpty();
        }
        byte[] bytes = Files.readAllBytes(out);
        assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).doesNotContain(TOKEN);
    }

    @Test
    void aCancelledExportLeavesNothing() throws Exception {
        Path out = dir.resolve("cancelled.pharos");
        int[] calls = {0};
        assertThatThrownBy(() -> exporter().export(request(T0, T0 + 3_600_000L, Duration.ofSeconds(10)), out,
                (done, total, samples) -> calls[0]++, () -> calls[0] >= 2))
                .isInstanceOf(CancellationException.class);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("data");
        }
    }

    @Test
    void aChangedSnapshotFailsItsInspection() throws Exception {
        Path out = dir.resolve("changed.pharos");
        exporter().export(request(T0, T0 + 3_599_999L, Duration.ofMinutes(1)), out, (a, b, c) -> { }, () -> false);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + out); Statement st = c.createStatement()) {
            st.execute("UPDATE record SET body = '{\"comment\":\"nothing to see\"}' WHERE kind = 'alert.silence'");
        }
        SnapshotInspection inspection = SnapshotInspection.of(out, SnapshotFileReader.Limits.DEFAULT);
        assertThat(inspection.digestMatches()).isFalse();
        assertThat(inspection.problems()).singleElement().asString().contains("changed after export");
        // The manifest is covered too: a resolution changed after export changes what every step means.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + out); Statement st = c.createStatement()) {
            st.execute("UPDATE record SET body = '{\"comment\":\"maintenance of h1\"}' WHERE kind = 'alert.silence'");
        }
        assertThat(SnapshotInspection.of(out, SnapshotFileReader.Limits.DEFAULT).ok()).as("restored").isTrue();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + out); Statement st = c.createStatement()) {
            st.execute("UPDATE manifest SET body = replace(body, '\"resolutionMs\" : 60000', '\"resolutionMs\" : 10000')");
        }
        assertThat(SnapshotInspection.of(out, SnapshotFileReader.Limits.DEFAULT).digestMatches()).isFalse();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + out); Statement st = c.createStatement()) {
            st.execute("DELETE FROM log");
        }
        assertThat(SnapshotInspection.of(out, SnapshotFileReader.Limits.DEFAULT).problems())
                .anySatisfy(p -> assertThat(p).contains("The manifest counts 2 log entries, the file holds 0"));
        assertThat(SnapshotInspection.of(out, SnapshotFileReader.Limits.DEFAULT).problems())
                .noneSatisfy(p -> assertThat(p).contains("steps"));
    }

    @Test
    void hostileManifestsAreRefusedWithAReason() throws Exception {
        Path out = dir.resolve("m.pharos");
        exporter().export(request(T0, T0 + 3_599_999L, Duration.ofMinutes(1)), out, (a, b, c) -> { }, () -> false);
        String good;
        try (SnapshotFileReader r = SnapshotFileReader.open(out)) {
            good = r.manifestJson();
        }
        for (String bad : List.of(
                "[".repeat(5_000),
                "{\"format\":" + "{\"a\":".repeat(50) + "1" + "}".repeat(50) + "}",
                good.replace("\"pharos-snapshot\"", "\"other\""),
                good.replace("\"fromMs\" : " + T0, "\"fromMs\" : " + (T0 + 86_400_000L)),
                good.replace("\"fromMs\" : " + T0, "\"fromMs\" : " + (T0 + 3_599_999L)),
                good.replace("\"name\" : \"reference fleet\"", "\"name\" : null"),
                good.replace("\"name\" : \"reference fleet\"", "\"name\" : \" \""),
                good.replace("\"series\" : 3", "\"series\" : -3"),
                good.replace("\"createdZone\" : \"Europe/Berlin\"", "\"createdZone\" : \"../../etc/localtime\""),
                good.replace("\"series\" : 3", "\"series\" : 1" + "0".repeat(40)),
                good + " trailing",
                "null",
                "")) {
            assertThatThrownBy(() -> ManifestJson.read(bad, out)).as(bad.length() > 80 ? bad.substring(0, 80) : bad)
                    .isInstanceOf(SnapshotFileException.class)
                    .hasMessageContaining("is not a snapshot Pharos wrote");
        }
        assertThat(ManifestJson.read(good, out).content().series()).isEqualTo(3);
    }
}
