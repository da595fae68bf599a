package io.pharos.views.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.engine.incident.Severity;
import io.pharos.views.common.CurrentThreadTaskExecutor;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The alert queue's state over a real engine whose alerts the test makes fire, without a window. */
class AlertQueueViewModelTest {
    @TempDir
    Path dir;
    private AlertFixture f;
    private AlertQueueViewModel model;

    @BeforeEach
    void open() throws Exception {
        f = new AlertFixture(dir);
        model = new AlertQueueViewModel(Optional.of(f.runtime), new CurrentThreadTaskExecutor(), f.clock, f.context,
                "ana");
        model.refresh();
    }

    @AfterEach
    void close() {
        f.close();
    }

    private List<String> titles() {
        return model.groups().stream().map(AlertGroup::title).toList();
    }

    private AlertItem item(String host) {
        return model.groups().stream().flatMap(g -> g.items().stream())
                .filter(i -> host.equals(i.labels().get("host"))).findFirst().orElseThrow();
    }

    private void select(AlertItem... items) {
        model.selection().setAll(items);
    }

    @Test
    void alertsAreGroupedByNameAndRegionTheCriticalFirstWithSeverityAgeAndSimulatedMark() {
        assertThat(titles()).containsExactly("RegionDown · ap-southeast-1", "HostCpuHigh · eu-west-1",
                "HostCpuHigh · us-east-1");
        AlertGroup eu = model.groups().get(1);
        assertThat(eu.items()).extracting(AlertItem::instance).containsExactly("host=a", "host=b");
        assertThat(eu.summary()).isEqualTo("2 alerts: 2 firing");
        AlertItem down = model.groups().getFirst().first();
        assertThat(down.severity()).isEqualTo("critical");
        assertThat(down.stateText()).isEqualTo("firing");
        assertThat(down.age()).isEqualTo("12 min");
        assertThat(down.simulated()).isTrue();
        assertThat(item("a").simulated()).isFalse();
        assertThat(model.countProperty(QueueState.FIRING).get()).isEqualTo(4);
        assertThat(model.emptyTextProperty().get()).isEmpty();
    }

    @Test
    void filtersAndSearchNarrowTheQueueAndSayWhenNothingIsLeft() {
        model.severityProperty().set("critical");
        assertThat(titles()).containsExactly("RegionDown · ap-southeast-1");
        model.severityProperty().set("");
        model.searchProperty().set("eu-west host=b");
        assertThat(titles()).containsExactly("HostCpuHigh · eu-west-1");
        assertThat(model.groups().getFirst().items()).extracting(AlertItem::instance).containsExactly("host=b");
        model.searchProperty().set("");
        model.shownProperty(QueueState.FIRING).set(false);
        assertThat(model.groups()).isEmpty();
        assertThat(model.emptyTextProperty().get()).startsWith("No alert matches the filters: 4 hidden");
        model.shownProperty(QueueState.FIRING).set(true);
        assertThat(model.shownCountProperty().get()).isEqualTo(4);
    }

    @Test
    void anAcknowledgedAlertShowsItsOwnerAndMovesOutOfFiring() {
        select(item("a"));
        model.ownerProperty().set("bo");
        model.acknowledge();
        assertThat(item("a").owner()).isEqualTo("bo");
        assertThat(item("a").state()).isEqualTo(QueueState.ACKNOWLEDGED);
        assertThat(item("b").owner()).isEmpty();
        assertThat(model.messageProperty().get()).startsWith("Acknowledged 1 alert as bo until 16:00:00 UTC");
        model.shownProperty(QueueState.ACKNOWLEDGED).set(false);
        assertThat(model.groups().stream().flatMap(g -> g.items().stream()).map(AlertItem::owner)).containsOnly("");
    }

    @Test
    void anAcknowledgementWithoutOwnerIsRefusedAndSaysWhy() {
        select(item("a"));
        model.ownerProperty().set("  ");
        model.acknowledge();
        assertThat(model.errorProperty().get()).contains("needs an owner");
        assertThat(item("a").state()).isEqualTo(QueueState.FIRING);
        model.refresh();
        assertThat(model.errorProperty().get()).as("the queue's next read does not wipe what the user must read")
                .contains("needs an owner");
        model.ownerProperty().set("bo");
        model.acknowledge();
        assertThat(model.errorProperty().get()).as("the next action that succeeds does").isEmpty();
        assertThat(item("a").state()).isEqualTo(QueueState.ACKNOWLEDGED);
    }

