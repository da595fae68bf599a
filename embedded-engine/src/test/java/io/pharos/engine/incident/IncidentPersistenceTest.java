package io.pharos.engine.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.engine.store.StateStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Everything is in state.db: closing and reopening gives back every incident, entry and action. */
class IncidentPersistenceTest {
    @TempDir
    Path dir;

    @Test
    void incidentsTimelinesAndActionsSurviveReopening() {
        TestClock clock = new TestClock(Instant.parse("2026-03-05T14:00:00Z"));
        ResponseServiceTest.FakeMetrics metrics = new ResponseServiceTest.FakeMetrics();
        metrics.values.putAll(Map.of(ResponseMetrics.HOSTS, 20.0, ResponseMetrics.CPU, 0.9));
        ActionExecutor ok = new ActionExecutor() {
            @Override
            public String name() {
                return "test executor";
            }

            @Override
            public boolean simulated() {
                return false;
            }

            @Override
            public String execute(ActionRequest request) {
                return "done";
            }
        };
        Incident first;
        List<TimelineEntry> timeline;
        List<ActionRecord> actions;
        try (StateStore store = StateStore.open(dir)) {
            IncidentService incidents = new IncidentService(store, clock, IncidentPolicy.defaults());
            ResponseService responses = new ResponseService(incidents, ResponsePolicy.defaults(), ok, metrics);
            incidents.onAlert(Alerts.firing(clock.millis(), "alertname", "HighCPU", "severity", "critical",
                    "region", "eu-west-1", "service", "search"));
            clock.advance(Duration.ofMinutes(1));
            incidents.acknowledge("INC-1", "ana");
            incidents.addRunbook("INC-1", "CPU runbook", "https://wiki.example/cpu", "ana");
            responses.propose("INC-1", new ResponseAction.ScaleCompute("eu-west-1", "search", 4), "ana");
            ActionRecord throttle = responses.propose("INC-1", new ResponseAction.ThrottleTraffic("eu-west-1", 0.1), "ana");
            responses.reject(throttle.id(), "bob", "the scaling was enough");
            incidents.resolve("INC-1", "ana");
            incidents.writePostmortem("INC-1", "summary", "cause", List.of(new Postmortem.FollowUp("fix", "bob")), "ana");
            first = incidents.close("INC-1", "ana");
            incidents.create("second", Severity.SEV4, "bob");
            timeline = incidents.timeline("INC-1");
            actions = responses.actions("INC-1");
        }
        try (StateStore store = StateStore.open(dir)) {
            IncidentService incidents = new IncidentService(store, clock, IncidentPolicy.defaults());
            ResponseService responses = new ResponseService(incidents, ResponsePolicy.defaults(), ok, metrics);
            assertThat(incidents.require("INC-1")).isEqualTo(first);
            assertThat(incidents.require("INC-1").postmortem().followUps()).containsExactly(new Postmortem.FollowUp("fix", "bob"));
            assertThat(incidents.timeline("INC-1")).usingRecursiveComparison().isEqualTo(timeline);
            assertThat(responses.actions("INC-1")).usingRecursiveComparison().isEqualTo(actions);
            assertThat(responses.actions("INC-1")).extracting(ActionRecord::status)
                    .containsExactly(ActionStatus.SUCCEEDED, ActionStatus.REJECTED);
            assertThat(incidents.verifyAll()).allMatch(ChainVerification::intact).hasSize(2);
            // numbering continues where it stopped
            assertThat(incidents.create("third", Severity.SEV4, "bob").id()).isEqualTo("INC-3");
            assertThat(responses.propose("INC-2", new ResponseAction.CleanUpResources("eu-west-1", "disk"), "bob").id())
                    .isEqualTo("INC-2-A1");
        }
    }
}
