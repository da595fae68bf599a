package io.pharos.engine.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.pharos.engine.store.StateStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Proposal, policy, approval and execution of responses, with fake metrics and a fake executor. */
class ResponseServiceTest {
    @TempDir
    Path dir;
    private StateStore store;
    private final TestClock clock = new TestClock(Instant.parse("2026-03-05T14:00:00Z"));
    private IncidentService incidents;
    private final FakeMetrics metrics = new FakeMetrics();
    private final FakeExecutor executor = new FakeExecutor();

    @BeforeEach
    void open() {
        store = StateStore.open(dir);
        incidents = new IncidentService(store, clock, IncidentPolicy.defaults());
        incidents.create("checkout saturated", Severity.SEV2, "ana");
        metrics.values.putAll(Map.of(ResponseMetrics.HOSTS, 20.0, ResponseMetrics.CPU, 0.9,
                ResponseMetrics.REQUESTS, 1000.0, ResponseMetrics.REVENUE, 500.0));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private ResponseService responses(ResponsePolicy policy) {
        return new ResponseService(incidents, policy, executor, metrics);
    }

    @Test
    void scalingWithinPolicyRunsAtOnceAndRecordsBeforeAndAfter() {
        executor.effect = m -> {
            m.put(ResponseMetrics.HOSTS, 25.0);
            m.put(ResponseMetrics.CPU, 0.73);
        };
        ActionRecord r = responses(ResponsePolicy.defaults()).propose("INC-1",
                new ResponseAction.ScaleCompute("us-east-1", "checkout", 5), "ana");

        assertThat(r.id()).isEqualTo("INC-1-A1");
        assertThat(r.status()).isEqualTo(ActionStatus.SUCCEEDED);
        assertThat(r.decidedBy()).isEqualTo("pharos");
        assertThat(r.verdict().decision()).isEqualTo(PolicyVerdict.Decision.AUTOMATIC);
        assertThat(r.verdict().fleetShare()).isCloseTo(25.0 / 1200, within(1e-9));
        assertThat(r.expected().expected().get(ResponseMetrics.CPU)).isCloseTo(0.72, within(1e-9)); // 0.9 × 20/25
        assertThat(r.expected().text()).isEqualTo("checkout in us-east-1: 20 → 25 hosts; CPU about 90 % → 72 %");
        assertThat(r.before()).containsEntry(ResponseMetrics.CPU, 0.9);
        assertThat(r.after()).containsEntry(ResponseMetrics.CPU, 0.73);
        assertThat(executor.requests).singleElement().satisfies(q -> {
            assertThat(q.actionId()).isEqualTo("INC-1-A1");
            assertThat(q.approvedBy()).isEqualTo("pharos");
        });

        List<TimelineEntry> t = incidents.timeline("INC-1");
        assertThat(t).extracting(TimelineEntry::kind).containsSubsequence(TimelineKind.ACTION_PROPOSED,
                TimelineKind.ACTION_APPROVED, TimelineKind.ACTION_STARTED, TimelineKind.ACTION_SUCCEEDED);
        TimelineEntry done = t.getLast();
        assertThat(done.text()).contains("INC-1-A1 succeeded (add 5 hosts to checkout in us-east-1")
                .contains("cpu_utilization 90 % → 73 % (expected 72 %)");
        assertThat(done.data().path("before").path("cpu_utilization").asDouble()).isEqualTo(0.9);
        assertThat(done.data().path("after").path("cpu_utilization").asDouble()).isEqualTo(0.73);
        assertThat(incidents.verify("INC-1").intact()).isTrue();
    }

    @Test
    void anActionThatNeedsApprovalWaitsAndRunsWhenApproved() {
        ResponseService responses = responses(ResponsePolicy.defaults());
        ActionRecord r = responses.propose("INC-1", new ResponseAction.ThrottleTraffic("us-east-1", 0.2), "ana");
        assertThat(r.status()).isEqualTo(ActionStatus.PROPOSED);
        assertThat(r.verdict().describe()).isEqualTo("within policy, needs approval: throttle-traffic always needs approval");
        assertThat(r.expected().expected()).containsEntry(ResponseMetrics.REQUESTS, 800.0);
        assertThat(executor.requests).isEmpty();

        clock.advance(Duration.ofMinutes(2));
        ActionRecord done = responses.approve(r.id(), "bob");
        assertThat(done.status()).isEqualTo(ActionStatus.SUCCEEDED);
        assertThat(done.decidedBy()).isEqualTo("bob");
        assertThat(done.startedAtMs()).isEqualTo(clock.millis());
        assertThatThrownBy(() -> responses.approve(r.id(), "bob")).hasMessageContaining("only a proposed action");
        assertThat(incidents.timeline("INC-1")).extracting(TimelineEntry::text)
                .contains("INC-1-A1 approved by bob: throttle 20 % of requests in us-east-1");
    }

    @Test
    void aPreviewShowsTheEffectAndTheVerdictAndRecordsNothing() {
        ResponseService responses = responses(ResponsePolicy.defaults());
        int timeline = incidents.timeline("INC-1").size();
        ResponseService.Preview ok = responses.preview("INC-1", new ResponseAction.ScaleCompute("us-east-1", "checkout", 5));
        assertThat(ok.verdict().decision()).isEqualTo(PolicyVerdict.Decision.AUTOMATIC);
        assertThat(ok.expected().expected()).containsEntry(ResponseMetrics.HOSTS, 25.0);
        assertThat(ok.expected().text()).isNotBlank();
        ResponseService.Preview big = responses.preview("INC-1", new ResponseAction.ScaleCompute("us-east-1", "checkout", 60));
        assertThat(big.verdict().decision()).isEqualTo(PolicyVerdict.Decision.REFUSED);
        assertThat(big.verdict().reasons()).contains("adds 60 hosts; the policy allows at most 50 per action");
        assertThat(executor.requests).isEmpty();
        assertThat(responses.actions("INC-1")).isEmpty();
        assertThat(incidents.timeline("INC-1")).hasSize(timeline);
    }

    @Test
    void actionsBeyondTheLimitsAreRefusedAndNeverRun() {
        ResponseService responses = responses(ResponsePolicy.defaults());
        ActionRecord big = responses.propose("INC-1", new ResponseAction.ScaleCompute("us-east-1", "checkout", 60), "ana");
        assertThat(big.status()).isEqualTo(ActionStatus.REFUSED);
        assertThat(big.verdict().reasons()).containsExactly(
                "adds 60 hosts; the policy allows at most 50 per action",
                "changes checkout in us-east-1 by 300 % (20 → 80 hosts); the policy allows 50 %");
        metrics.regionHosts = 500;
        ActionRecord failOver = responses.propose("INC-1", new ResponseAction.FailOverRegion("us-east-1", "us-west-1"), "ana");
        assertThat(failOver.status()).isEqualTo(ActionStatus.REFUSED);
        assertThat(failOver.verdict().reasons()).containsExactly(
                "touches 83 % of the fleet (1000 of 1200 hosts); the policy allows 34 %");
        ActionRecord throttle = responses.propose("INC-1", new ResponseAction.ThrottleTraffic("us-east-1", 0.8), "ana");
        assertThat(throttle.verdict().reasons()).contains("refuses 80 % of requests; the policy allows 50 %");
        assertThat(executor.requests).isEmpty();
        assertThatThrownBy(() -> responses.approve(big.id(), "bob")).hasMessageContaining("is refused");
        assertThat(incidents.timeline("INC-1")).extracting(TimelineEntry::kind)
                .filteredOn(k -> k == TimelineKind.ACTION_REFUSED).hasSize(3);
        assertThat(incidents.require("INC-1").regions()).as("refused actions do not widen the incident").isEmpty();
    }

    @Test
    void aRejectedActionIsRecordedAndAFailedOneTooWithItsError() {
        ResponseService responses = responses(ResponsePolicy.defaults().approvalAlways());
        ActionRecord r = responses.propose("INC-1", new ResponseAction.CleanUpResources("us-east-1", "disk"), "ana");
        assertThat(r.status()).isEqualTo(ActionStatus.PROPOSED);
        ActionRecord rejected = responses.reject(r.id(), "bob", "disks are fine");
        assertThat(rejected.status()).isEqualTo(ActionStatus.REJECTED);

        executor.failure = new ActionFailedException("the cloud API said no", "HTTP 403");
        ActionRecord again = responses.propose("INC-1", new ResponseAction.CleanUpResources("us-east-1", "disk"), "ana");
        ActionRecord failed = responses.approve(again.id(), "bob");
        assertThat(failed.status()).isEqualTo(ActionStatus.FAILED);
        assertThat(failed.error()).isEqualTo("the cloud API said no");
        assertThat(failed.output()).isEqualTo("HTTP 403");
        assertThat(incidents.timeline("INC-1").getLast().text()).startsWith("INC-1-A2 failed: the cloud API said no");
        assertThat(responses.actions("INC-1")).extracting(ActionRecord::status)
                .containsExactly(ActionStatus.REJECTED, ActionStatus.FAILED);
    }

    @Test
    void anActionInterruptedByACrashIsRecoveredAsFailed() {
        ResponseService responses = responses(ResponsePolicy.defaults());
        executor.effect = m -> {
            throw new Halt(); // the process "dies" while the action runs
        };
        assertThatThrownBy(() -> responses.propose("INC-1", new ResponseAction.ScaleCompute("us-east-1", "checkout", 2),
                "ana")).isInstanceOf(Halt.class);
        assertThat(responses.action("INC-1-A1").orElseThrow().status()).isEqualTo(ActionStatus.EXECUTING);

        List<ActionRecord> recovered = new ResponseService(incidents, ResponsePolicy.defaults(), executor, metrics)
                .recover("pharos");
        assertThat(recovered).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(ActionStatus.FAILED);
            assertThat(r.error()).startsWith("interrupted: Pharos stopped while it ran");
        });
        assertThat(incidents.verify("INC-1").intact()).isTrue();
    }

    @Test
    void unknownFleetSizeNeedsApprovalAndAClosedIncidentTakesNoActions() {
        metrics.fleetHosts = -1;
        ActionRecord r = responses(ResponsePolicy.defaults()).propose("INC-1",
                new ResponseAction.ScaleCompute("us-east-1", "checkout", 1), "ana");
        assertThat(r.status()).isEqualTo(ActionStatus.PROPOSED);
        assertThat(r.verdict().reasons()).containsExactly("the fleet's size is unknown, so its share touched cannot be checked");
        responses(ResponsePolicy.defaults()).reject(r.id(), "bob", "not now");

        incidents.acknowledge("INC-1", "ana");
        incidents.resolve("INC-1", "ana");
        incidents.writePostmortem("INC-1", "done", "", List.of(), "ana");
        incidents.close("INC-1", "ana");
        assertThatThrownBy(() -> responses(ResponsePolicy.defaults()).propose("INC-1",
                new ResponseAction.ScaleCompute("us-east-1", "checkout", 1), "ana")).hasMessageContaining("closed");
    }

    @Test
    void aCrashWhileReadingTheMetricsBeforeApprovalLeavesTheActionProposed() {
        ResponseService responses = responses(ResponsePolicy.defaults());
        ActionRecord r = responses.propose("INC-1", new ResponseAction.ThrottleTraffic("us-east-1", 0.2), "ana");
        metrics.onRead = () -> {
            throw new Halt(); // the process "dies" between the approval click and the start
        };
        assertThatThrownBy(() -> responses.approve(r.id(), "bob")).isInstanceOf(Halt.class);
        assertThat(responses.action(r.id()).orElseThrow().status()).isEqualTo(ActionStatus.PROPOSED);

        metrics.onRead = () -> { };
        ResponseService restarted = responses(ResponsePolicy.defaults());
        assertThat(restarted.recover("pharos")).isEmpty();
        assertThat(restarted.approve(r.id(), "bob").status()).isEqualTo(ActionStatus.SUCCEEDED);
        assertThat(incidents.verify("INC-1").intact()).isTrue();
    }

    @Test
    void metricsThatCannotBeReadLeaveNothingHalfDone() {
        ResponseService responses = responses(ResponsePolicy.defaults());
        ActionRecord r = responses.propose("INC-1", new ResponseAction.ThrottleTraffic("us-east-1", 0.2), "ana");
        int entries = incidents.timeline("INC-1").size();
        metrics.onRead = () -> {
            throw new IllegalStateException("the metrics source is not reachable");
        };
        assertThatThrownBy(() -> responses.approve(r.id(), "bob")).hasMessageContaining("not reachable");
        assertThat(responses.action(r.id()).orElseThrow().status()).as("it can be approved or rejected later")
                .isEqualTo(ActionStatus.PROPOSED);
        assertThatThrownBy(() -> responses.propose("INC-1", new ResponseAction.ScaleCompute("us-east-1", "checkout", 2),
                "ana")).hasMessageContaining("not reachable");
        assertThat(responses.actions("INC-1")).hasSize(1);
        assertThat(incidents.timeline("INC-1")).hasSize(entries);
        assertThat(executor.requests).isEmpty();
        assertThat(responses.reject(r.id(), "bob", "metrics are down").status()).isEqualTo(ActionStatus.REJECTED);
    }

    @Test
    void anActionLeftApprovedByAnEarlierVersionIsFailedAsNotStartedAndCanBeProposedAgain() {
        ResponseService responses = responses(ResponsePolicy.defaults());
        ActionRecord r = responses.propose("INC-1", new ResponseAction.ThrottleTraffic("us-east-1", 0.2), "ana");
        // earlier versions committed the approval and the start separately; a crash between left this
        store.write(tx -> {
            ActionRecords.put(tx, r.decided(ActionStatus.APPROVED, "bob", clock.millis(), ""));
            return null;
        });

        List<ActionRecord> recovered = responses(ResponsePolicy.defaults()).recover("pharos");
        assertThat(recovered).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(ActionStatus.FAILED);
            assertThat(a.error()).startsWith("not started: Pharos stopped after it was approved, before it ran");
        });
        assertThat(executor.requests).isEmpty();
        assertThat(incidents.timeline("INC-1").getLast().text()).startsWith("INC-1-A1 failed: not started");
        ActionRecord again = responses.propose("INC-1", new ResponseAction.ThrottleTraffic("us-east-1", 0.2), "ana");
        assertThat(responses.approve(again.id(), "bob").status()).isEqualTo(ActionStatus.SUCCEEDED);
        assertThat(incidents.verify("INC-1").intact()).isTrue();
    }

    @Test
    void metricsAfterThatCannotBeReadStillFinishTheAction() {
        ResponseService responses = responses(ResponsePolicy.defaults());
        executor.effect = m -> metrics.onRead = () -> {
            throw new IllegalStateException("the metrics source went away");
        };
        ActionRecord r = responses.propose("INC-1", new ResponseAction.ScaleCompute("us-east-1", "checkout", 2), "ana");
        assertThat(r.status()).isEqualTo(ActionStatus.SUCCEEDED);
        assertThat(r.after()).isEmpty();
        assertThat(r.output()).contains("the metrics after it could not be read: the metrics source went away");
    }

    @Test
    void anIncidentWithPendingActionsCannotBeClosed() {
        ResponseService responses = responses(ResponsePolicy.defaults());
        ActionRecord waiting = responses.propose("INC-1", new ResponseAction.ThrottleTraffic("us-east-1", 0.2), "ana");
        incidents.acknowledge("INC-1", "ana");
        incidents.resolve("INC-1", "ana");
        incidents.writePostmortem("INC-1", "done", "", List.of(), "ana");
        assertThatThrownBy(() -> incidents.close("INC-1", "ana")).isInstanceOf(IllegalTransitionException.class)
                .hasMessage("INC-1 cannot be closed while actions are pending: INC-1-A1 (proposed); approve or reject"
                        + " them, or wait until they finish");
        responses.reject(waiting.id(), "bob", "not needed any more");
        assertThat(incidents.close("INC-1", "ana").status()).isEqualTo(IncidentStatus.CLOSED);
    }

    @Test
    void policiesAreValidated() {
        assertThatThrownBy(() -> new ResponsePolicy(10, 0.5, 1.5, 0.3, EnumSet.noneOf(ActionKind.class)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ResponseAction.ScaleCompute("us-east-1", "checkout", 0)).hasMessageContaining("0 hosts");
        assertThatThrownBy(() -> new ResponseAction.FailOverRegion("a", "a")).hasMessageContaining("itself");
    }

    /** An Error, so it passes through the service as a crash would. */
    static final class Halt extends Error {
    }

    static final class FakeMetrics implements ResponseMetrics {
        final Map<String, Double> values = new HashMap<>();
        int regionHosts = 200;
        int fleetHosts = 1200;
        Runnable onRead = () -> { };

        @Override
        public Map<String, Double> read(ResponseAction action, long atMs) {
            onRead.run();
            return Map.copyOf(values);
        }

        @Override
        public int hosts(String region, String service, long atMs) {
            if (region == null) {
                return fleetHosts;
            }
            return service == null ? regionHosts : values.getOrDefault(HOSTS, 0.0).intValue();
        }
    }

    final class FakeExecutor implements ActionExecutor {
        final List<ActionRequest> requests = new ArrayList<>();
        Consumer<Map<String, Double>> effect = m -> { };
        ActionFailedException failure;

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
            requests.add(request);
            effect.accept(metrics.values);
            if (failure != null) {
                throw failure;
            }
            return "ok";
        }
    }
}