    @Test
    void aSilencePreviewsTheAlertsItMatchesAndOnceSavedMutesThemWithItsReason() {
        SilenceEditorModel editor = model.silenceEditor();
        editor.startFor(List.of(item("a"), item("b")));
        assertThat(editor.matchersProperty().get()).isEqualTo("alertname=\"HostCpuHigh\", region=\"eu-west-1\"");
        assertThat(editor.preview()).hasSize(2).allMatch(l -> l.startsWith("HostCpuHigh") && l.contains("eu-west-1"));
        editor.matchersProperty().set("alertname=\"HostCpuHigh\", host=~\"a|c\"");
        assertThat(editor.previewTextProperty().get()).isEqualTo("Will mute 2 alerts now:");
        assertThat(editor.preview()).anyMatch(l -> l.contains("host=\"a\"")).anyMatch(l -> l.contains("host=\"c\""));

        editor.save();
        assertThat(editor.problemProperty().get()).as("no reason yet").contains("needs a reason");
        assertThat(item("a").state()).isEqualTo(QueueState.FIRING);
        editor.reasonProperty().set("disk replacement on a and c");
        editor.durationProperty().set("1h");
        editor.save();
        assertThat(editor.savedProperty().get()).isEqualTo("Silenced 2 alerts until 13:00:00 UTC: disk replacement on a and c");
        for (String host : List.of("a", "c")) {
            assertThat(item(host).state()).isEqualTo(QueueState.SILENCED);
            assertThat(item(host).mutedBy()).contains("ana").contains("disk replacement on a and c");
        }
        assertThat(item("b").state()).isEqualTo(QueueState.FIRING);
    }

    @Test
    void badMatchersAreExplainedAndPreviewNothing() {
        SilenceEditorModel editor = model.silenceEditor();
        editor.matchersProperty().set("alertname=HostCpuHigh");
        assertThat(editor.problemProperty().get()).startsWith("The matchers do not read");
        assertThat(editor.preview()).isEmpty();
    }

    @Test
    void anIncidentOpenedFromAlertsLinksThemAll() {
        select(item("a"), item("b"));
        assertThat(model.incidentTitle()).isEqualTo("HostCpuHigh in eu-west-1 (2 alerts)");
        assertThat(model.suggestedSeverity()).isEqualTo(Severity.SEV3);
        model.openIncident(model.incidentTitle(), Severity.SEV2);
        var opened = f.runtime.incidents().list().stream()
                .filter(i -> i.title().equals("HostCpuHigh in eu-west-1 (2 alerts)")).findFirst().orElseThrow();
        assertThat(opened.severity()).isEqualTo(Severity.SEV2);
        assertThat(opened.createdBy()).isEqualTo("ana");
        assertThat(opened.alerts()).extracting(l -> l.labels().get("host")).containsExactlyInAnyOrder("a", "b");
        assertThat(model.messageProperty().get()).startsWith("Opened " + opened.id() + " (SEV2) with 2 alerts");
    }

    @Test
    void withAlertingOffTheQueueSaysSoInsteadOfStayingBlank() {
        var off = new AlertQueueViewModel(Optional.empty(), new CurrentThreadTaskExecutor(), f.clock, f.context, "ana");
        off.refresh();
        assertThat(off.alertingOnProperty().get()).isFalse();
        assertThat(off.emptyTextProperty().get()).startsWith("Alerting is off").contains("--no-alerting");
        assertThat(off.groups()).isEmpty();
    }

    @Test
    void whenNothingFiresTheQueueSaysHowManyRulesWereEvaluated() throws Exception {
        Path quietDir = dir.resolve("quiet");
        java.nio.file.Files.createDirectories(quietDir);
        try (var engine = io.pharos.engine.PharosEngine.open(quietDir,
                io.pharos.engine.store.StoreOptions.defaults().withClock(f.clock));
             var quiet = new io.pharos.engine.pipeline.AlertingRuntime(quietDir,
                     new io.pharos.engine.rules.RuleFileLoader().parse(AlertFixture.RULES, "rules.yml"),
                     io.pharos.engine.alerting.notify.NotificationConfig.simple(List.of(new io.pharos.engine.alerting.notify.Receiver.Desktop("desktop"))),
                     new io.pharos.engine.rules.StoreSeriesSource(engine.store()), engine.ingest(), f.clock)) {
            quiet.pass(AlertFixture.NOW);
            var m = new AlertQueueViewModel(Optional.of(quiet), new CurrentThreadTaskExecutor(), f.clock, f.context,
                    "ana");
            m.refresh();
            assertThat(m.groups()).isEmpty();
            assertThat(m.emptyTextProperty().get()).isEqualTo("No alerts firing — 2 rules evaluated");
        }
    }

