package io.pharos.engine.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.engine.EngineStatus;
import io.pharos.engine.PharosEngine;
import io.pharos.engine.alerting.AlertState;
import io.pharos.engine.alerting.Silence;
import io.pharos.engine.fleet.FleetRegion;
import io.pharos.engine.fleet.Scenario;
import io.pharos.engine.ingest.SourceStatus;
import io.pharos.engine.model.Matcher;
import io.pharos.engine.pipeline.AlertRow;
import io.pharos.engine.pipeline.AlertingRuntime;
import io.pharos.engine.pipeline.AlertingState;
import io.pharos.engine.rules.DefaultRules;
import io.pharos.engine.rules.Parser;
import io.pharos.engine.rules.Rule;
import io.pharos.engine.rules.RuleGroup;
import io.pharos.engine.store.SnapshotFileReader;
import io.pharos.engine.store.StateStore;
import io.pharos.engine.store.StoreOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A snapshot opened as the console opens it: the alert queue as it was shown at export (states,
 * annotations, what muted an alert, who acknowledged it), the rules read back, the status of a
 * recorded source; and what a crafted file's settings cannot do.
 */
class OpenedSnapshotTest {
    private static final Instant END = Instant.parse("2026-03-04T16:00:00Z");

    @TempDir
    Path dir;

