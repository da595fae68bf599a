package io.pharos.engine.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.engine.PharosEngine;
import io.pharos.engine.alerting.Silence;
import io.pharos.engine.fleet.FleetRegion;
import io.pharos.engine.fleet.Scenario;
import io.pharos.engine.model.Matcher;
import io.pharos.engine.pipeline.AlertingRuntime;
import io.pharos.engine.rules.DefaultRules;
import io.pharos.engine.store.SnapshotFileReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two snapshots of the simulated fleet, a calm hour and the hour of an outage in eu-west-1 (alerting
 * running over it, a silence set), compared as `pharos snapshot diff` compares them.
 */
class SnapshotDiffTest {
    private static final Instant END = Instant.parse("2026-03-04T16:00:00Z");
    private static final Instant TROUBLE = END.minus(Duration.ofMinutes(50));

    @TempDir
    Path dir;

    @Test
    void anOutageHourAgainstACalmOneShowsTheRegionTheAlertsTheIncidentAndTheSilence() throws Exception {
        Path calm = dir.resolve("calm.pharos");
        Path outage = dir.resolve("outage.pharos");
        try (FleetEngine f = new FleetEngine(dir.resolve("data"), END, Duration.ofHours(3),
                Scenario.regionOutage(FleetRegion.EU_WEST_1, TROUBLE, Duration.ofHours(2)).withMagnitude(0.6))) {
            PharosEngine engine = f.engine;
            AlertingRuntime alerting = f.alerting;
            List<io.pharos.engine.rules.RuleGroup> rules = DefaultRules.load().groups();
            export(engine, END.minus(Duration.ofHours(3)), END.minus(Duration.ofHours(2)), calm, rules);
            f.passes(TROUBLE, END, t -> { });
            alerting.incidents().create("eu-west-1 outage", io.pharos.engine.incident.Severity.SEV2, "ops");
            alerting.pipeline().silence(new Silence("s-maintenance", List.of(Matcher.eq("region", "us-west-1")), END.toEpochMilli(),
                    END.plus(Duration.ofHours(1)).toEpochMilli(), "ops", "planned maintenance", null), END.toEpochMilli());
            // Between the two, the first group of rules is dropped.
            export(engine, END.minus(Duration.ofHours(1)), END, outage, rules.subList(1, rules.size()));
        }

        SnapshotDiff d;
        try (OpenedSnapshot a = OpenedSnapshot.open(calm, SnapshotFileReader.Limits.DEFAULT);
             OpenedSnapshot b = OpenedSnapshot.open(outage, SnapshotFileReader.Limits.DEFAULT)) {
            assertThat(a.summary().regions()).isNotEmpty();
            d = SnapshotDiff.of(a, b);
        }
        assertThat(d.a().fromMs()).isEqualTo(END.minus(Duration.ofHours(3)).toEpochMilli());
        SnapshotDiff.RegionChange eu = d.regions().stream().filter(r -> r.region().equals("eu-west-1")).findFirst()
                .orElseThrow();
        assertThat(eu.healthA()).isEqualTo("healthy");
        assertThat(eu.healthB()).isIn("degraded", "unhealthy");
        SnapshotDiff.Change success = eu.figures().stream().filter(c -> c.id().equals("success_ratio")).findFirst()
                .orElseThrow();
        assertThat(success.b()).isLessThan(success.a());
        SnapshotDiff.RegionChange us = d.regions().stream().filter(r -> r.region().equals("us-east-1")).findFirst()
                .orElseThrow();
        assertThat(us.healthB()).isEqualTo("healthy");
        assertThat(d.kpis()).anySatisfy(c -> {
            assertThat(c.id()).isEqualTo("availability");
            assertThat(c.b()).isLessThan(c.a());
        });
        assertThat(d.kpis()).anySatisfy(c -> assertThat(c.id()).isEqualTo("cost_per_hour"));
        assertThat(d.alertsNew()).isNotEmpty().anySatisfy(a -> assertThat(a).contains("eu-west-1"));
        assertThat(d.alertsGone()).isEmpty();
        // The one opened by hand, and the one alerting opened from the burning error budget.
        assertThat(d.incidents()).extracting(SnapshotDiff.IncidentChange::title)
                .containsExactlyInAnyOrder("eu-west-1 outage", "ErrorBudgetBurnFast in eu-west-1");
        assertThat(d.incidents()).allSatisfy(i -> {
            assertThat(i.a()).isEqualTo("absent");
            assertThat(i.b()).isEqualTo("triggered, SEV2");
        });
        assertThat(d.silencesNew()).singleElement().asString().contains("s-maintenance", "planned maintenance");
        assertThat(d.silencesGone()).isEmpty();
        String firstGroup = DefaultRules.load().groups().getFirst().name();
        assertThat(d.rulesGone()).isNotEmpty().allSatisfy(r -> assertThat(r).startsWith(firstGroup + "/"));
        assertThat(d.rulesNew()).isEmpty();
        assertThat(d.rulesChanged()).isEmpty();
    }