    @Test
    void theDetailChartsTheAlertsSeriesAroundItsTimeWithTheThreshold() {
        var detail = new AlertDetailModel(Optional.of(f.runtime), f.engine.query(), new CurrentThreadTaskExecutor(),
                f.clock, f.context);
        detail.show(item("b"));
        var chart = detail.chartProperty().get();
        assertThat(chart.markMs()).isEqualTo(AlertFixture.START);
        assertThat(chart.threshold()).isEqualTo(0.8);
        assertThat(chart.title()).startsWith("cpu ").contains("host=\"b\"").contains("threshold > 0.8");
        assertThat(chart.series().fromMs()).isLessThan(AlertFixture.START);
        double[] v = chart.series().values();
        assertThat(java.util.Arrays.stream(v).filter(x -> !Double.isNaN(x)).max().orElseThrow()).isEqualTo(0.95);
        assertThat(java.util.Arrays.stream(v).filter(x -> !Double.isNaN(x)).min().orElseThrow()).isEqualTo(0.4);
        assertThat(detail.history()).anyMatch(l -> l.startsWith("11:48:00 UTC") && l.contains("firing"));
    }

    /** The fixture's alerts as a snapshot holds them: the same rows, nothing to act on. */
    private io.pharos.engine.pipeline.AlertingState fixed() {
        var live = f.runtime;
        return new io.pharos.engine.pipeline.AlertingState() {
            @Override
            public List<io.pharos.engine.pipeline.AlertRow> alerts() {
                return live.alerts();
            }

            @Override
            public List<io.pharos.engine.alerting.Silence> silences() {
                return live.silences();
            }

            @Override
            public List<io.pharos.engine.rules.RuleGroup> ruleGroups() {
                return live.ruleGroups();
            }

            @Override
            public int ruleCount() {
                return live.ruleCount();
            }

            @Override
            public List<io.pharos.engine.alerting.AlertHistoryEntry> history(io.pharos.engine.model.Labels alert,
                                                                             long fromMs, long toMs, int limit) {
                return live.history(alert, fromMs, toMs, limit);
            }

            @Override
            public Optional<io.pharos.engine.pipeline.AlertingRuntime> runtime() {
                return Optional.empty();
            }
        };
    }

    @Test
    void aSnapshotsQueueReadsAsTheLiveOneAndRefusesEveryActionWithTheReason() {
        var snapshot = new AlertQueueViewModel(Optional.of(fixed()), new CurrentThreadTaskExecutor(), f.clock,
                f.context, "ana");
        snapshot.refresh();
        assertThat(snapshot.readOnly()).isTrue();
        assertThat(model.readOnly()).isFalse();
        assertThat(snapshot.groups()).isEqualTo(model.groups());

        int incidentsBefore = f.runtime.incidents().list().size();
        snapshot.selection().setAll(snapshot.groups().getFirst().first());
        snapshot.acknowledge();
        assertThat(snapshot.errorProperty().get()).startsWith("Read-only: this snapshot");
        snapshot.openIncident("RegionDown", Severity.SEV2);
        assertThat(snapshot.errorProperty().get()).startsWith("Read-only: this snapshot");
        assertThat(f.runtime.alerts()).as("nothing acknowledged").allSatisfy(r ->
                assertThat(r.acknowledgement()).isNull());
        assertThat(f.runtime.incidents().list()).as("no incident opened").hasSize(incidentsBefore);

        var detail = new AlertDetailModel(Optional.of(fixed()), f.engine.query(), new CurrentThreadTaskExecutor(),
                f.clock, f.context);
        detail.show(item("b"));
        assertThat(detail.chartProperty().get().threshold()).as("the rule read from the fixed state").isEqualTo(0.8);
    }
}