    @Test
    void theAlertQueueIsWhatTheConsoleShowedAtExport() throws Exception {
        Path out = dir.resolve("outage.pharos");
        List<AlertRow> shown;
        List<RuleGroup> rules = DefaultRules.load().groups();
        try (FleetEngine f = new FleetEngine(dir.resolve("data"), END, Duration.ofHours(1), Scenario.regionOutage(
                FleetRegion.EU_WEST_1, END.minus(Duration.ofMinutes(40)), Duration.ofHours(2)).withMagnitude(0.6))) {
            PharosEngine engine = f.engine;
            AlertingRuntime alerting = f.alerting;
            f.passes(END.minus(Duration.ofMinutes(40)), END, t -> { });
            List<AlertRow> firing = alerting.alerts().stream()
                    .filter(r -> r.alert().alert().state() == AlertState.FIRING).toList();
            assertThat(firing).as("the outage fires alerts").hasSizeGreaterThan(1);
            alerting.pipeline().acknowledge(firing.getFirst().alert().alert().labels(), "dana", Duration.ofHours(4),
                    END.toEpochMilli());
            alerting.pipeline().silence(new Silence("s-1", List.of(Matcher.eq("alertname",
                    firing.getLast().alert().alert().labels().get("alertname"))), END.toEpochMilli() - 1,
                    END.plus(Duration.ofHours(1)).toEpochMilli(), "ops", "known", null), END.toEpochMilli());
            shown = alerting.alerts();
            // The command line's export, beside a running console: the queue the state file tells.
            List<AlertRow> saved = alerting.stateStore().read(r -> io.pharos.engine.pipeline.SavedQueue.read(r, rules,
                    END.toEpochMilli(), "state"));
            assertThat(saved).extracting(r -> r.alert().alert().labels() + " " + r.alert().alert().state() + " "
                    + r.mutedBy() + " " + r.acknowledgement() + " " + r.alert().rule() + " " + r.alert().group())
                    .as("states, muting and owners as the running pipeline shows them")
                    .containsExactlyInAnyOrderElementsOf(shown.stream().map(r -> r.alert().alert().labels() + " "
                            + r.alert().alert().state() + " " + r.mutedBy() + " " + r.acknowledgement() + " "
                            + r.alert().rule() + " " + r.alert().group()).toList());
            // Rendered from the same templates; the numbers are the value the state file saved last (within a
            // minute of the pass), so only the words are compared.
            java.util.function.Function<AlertRow, String> words = r -> r.alert().alert().labels() + " "
                    + new java.util.TreeMap<>(r.alert().annotations()).toString().replaceAll("[0-9.]+k?", "N");
            assertThat(saved).extracting(words).containsExactlyInAnyOrderElementsOf(shown.stream().map(words).toList());
            assertThat(shown).anySatisfy(r -> assertThat(r.mutedBy()).isNotNull());
            assertThat(shown).anySatisfy(r -> assertThat(r.acknowledgement()).isNotNull());
            assertThat(shown).anySatisfy(r -> assertThat(r.alert().annotations()).isNotEmpty());
            engine.snapshotExporter().export(new ExportRequest(END.minus(Duration.ofHours(1)).toEpochMilli(),
                    END.toEpochMilli(), Duration.ofSeconds(15), null, "test", ZoneOffset.UTC,
                    List.of(new Manifest.Source("reference fleet", true)), null, null,
                    new SnapshotSettings.InUse(rules, io.pharos.engine.dashboard.DashboardConfig.DEFAULTS)),
                    out, (a, b, c) -> { }, () -> false);
        }

        try (OpenedSnapshot s = OpenedSnapshot.open(out, SnapshotFileReader.Limits.DEFAULT)) {
            AlertingState a = s.alerting();
            assertThat(new HashSet<>(a.alerts())).as("every row as shown, muting and owner included")
                    .isEqualTo(new HashSet<>(shown));
            assertThat(a.runtime()).as("nothing to act on").isEmpty();
            assertThat(a.silences()).extracting(Silence::id).containsExactly("s-1");
            assertThat(a.ruleGroups()).extracting(RuleGroup::name).isEqualTo(rules.stream().map(RuleGroup::name).toList());
            for (int g = 0; g < rules.size(); g++) {
                List<Rule> want = rules.get(g).rules();
                List<Rule> got = a.ruleGroups().get(g).rules();
                assertThat(got).hasSameSizeAs(want);
                for (int i = 0; i < want.size(); i++) {
                    assertThat(got.get(i).name()).isEqualTo(want.get(i).name());
                    assertThat(got.get(i).expr()).as("the condition parsed again (regex matchers compare by text)")
                            .hasToString(want.get(i).expr().toString());
                    assertThat(got.get(i).labels()).isEqualTo(want.get(i).labels());
                }
            }
            assertThat(a.ruleCount()).isEqualTo(rules.stream().mapToInt(g -> g.rules().size()).sum());
            AlertRow one = shown.stream().filter(r -> r.alert().alert().state() == AlertState.FIRING).findFirst()
                    .orElseThrow();
            assertThat(a.history(one.alert().alert().labels(), Long.MIN_VALUE, Long.MAX_VALUE, 20))
                    .as("its state changes in the range").isNotEmpty()
                    .allSatisfy(h -> assertThat(h.labels()).isEqualTo(one.alert().alert().labels()));

            // The executive figures as recorded at export, and as computed from the file: the same over the range.
            io.pharos.engine.dashboard.ExecutiveSummary recorded = s.recordedSummary().orElseThrow();
            io.pharos.engine.dashboard.ExecutiveSummary computed = s.summary();
            assertThat(recorded.fromMs()).isEqualTo(s.manifest().fromMs());
            assertThat(recorded.toMs()).isEqualTo(s.manifest().toMs());
            for (io.pharos.engine.dashboard.Kpi k : recorded.kpis()) {
                if (!k.id().equals(io.pharos.engine.dashboard.ExecutiveSummary.ERROR_BUDGET_REMAINING)) {
                    assertThat(computed.kpi(k.id()).value()).as(k.id()).isEqualTo(k.value());
                }
            }
            assertThat(computed.regions()).isEqualTo(recorded.regions());
            assertThat(s.dashboard().summarize(recorded.fromMs(), recorded.toMs())).isSameAs(recorded);
            assertThat(s.dashboard().summarize(recorded.fromMs(), recorded.toMs() - 60_000).toMs())
                    .as("another range is computed").isEqualTo(recorded.toMs() - 60_000);

            EngineStatus status = s.status();
            assertThat(status.atMs()).isEqualTo(END.toEpochMilli());
            assertThat(status.sources()).extracting(EngineStatus.SourceInfo::name).contains("reference fleet");
            assertThat(status.sources()).allSatisfy(src ->
                    assertThat(src.status().state()).isEqualTo(SourceStatus.State.RECORDED));
            assertThat(status.alerting().firing()).isEqualTo((int) shown.stream()
                    .filter(r -> r.alert().alert().state() == AlertState.FIRING).count());
            assertThat(status.storeFileBytes()).isEqualTo(out.toFile().length());
        }
    }

