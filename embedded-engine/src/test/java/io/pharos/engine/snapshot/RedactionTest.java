package io.pharos.engine.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.engine.model.SeriesKey;
import io.pharos.engine.store.HistoryWriter;
import io.pharos.engine.store.SeriesRef;
import io.pharos.engine.store.SnapshotFileReader;
import io.pharos.engine.store.StateStore;
import io.pharos.engine.store.StoreOptions;
import io.pharos.engine.store.TimeSeriesStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Host names and chosen labels replaced by stable pseudonyms, everywhere a snapshot holds them. */
class RedactionTest {
    private static final long T0 = 1_763_856_000_000L;
    private static final byte[] KEY = "a team's redaction secret, 32 b".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OTHER_KEY = "another secret altogether, 32 b".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    private static SeriesKey cpu(String host) {
        return SeriesKey.of("node_cpu_utilization_ratio", "host", host, "instance", host + ":9100", "region", "eu-west-1");
    }

    private static final List<SeriesKey> FLEET = List.of(cpu("db-primary-7"), cpu("db-primary-70"),
            SeriesKey.of("probe_ok", "host", "edge node 3", "customer", "Acme Corp"));

    @Test
    void aHostBecomesTheSamePseudonymInItsLabelsAndInText() {
        Redaction r = new Redaction(List.of("host"), KEY, FLEET);
        SeriesKey k = r.key(cpu("db-primary-7"));
        String host = k.labels().get("host");
        assertThat(host).matches("host-[0-9a-f]{10}");
        assertThat(k.labels().get("instance")).isEqualTo(host + ":9100");
        assertThat(k.labels().get("region")).isEqualTo("eu-west-1");
        assertThat(k.metric()).isEqualTo("node_cpu_utilization_ratio");
        assertThat(r.key(cpu("db-primary-70")).labels().get("host")).isNotEqualTo(host);
        // Words, not substrings: db-primary-70 is not db-primary-7 followed by a 0.
        assertThat(r.text("{\"summary\":\"CPU on db-primary-7 at 95 %, db-primary-70 at 20 %; edge node 3 down\"}"))
                .isEqualTo("{\"summary\":\"CPU on " + host + " at 95 %, " + r.key(cpu("db-primary-70")).labels().get("host")
                        + " at 20 %; " + r.key(FLEET.get(2)).labels().get("host") + " down\"}")
                .doesNotContain("db-primary", "edge node");
        // Stable for a key, different for another, and the key itself is told by a fingerprint only.
        assertThat(new Redaction(List.of("host"), KEY, FLEET).key(cpu("db-primary-7"))).isEqualTo(k);
        assertThat(new Redaction(List.of("host"), OTHER_KEY, FLEET).key(cpu("db-primary-7"))).isNotEqualTo(k);
        assertThat(r.describe().labels()).containsExactly("host");
        assertThat(r.describe().keyFingerprint()).matches("[0-9a-f]{16}")
                .isNotEqualTo(new Redaction(List.of("host"), OTHER_KEY, FLEET).describe().keyFingerprint());
    }

    @Test
    void chosenLabelsToo() {
        Redaction r = new Redaction(List.of("host", "customer"), KEY, FLEET);
        assertThat(r.key(FLEET.get(2)).labels().get("customer")).matches("customer-[0-9a-f]{10}");
        assertThat(r.text("escalated by Acme Corp")).doesNotContain("Acme");
    }

    @Test
    void anExportWithRedactionHoldsNoHostNameAnywhere() throws Exception {
        Path data = dir.resolve("data");
        try (TimeSeriesStore store = TimeSeriesStore.open(data, StoreOptions.defaults());
             StateStore state = StateStore.open(data)) {
            try (HistoryWriter w = store.historyWriter()) {
                for (long ts = T0; ts < T0 + 3_600_000; ts += 10_000) {
                    for (SeriesKey k : FLEET) {
                        w.append(k, ts, 0.5);
                    }
                }
            }
            state.write(tx -> {
                tx.put("alert.lifecycle", "HighCpu{host=\"db-primary-7\"}", T0,
                        "{\"labels\":{\"host\":\"db-primary-7\"},\"summary\":\"CPU on db-primary-7 is high\"}");
                tx.put("alert.lifecycle", "AAA-first", T0, "{\"labels\":{\"host\":\"edge node 3\"}}");
                tx.append("incident-timeline", "INC-1", T0, "{\"note\":\"restarted db-primary-70 by hand\"}");
                return null;
            });
            Redaction redaction = new Redaction(List.of("host"), KEY, store.select(List.of()).stream()
                    .map(SeriesRef::key).toList());
            ExportRequest request = new ExportRequest(T0, T0 + 3_599_999, Duration.ofSeconds(10), "review", "1.0",
                    ZoneId.of("UTC"), List.of(), null, redaction, null);
            Path out = dir.resolve("redacted.pharos");
            Manifest m = new SnapshotExporter(store, state, Clock.systemUTC())
                    .export(request, out, (a, b, c) -> { }, () -> false).manifest();
            assertThat(m.redaction()).isEqualTo(redaction.describe());
            assertThat(m.content().series()).isEqualTo(3);

            String bytes = new String(Files.readAllBytes(out), StandardCharsets.ISO_8859_1);
            assertThat(bytes).doesNotContain("db-primary", "edge node");
            SnapshotInspection i = SnapshotInspection.of(out, SnapshotFileReader.Limits.DEFAULT);
            assertThat(i.problems()).isEmpty();
            assertThat(i.manifest().redaction()).isEqualTo(redaction.describe());
            try (SnapshotFileReader r = SnapshotFileReader.open(out)) {
                assertThat(r.series()).extracting(s -> s.key().labels().get("host"))
                        .allSatisfy(h -> assertThat(h).matches("host-[0-9a-f]{10}"));
                List<StateStore.Record> alerts = r.state().list("alert.lifecycle");
                assertThat(alerts).hasSize(2);
                assertThat(alerts).extracting(StateStore.Record::body).allSatisfy(b -> assertThat(b).contains("host-"));
                assertThat(r.state().log("incident-timeline", null, Long.MIN_VALUE, Long.MAX_VALUE, 10))
                        .singleElement().satisfies(e -> assertThat(e.body()).startsWith("{\"note\":\"restarted host-"));
            }
        }
    }
}
