package io.pharos.engine.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pharos.engine.fleet.FleetRegion;
import io.pharos.engine.fleet.ReferenceFleet;
import io.pharos.engine.fleet.Scenario;
import io.pharos.engine.store.StateStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostmortemMarkdownTest {
    @TempDir
    Path dir;

    @Test
    void theExportHasSummaryImpactTimelineActionsAndFollowUps() {
        Instant outage = FleetResponseTest.PEAK.minus(Duration.ofMinutes(30));
        TestClock clock = new TestClock(outage);
        ReferenceFleet fleet = new ReferenceFleet(7, 40);
        fleet.inject(Scenario.regionOutage(FleetRegion.US_EAST_1, outage, Duration.ofHours(2)));
        try (StateStore store = StateStore.open(dir)) {
            IncidentService incidents = new IncidentService(store, clock, IncidentPolicy.defaults());
            ResponseService responses = new ResponseService(incidents, ResponsePolicy.defaults(),
                    new FleetActionExecutor(fleet), new FleetResponseMetrics(fleet));
            incidents.onAlert(Alerts.firing(clock.millis(), "alertname", "RegionDown", "severity", "critical",
                    "region", "us-east-1"));
            clock.advance(Duration.ofMinutes(4));
            incidents.acknowledge("INC-1", "ana");
            incidents.addRunbook("INC-1", "Region failover | runbook", "https://wiki.example/failover", "ana");
            incidents.startMitigating("INC-1", "ana");
            clock.advance(Duration.ofMinutes(6));
            ActionRecord failOver = responses.propose("INC-1", new ResponseAction.FailOverRegion("us-east-1", "us-west-1"),
                    "ana");
            responses.approve(failOver.id(), "bob");
            responses.propose("INC-1", new ResponseAction.ScaleCompute("us-west-1", "checkout", 40), "ana"); // refused
            clock.advance(Duration.ofMinutes(20));
            incidents.addNote("INC-1", "ana", "traffic | errors back to normal\nin us-west-1");
            incidents.resolve("INC-1", "ana");
            incidents.writePostmortem("INC-1", "A network partition took us-east-1 down; failing over restored service.",
                    "A faulty switch firmware update.", List.of(new Postmortem.FollowUp("stage firmware updates", "carol"),
                            new Postmortem.FollowUp("automate the fail-over", null)), "ana");
            incidents.close("INC-1", "ana");

            Impact impact = new FleetImpactEstimator(fleet).estimate(incidents.require("INC-1"), clock.millis());
            String md = PostmortemMarkdown.export(incidents, "INC-1", impact);

            assertThat(md).startsWith("# Postmortem INC-1: RegionDown in us-east-1\n");
            assertThat(md).contains("| Severity | SEV2 (major:", "| Status | closed |", "| Commander | ana |",
                    "| Opened | 2025-03-05 19:30:00 UTC by pharos |", "| Regions | us-east-1, us-west-1 |",
                    "RegionDown `{alertname=\"RegionDown\",region=\"us-east-1\",severity=\"critical\"}`");
            assertThat(md).contains("## Summary\n\nA network partition took us-east-1 down; failing over restored service.\n",
                    "### Root cause\n\nA faulty switch firmware update.\n");
            // impact: duration from the alert to the resolution, simulated figures said to be simulated
            assertThat(md).contains("## Impact", "| Duration | 30 min (2025-03-05 19:30:00 UTC → 2025-03-05 20:00:00 UTC) |",
                    "| Users affected (peak) | about ", "| Revenue at risk | $", "| Revenue lost (estimate) | $",
                    "> **Simulated figures.** These come from the simulated reference fleet");
            // the timeline, each entry a row, with pipes and line breaks kept inside their cell
            assertThat(md).contains("## Timeline\n\n| Time (UTC) | Who | What |\n|---|---|---|\n"
                    + "| 2025-03-05 19:30:00 | pharos | opened automatically: critical alert RegionDown (SEV2 by policy) |\n");
            assertThat(md).contains("| 2025-03-05 19:34:00 | ana | acknowledged by ana after 4 min |");
            assertThat(md).contains("| ana | traffic \\| errors back to normal<br>in us-west-1 |");
            assertThat(md).contains("INC-1-A1 approved by bob: fail us-east-1 over to us-west-1");
            // actions with expected effect and before/after metrics
            assertThat(md).contains("### INC-1-A1: fail us-east-1 over to us-west-1 (succeeded)",
                    "- Approved by bob at 2025-03-05 19:40:00 UTC",
                    "- Ran on the simulated reference fleet (simulated) at 2025-03-05 19:40:00 UTC",
                    "| Metric | Before | Expected | After |", "| from.requests_per_second | ", "| to.active_users | ");
            assertThat(md).containsPattern("\\| from\\.requests_per_second \\| [0-9,]+/s \\| 0/s \\| 0/s \\|");
            assertThat(md).contains("### INC-1-A2: add 40 hosts to checkout in us-west-1 (refused)",
                    "- Refused by pharos at");
            assertThat(md).contains("## Follow-ups\n\n- [ ] stage firmware updates (owner: carol)\n- [ ] automate the fail-over\n");
            assertThat(md).contains("- [Region failover | runbook](https://wiki.example/failover)");
            ChainVerification chain = incidents.verify("INC-1");
            assertThat(md).contains("Timeline integrity: timeline entries 1.." + chain.entriesChecked() + " verified",
                    "head hash `" + chain.headHash() + "`. Keep the head hash outside this file to detect a consistent"
                    + " rewrite", "the impact is computed when exporting and is not covered");
        }
    }

    @Test
    void givenFiguresAndAMissingPostmortemAreShownAsSuch() {
        TestClock clock = new TestClock(Instant.parse("2026-03-05T14:00:00Z"));
        try (StateStore store = StateStore.open(dir)) {
            IncidentService incidents = new IncidentService(store, clock, IncidentPolicy.defaults());
            Incident inc = incidents.create("Slow search", Severity.SEV3, "ana");
            Impact impact = Impact.given(inc.createdAtMs(), inc.createdAtMs() + 5_400_000, 1200, Double.NaN, 350.5,
                    "support tickets and the billing report");
            String md = PostmortemMarkdown.export(incidents, inc.id(), impact);
            assertThat(md).contains("_No postmortem written yet._", "| Duration | 1 h 30 min", "| Users affected (peak) | about 1,200 |",
                    "| Revenue at risk | unknown |", "| Revenue lost (estimate) | $351 |",
                    "Source: support tickets and the billing report", "_No automated response was proposed._",
                    "## Follow-ups\n\n_None recorded._");
            assertThat(md).doesNotContain("Simulated");
        }
    }

    @Test
    void editsOfTheUnhashedRecordsDoNotChangeWhatThePostmortemPresents() {
        TestClock clock = new TestClock(Instant.parse("2026-03-05T14:00:00Z"));
        try (StateStore store = StateStore.open(dir)) {
            IncidentService incidents = new IncidentService(store, clock, IncidentPolicy.defaults());
            ResponseServiceTest.FakeMetrics metrics = new ResponseServiceTest.FakeMetrics();
            metrics.values.put(ResponseMetrics.HOSTS, 20.0);
            ResponseService responses = new ResponseService(incidents, ResponsePolicy.defaults(), new ActionExecutor() {
                @Override
                public String name() {
                    return "fake";
                }

                @Override
                public boolean simulated() {
                    return true;
                }

                @Override
                public String execute(ActionRequest request) {
                    return "";
                }
            }, metrics);
            incidents.create("Slow search", Severity.SEV3, "ana");
            incidents.acknowledge("INC-1", "ana");
            ActionRecord throttle = responses.propose("INC-1", new ResponseAction.ThrottleTraffic("eu-west-1", 0.2), "ana");
            responses.approve(throttle.id(), "bob");
            incidents.resolve("INC-1", "ana");
            incidents.writePostmortem("INC-1", "An index rebuild slowed search.", "", List.of(), "ana");
            String before = PostmortemMarkdown.export(incidents, "INC-1", null);

            // someone edits the records the hash chain does not cover
            store.write(tx -> {
                Incident inc = IncidentService.load(tx, "INC-1");
                Incident forged = new Incident(inc.id(), inc.title(), Severity.SEV4, inc.status(), "mallory",
                        inc.createdBy(), inc.createdAtMs(), inc.acknowledgedAtMs(), 0, inc.resolvedAtMs(), 0, null,
                        inc.alerts(), inc.runbooks(), List.of(), new Postmortem("Nothing happened.", "", List.of(),
                        "mallory", 0), inc.updatedAtMs(), inc.timelineSize(), inc.timelineHead(), inc.actionCount());
                tx.put(IncidentService.INCIDENT_KIND, "INC-1", 0, IncidentJson.text(IncidentJson.incident(forged)));
                ActionRecord a = ActionRecords.load(tx, throttle.id());
                ActionRecords.put(tx, a.decided(ActionStatus.SUCCEEDED, "carol", a.decidedAtMs(), ""));
                return null;
            });
            String after = PostmortemMarkdown.export(incidents, "INC-1", null);
            assertThat(after).isEqualTo(before);
            assertThat(after).contains("| Severity | SEV3", "| Commander | ana |", "An index rebuild slowed search.",
                    "- Approved by bob at", "| Regions | eu-west-1 |").doesNotContain("mallory", "carol");
        }
    }

    @Test
    void textWithALoneSurrogateIsRefusedBeforeItReachesTheTimeline() {
        TestClock clock = new TestClock(Instant.parse("2026-03-05T14:00:00Z"));
        try (StateStore store = StateStore.open(dir)) {
            IncidentService incidents = new IncidentService(store, clock, IncidentPolicy.defaults());
            incidents.create("Slow search", Severity.SEV3, "ana");
            assertThatThrownBy(() -> incidents.addNote("INC-1", "ana", "broken \uD800 text"))
                    .hasMessage("the text has a lone surrogate (U+D800) at position 7, which is not a character;"
                            + " remove it or retype the text");
            incidents.addNote("INC-1", "ana", "pager went off \uD83D\uDCDF");
            assertThat(incidents.timeline("INC-1")).extracting(TimelineEntry::text)
                    .containsExactly("opened by hand: Slow search (SEV3)", "pager went off \uD83D\uDCDF");
            assertThat(incidents.verify("INC-1").intact()).isTrue();
        }
    }
}