    @Test
    void aRuleThatCannotBeReadIsLeftOutAndTheRestOpens() {
        Path out = dir.resolve("crafted.pharos");
        var small = Parser.parse("up == 0");
        String deep = "(".repeat(4_000) + "up" + ")".repeat(4_000);
        List<Rule> rules = List.of(
                new Rule.Alerting("Deep", small, deep, 0, 0, Map.of(), Map.of(), "crafted"),
                new Rule.Alerting("Long", small, "up + ".repeat(2_000) + "1", 0, 0, Map.of(), Map.of(), "crafted"),
                new Rule.Alerting("Broken", small, "up ==", 0, 0, Map.of(), Map.of(), "crafted"),
                new Rule.Alerting("Down", small, "up == 0", 60_000, 0, Map.of("severity", "critical"), Map.of(),
                        "crafted"));
        try (PharosEngine engine = PharosEngine.open(dir.resolve("data"), StoreOptions.defaults()
                .withClock(Clock.fixed(END, ZoneOffset.UTC)))) {
            engine.snapshotExporter().export(new ExportRequest(END.minusSeconds(60).toEpochMilli(), END.toEpochMilli(),
                    Duration.ZERO, null, "test", ZoneOffset.UTC, List.of(), null, null,
                    new SnapshotSettings.InUse(List.of(new RuleGroup("g", 60_000, rules)), null)),
                    out, (a, b, c) -> { }, () -> false);
        }
        try (OpenedSnapshot s = OpenedSnapshot.open(out, SnapshotFileReader.Limits.DEFAULT)) {
            List<String> names = s.alerting().ruleGroups().getFirst().rules().stream().map(Rule::name).toList();
            assertThat(names).as("the unparseable and the over-long are left out").contains("Down")
                    .doesNotContain("Long", "Broken");
            assertThat(s.alerting().alerts()).as("a snapshot without alerting has an empty queue").isEmpty();
            assertThat(s.status().alerting().rules()).isEqualTo(names.size());
        }
    }