    private static void export(PharosEngine engine, Instant from, Instant to, Path out,
                               List<io.pharos.engine.rules.RuleGroup> rules) {
        engine.snapshotExporter().export(new ExportRequest(from.toEpochMilli(), to.toEpochMilli(), Duration.ofMinutes(1),
                null, "test", ZoneOffset.UTC, List.of(), null, null, new SnapshotSettings.InUse(rules,
                        io.pharos.engine.dashboard.DashboardConfig.DEFAULTS)), out, (a, b, c) -> { }, () -> false);
    }

    @Test
    void aSnapshotAgainstLiveDataOverItsRangeDiffersOnlyInWhatChangedSince() throws Exception {
        Path outage = dir.resolve("outage.pharos");
        try (FleetEngine f = new FleetEngine(dir.resolve("data"), END, Duration.ofHours(2),
                Scenario.regionOutage(FleetRegion.EU_WEST_1, TROUBLE, Duration.ofHours(2)).withMagnitude(0.6))) {
            PharosEngine engine = f.engine;
            AlertingRuntime alerting = f.alerting;
            f.passes(TROUBLE, END, t -> { });
            List<io.pharos.engine.rules.RuleGroup> rules = DefaultRules.load().groups();
            // At the history's own step, every sample as stored: the figures are the live ones exactly.
            engine.snapshotExporter().export(new ExportRequest(END.minus(Duration.ofHours(1)).toEpochMilli(),
                    END.toEpochMilli(), Duration.ofSeconds(15), null, "test", ZoneOffset.UTC, List.of(), null, null,
                    new SnapshotSettings.InUse(rules.subList(1, rules.size()),
                            io.pharos.engine.dashboard.DashboardConfig.DEFAULTS)), outage, (a, b, c) -> { }, () -> false);
            // Since the export: a silence set, an incident opened by hand.
            alerting.pipeline().silence(new Silence("s-after", List.of(Matcher.eq("region", "eu-west-1")),
                    END.toEpochMilli(), END.plus(Duration.ofHours(1)).toEpochMilli(), "ops", "the outage is known", null),
                    END.toEpochMilli());
            alerting.incidents().create("follow-up", io.pharos.engine.incident.Severity.SEV4, "ops");

            SnapshotDiff d;
            try (OpenedSnapshot s = OpenedSnapshot.open(outage, SnapshotFileReader.Limits.DEFAULT)) {
                d = SnapshotDiff.of(SnapshotDiff.Compared.of(s), SnapshotDiff.Compared.live(
                        new io.pharos.engine.dashboard.DashboardService(engine.query(), alerting.incidents()::list),
                        s.manifest().fromMs(), s.manifest().toMs(), java.util.Optional.of(alerting),
                        alerting.incidents().list()));
            }
            assertThat(d.b().file()).isEqualTo("live data");
            assertThat(d.b().fromMs()).isEqualTo(d.a().fromMs());
            assertThat(d.kpis()).as("the same range of the same store: the same figures")
                    .filteredOn(c -> !c.id().equals("open_incidents"))
                    .allSatisfy(c -> {
                        if (c.a() == null || c.b() == null) {
                            assertThat(c.a()).isEqualTo(c.b());
                        } else {
                            assertThat(c.b()).as(c.id()).isEqualTo(c.a());
                        }
                    });
            assertThat(d.silencesNew()).singleElement().asString().contains("s-after");
            assertThat(d.incidents()).extracting(SnapshotDiff.IncidentChange::title).containsExactly("follow-up");
            String firstGroup = rules.getFirst().name();
            assertThat(d.rulesNew()).as("live runs the group the snapshot was exported without").isNotEmpty()
                    .allSatisfy(r -> assertThat(r).startsWith(firstGroup + "/"));
            assertThat(d.rulesChanged()).isEmpty();
            assertThat(d.alertsNew()).isEmpty();
            assertThat(d.alertsGone()).isEmpty();
        }
    }
}
