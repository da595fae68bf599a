package io.pharos.engine.snapshot;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.pharos.engine.alerting.Acknowledgements;
import io.pharos.engine.alerting.Alert;
import io.pharos.engine.alerting.AlertState;
import io.pharos.engine.alerting.AlertStateStore;
import io.pharos.engine.alerting.Muter;
import io.pharos.engine.alerting.Silence;
import io.pharos.engine.incident.IncidentPolicy;
import io.pharos.engine.incident.IncidentService;
import io.pharos.engine.incident.Severity;
import io.pharos.engine.model.Labels;
import io.pharos.engine.model.Matcher;
import io.pharos.engine.model.SeriesKey;
import io.pharos.engine.pipeline.AlertRow;
import io.pharos.engine.rules.DefaultRules;
import io.pharos.engine.rules.RuleAlert;
import io.pharos.engine.store.SnapshotFileException;
import io.pharos.engine.store.SnapshotFileReader;
import io.pharos.engine.store.StateStore;
import io.pharos.engine.store.StoreOptions;
import io.pharos.engine.store.TimeSeriesStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * The state a console reads when it opens a snapshot — the alert queue, the recorded executive
 * figures, the rules it parses again, silences, acknowledgements, incidents — from a file whose
 * record bodies anyone may have written: opening and reading it as the console does either works or
 * ends in a {@link SnapshotFileException}; a record that cannot be read is left out, never thrown.
 * Fuzzed in CI for a bounded time by scripts/fuzz.
 */
class OpenedSnapshotFuzzTest {
    private static final Instant END = Instant.parse("2026-03-04T16:00:00Z");
    private static final List<String> KINDS = List.of(SnapshotQueue.KIND, SnapshotSummary.KIND,
            SnapshotSettings.RULES_KIND, "alert.silence", "alert.ack", "alert.lifecycle", "incident", "incident-action");
    private static final byte[] TEMPLATE = template();

    /** A small export: a few series, an alert of the queue, the figures, the rules, a silence, an incident. */
    private static byte[] template() {
        try {
            Path dir = Files.createTempDirectory("pharos-fuzz-opened");
            Clock clock = Clock.fixed(END, ZoneOffset.UTC);
            Path file = dir.resolve("t.pharos");
            try (TimeSeriesStore store = TimeSeriesStore.open(dir.resolve("data"), StoreOptions.defaults().withClock(clock));
                 StateStore state = StateStore.open(dir.resolve("data"))) {
                var app = store.appender();
                for (long t = END.toEpochMilli() - 600_000; t <= END.toEpochMilli(); t += 15_000) {
                    app.append(SeriesKey.of("region_requests_per_second", "region", "eu-west-1", "service", "checkout"),
                            t, 100);
                    app.append(SeriesKey.of("node_cpu_utilization_ratio", "host", "h1", "region", "eu-west-1"), t, 0.5);
                }
                app.commit();
                new AlertStateStore(state).saveSilence(new Silence("s1", List.of(Matcher.eq("region", "eu-west-1")),
                        END.toEpochMilli() - 60_000, END.toEpochMilli() + 3_600_000, "ops", "known", null),
                        END.toEpochMilli());
                new IncidentService(state, clock, IncidentPolicy.defaults()).create("eu-west-1 slow", Severity.SEV3, "ops");
                Labels labels = Labels.of("alertname", "RegionDown", "region", "eu-west-1", "severity", "critical");
                AlertRow row = new AlertRow(new RuleAlert("RegionDown", "pharos-regions",
                        new Alert(labels, AlertState.FIRING, END.toEpochMilli() - 300_000, END.toEpochMilli() - 240_000,
                                0, 0.4, false), Map.of("summary", "eu-west-1 answers 40 %")),
                        new Muter.MuteReason(Muter.MuteReason.Kind.SILENCE, "s1", "silenced by s1"),
                        new Acknowledgements.Ack("dana", END.toEpochMilli() - 60_000, END.toEpochMilli() + 3_600_000));
                new SnapshotExporter(store, state, () -> List.of(row), clock).export(new ExportRequest(
                        END.toEpochMilli() - 600_000, END.toEpochMilli(), Duration.ofSeconds(15), null, "fuzz",
                        ZoneOffset.UTC, List.of(), null, null, new SnapshotSettings.InUse(
                                DefaultRules.load().groups().subList(0, 1),
                                io.pharos.engine.dashboard.DashboardConfig.DEFAULTS)),
                        file, (a, b, c) -> { }, () -> false);
            }
            byte[] bytes = Files.readAllBytes(file);
            try (var all = Files.walk(dir)) {
                all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void anyStateRecordOpensOrIsRefused(FuzzedDataProvider data) throws IOException, SQLException {
        Path file = Files.createTempFile("pharos-fuzz", ".pharos");
        try {
            Files.write(file, TEMPLATE);
            String kind = KINDS.get(data.consumeInt(0, KINDS.size() - 1));
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
                String body;
                try (PreparedStatement ps = c.prepareStatement("SELECT body FROM record WHERE kind = ? ORDER BY key LIMIT 1")) {
                    ps.setString(1, kind);
                    var rs = ps.executeQuery();
                    body = rs.next() ? rs.getString(1) : "";
                }
                // Mostly the real body with a fuzzed piece in it: the parsers get past the first brace.
                String fuzzed;
                if (data.consumeBoolean() || body.isEmpty()) {
                    fuzzed = data.consumeString(4_000);
                } else {
                    int at = data.consumeInt(0, body.length());
                    int cut = data.consumeInt(0, body.length() - at);
                    fuzzed = body.substring(0, at) + data.consumeString(200) + body.substring(at + cut);
                }
                try (PreparedStatement ps = c.prepareStatement("UPDATE record SET body = ? WHERE kind = ? AND key = "
                        + "(SELECT min(key) FROM record WHERE kind = ?)")) {
                    ps.setString(1, fuzzed);
                    ps.setString(2, kind);
                    ps.setString(3, kind);
                    ps.executeUpdate();
                }
            }
            readAsTheConsoleDoes(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void readAsTheConsoleDoes(Path file) {
        try (OpenedSnapshot s = OpenedSnapshot.open(file,
                new SnapshotFileReader.Limits(Duration.ofSeconds(5), () -> false))) {
            var a = s.alerting();
            a.alerts();
            a.silences();
            a.ruleGroups();
            a.history(Labels.of("alertname", "RegionDown"), Long.MIN_VALUE, Long.MAX_VALUE, 20);
            s.status();
            s.dashboard().summarize(s.manifest().fromMs(), s.manifest().toMs());
            var incidents = s.incidentReader();
            for (var i : incidents.list()) {
                incidents.get(i.id());
                incidents.timeline(i.id());
                incidents.actions(i.id());
                incidents.verify(i.id());
            }
            s.rules();
            SnapshotDiff.of(s, s);
        } catch (SnapshotFileException expected) {
            // refused with a reason: what the reader promises
        }
    }
}