    @Test
    void aQueueRecordThatCannotBeReadIsSkipped() {
        List<StateStore.Record> records = new ArrayList<>();
        records.add(new StateStore.Record(SnapshotQueue.KIND, "a", 0, "{\"rule\":\"X\"}"));
        records.add(new StateStore.Record(SnapshotQueue.KIND, "b", 0, "not json"));
        records.add(new StateStore.Record(SnapshotQueue.KIND, "c", 0, "{\"group\":\"g\",\"rule\":\"R\",\"labels\":"
                + "{\"alertname\":\"R\"},\"state\":\"FIRING\",\"activeSinceMs\":5,\"mutedBy\":{\"kind\":\"SILENCE\"},"
                + "\"annotations\":{\"summary\":\"all \\u202egood\\u2028FIRING 0 alerts\"}}"));
        StringBuilder many = new StringBuilder("{\"group\":\"g\",\"rule\":\"M\",\"state\":\"FIRING\",\"labels\":{");
        for (int i = 0; i < SnapshotQueue.MAX_ENTRIES + 1; i++) {
            many.append(i == 0 ? "" : ",").append("\"l").append(i).append("\":\"v\"");
        }
        records.add(new StateStore.Record(SnapshotQueue.KIND, "d", 0, many.append("}}").toString()));
        List<AlertRow> rows = SnapshotQueue.read(reader(records), "test");
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.alert().rule()).isEqualTo("R");
            assertThat(r.alert().alert().lastValue()).isNaN();
            assertThat(r.mutedBy().description()).isEmpty();
            assertThat(r.alert().annotations().get("summary")).as("no direction override or line separator shown")
                    .isEqualTo("all \\u202egood\\u2028FIRING 0 alerts");
            assertThat(r.acknowledgement()).isNull();
        });
    }

    @Test
    void aRangeThatEndedBeforeTheExportKeepsTheQueueAsItStoodThen() throws Exception {
        Instant trouble = END.minus(Duration.ofMinutes(40));
        Instant rangeEnd = END.minus(Duration.ofMinutes(20));
        Path out = dir.resolve("then.pharos");
        List<AlertRow> then = new java.util.ArrayList<>();
        List<AlertRow> nowSeen = new java.util.ArrayList<>();
        try (FleetEngine f = new FleetEngine(dir.resolve("data"), END, Duration.ofHours(1), Scenario.regionOutage(
                FleetRegion.EU_WEST_1, trouble, Duration.ofMinutes(25)).withMagnitude(0.6))) {
            PharosEngine engine = f.engine;
            AlertingRuntime alerting = f.alerting;
            f.passes(trouble, END, t -> {
                if (t.equals(rangeEnd)) {
                    then.addAll(alerting.alerts());
                }
            });
            assertThat(then).as("the outage fires during the range")
                    .anySatisfy(r -> assertThat(r.alert().alert().state()).isEqualTo(AlertState.FIRING));
            // After the range: the outage is over, one alert acknowledged and a silence set; neither was so then.
            alerting.pipeline().acknowledge(then.getFirst().alert().alert().labels(), "dana", Duration.ofHours(4),
                    END.toEpochMilli());
            alerting.pipeline().silence(new Silence("s-late", List.of(Matcher.eq("region", "eu-west-1")),
                    END.toEpochMilli(), END.plus(Duration.ofHours(1)).toEpochMilli(), "ops", "after the fact", null),
                    END.toEpochMilli());
            nowSeen.addAll(alerting.alerts());
            engine.snapshotExporter().export(new ExportRequest(rangeEnd.minus(Duration.ofMinutes(30)).toEpochMilli(),
                    rangeEnd.toEpochMilli(), Duration.ofSeconds(15), null, "test", ZoneOffset.UTC, List.of(), null, null,
                    new SnapshotSettings.InUse(DefaultRules.load().groups(), null)), out, (a, b, c) -> { }, () -> false);
        }
        java.util.function.Function<AlertRow, String> seen = r -> r.alert().group() + "/" + r.alert().rule() + " "
                + r.alert().alert().labels() + " " + r.alert().alert().state() + " since " + r.alert().alert().activeSinceMs()
                + " firing " + r.alert().alert().firingSinceMs() + " muted " + r.mutedBy() + " ack " + r.acknowledgement();
        try (OpenedSnapshot s = OpenedSnapshot.open(out, SnapshotFileReader.Limits.DEFAULT)) {
            assertThat(s.alerting().alerts()).extracting(seen).as("the queue as it stood at the range's end")
                    .containsExactlyInAnyOrderElementsOf(then.stream().map(seen).toList());
            assertThat(nowSeen.stream().map(seen).toList()).as("not the queue at the export")
                    .isNotEqualTo(then.stream().map(seen).toList());
        }
    }

    @Test
    void theFleetsAdjustmentsInForceByTheEndComeBackAndABadListIsLeftOut() {
        long end = END.toEpochMilli();
        List<io.pharos.engine.fleet.FleetAdjustment> all = List.of(
                new io.pharos.engine.fleet.FleetAdjustment.AddHosts(io.pharos.engine.fleet.FleetRegion.EU_WEST_1,
                        io.pharos.engine.fleet.FleetService.CHECKOUT, 20, end - 60_000),
                new io.pharos.engine.fleet.FleetAdjustment.Throttle(io.pharos.engine.fleet.FleetRegion.EU_WEST_1, 0.2,
                        end - 50_000),
                new io.pharos.engine.fleet.FleetAdjustment.FailOver(io.pharos.engine.fleet.FleetRegion.EU_WEST_1,
                        io.pharos.engine.fleet.FleetRegion.EU_CENTRAL_1, 0.5, end - 40_000),
                new io.pharos.engine.fleet.FleetAdjustment.CleanUp(io.pharos.engine.fleet.FleetRegion.US_EAST_1,
                        io.pharos.engine.fleet.FleetAdjustment.Cleanup.DISK, end - 30_000),
                new io.pharos.engine.fleet.FleetAdjustment.Throttle(io.pharos.engine.fleet.FleetRegion.US_EAST_1, 0.1,
                        end + 60_000));
        StateStore.Record rec = SnapshotFleet.record(all, end, end);
        assertThat(SnapshotFleet.read(reader(List.of(rec)), "test")).as("those in force by the end")
                .contains(all.subList(0, 4));
        assertThat(SnapshotFleet.read(reader(List.of()), "test")).as("no fleet ran").isEmpty();
        for (String bad : List.of("{}", "[{\"type\":\"add-hosts\",\"region\":\"MARS\"}]", "[" + "[".repeat(50),
                "[{\"type\":\"teleport\",\"region\":\"EU_WEST_1\"}]")) {
            assertThat(SnapshotFleet.read(reader(List.of(new StateStore.Record(SnapshotFleet.KIND, SnapshotFleet.KEY,
                    0, bad))), "test")).as(bad).isEmpty();
        }
    }

    private static StateStore.Reader reader(List<StateStore.Record> records) {
        return new StateStore.Reader() {
            @Override
            public Optional<StateStore.Record> get(String kind, String key) {
                return records.stream().filter(r -> r.kind().equals(kind) && r.key().equals(key)).findFirst();
            }

            @Override
            public List<StateStore.Record> list(String kind) {
                return records.stream().filter(r -> r.kind().equals(kind)).toList();
            }

            @Override
            public List<StateStore.LogEntry> log(String kind, String key, long fromTs, long toTs, int limit) {
                return List.of();
            }

            @Override
            public List<StateStore.LogEntry> logAfter(String kind, long afterSeq, int limit) {
                return List.of();
            }
        };
    }
}
