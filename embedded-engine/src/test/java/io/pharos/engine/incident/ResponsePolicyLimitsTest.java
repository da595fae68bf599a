package io.pharos.engine.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pharos.engine.store.StateStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The limits a chain of actions cannot get around: cumulative limits, approval rules, expiry. */
class ResponsePolicyLimitsTest {
    @TempDir
    Path dir;
    private StateStore store;
    private final TestClock clock = new TestClock(Instant.parse("2026-03-05T14:00:00Z"));
    private IncidentService incidents;
    private final ResponseServiceTest.FakeMetrics metrics = new ResponseServiceTest.FakeMetrics();
    private ActionExecutor executor;

    @BeforeEach
    void open() {
        store = StateStore.open(dir);
        incidents = new IncidentService(store, clock, IncidentPolicy.defaults());
        incidents.create("checkout saturated", Severity.SEV2, "ana");
        metrics.values.putAll(Map.of(ResponseMetrics.HOSTS, 24.0, ResponseMetrics.CPU, 0.2));
        executor = new CountingExecutor();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private ResponseService responses(ResponsePolicy policy) {
        return new ResponseService(incidents, policy, executor, metrics);
    }

    private static ResponseAction.ScaleCompute scale(int hosts) {
        return new ResponseAction.ScaleCompute("us-east-1", "checkout", hosts);
    }

    @Test
    void removingHostsAlwaysWaitsForAPerson() {
        ActionRecord r = responses(ResponsePolicy.defaults()).propose("INC-1", scale(-12), "ana");
        assertThat(r.status()).isEqualTo(ActionStatus.PROPOSED);
        assertThat(r.verdict().reasons()).containsExactly("removing hosts always needs approval");
        assertThat(((CountingExecutor) executor).runs).isZero();
    }

    @Test
    void scalingOfAnIncidentIsLimitedInTotal() {
        ResponseService responses = responses(ResponsePolicy.defaults().withCumulativeLimits(12, 100, 10));
        assertThat(responses.propose("INC-1", scale(10), "ana").status()).isEqualTo(ActionStatus.SUCCEEDED);
        ActionRecord more = responses.propose("INC-1", scale(5), "ana");
        assertThat(more.status()).isEqualTo(ActionStatus.REFUSED);
        assertThat(more.verdict().reasons()).containsExactly("with the incident's earlier scaling (+10 hosts) it"
                + " changes +15 hosts; the policy allows at most 12 per incident");
        // net: hosts given back make room again
        ActionRecord down = responses.propose("INC-1", scale(-4), "ana");
        assertThat(responses.approve(down.id(), "bob").status()).isEqualTo(ActionStatus.SUCCEEDED);
        assertThat(responses.propose("INC-1", scale(5), "ana").status()).isEqualTo(ActionStatus.SUCCEEDED);
    }

    @Test
    void scalingAndActionsAcrossIncidentsAreLimitedPerHour() {
        incidents.create("search saturated", Severity.SEV3, "ana");
        ResponseService responses = responses(ResponsePolicy.defaults().withCumulativeLimits(100, 12, 3));
        assertThat(responses.propose("INC-1", scale(10), "ana").status()).isEqualTo(ActionStatus.SUCCEEDED);
        ActionRecord other = responses.propose("INC-2", scale(5), "ana");
        assertThat(other.verdict().reasons()).containsExactly("with the scaling of the last hour (+10 hosts) it"
                + " changes +15 hosts; the policy allows at most 12 per hour");

        CleanUp clean = () -> responses.propose("INC-2", new ResponseAction.CleanUpResources("us-east-1", "disk"), "ana");
        assertThat(clean.run().status()).isEqualTo(ActionStatus.SUCCEEDED);
        assertThat(clean.run().status()).isEqualTo(ActionStatus.SUCCEEDED);
        ActionRecord fourth = clean.run();
        assertThat(fourth.status()).isEqualTo(ActionStatus.REFUSED);
        assertThat(fourth.verdict().reasons()).containsExactly("3 actions started in the last hour; the policy allows 3 per hour");

        clock.advance(Duration.ofMinutes(61));
        assertThat(responses.propose("INC-2", scale(5), "ana").status()).isEqualTo(ActionStatus.SUCCEEDED);
        assertThat(clean.run().status()).isEqualTo(ActionStatus.SUCCEEDED);
    }

    @Test
    void theLimitsAreCheckedAgainWhenAPersonApproves() {
        ResponseService responses = responses(ResponsePolicy.defaults().approvalAlways().withCumulativeLimits(12, 100, 10));
        ActionRecord first = responses.propose("INC-1", scale(10), "ana");
        ActionRecord second = responses.propose("INC-1", scale(5), "ana");
        assertThat(second.status()).as("nothing ran yet").isEqualTo(ActionStatus.PROPOSED);
        assertThat(responses.approve(first.id(), "bob").status()).isEqualTo(ActionStatus.SUCCEEDED);

        ActionRecord late = responses.approve(second.id(), "bob");
        assertThat(late.status()).isEqualTo(ActionStatus.REFUSED);
        assertThat(late.decisionNote()).isEqualTo("refused by policy at approval: with the incident's earlier scaling"
                + " (+10 hosts) it changes +15 hosts; the policy allows at most 12 per incident");
        assertThat(((CountingExecutor) executor).runs).isEqualTo(1);
        assertThat(incidents.timeline("INC-1").getLast().text()).startsWith("INC-1-A2 refused by policy at approval");
    }

    @Test
    void aStaleProposalCannotBeApproved() {
        ResponseService responses = responses(ResponsePolicy.defaults());
        ActionRecord r = responses.propose("INC-1", new ResponseAction.ThrottleTraffic("us-east-1", 0.2), "ana");
        clock.advance(Duration.ofMinutes(16));
        ActionRecord stale = responses.approve(r.id(), "bob");
        assertThat(stale.status()).isEqualTo(ActionStatus.REFUSED);
        assertThat(stale.decisionNote()).isEqualTo("expired: proposed 16 min ago, and the policy allows approval within"
                + " 15 min; the fleet may have changed since, so propose it again");
        assertThat(((CountingExecutor) executor).runs).isZero();

        ResponseService patient = responses(ResponsePolicy.defaults().withMaxProposalAge(Duration.ofHours(1)));
        ActionRecord again = patient.propose("INC-1", new ResponseAction.ThrottleTraffic("us-east-1", 0.2), "ana");
        clock.advance(Duration.ofMinutes(16));
        assertThat(patient.approve(again.id(), "bob").status()).isEqualTo(ActionStatus.SUCCEEDED);
    }

    @Test
    void nobodyApprovesTheirOwnProposalOrAsPharos() {
        ResponseService responses = responses(ResponsePolicy.defaults());
        ActionRecord r = responses.propose("INC-1", new ResponseAction.ThrottleTraffic("us-east-1", 0.2), "ana");
        assertThatThrownBy(() -> responses.approve(r.id(), "ana"))
                .hasMessage("ana proposed INC-1-A1, so someone else must approve it: an action that needs approval"
                        + " runs when two people agree");
        assertThatThrownBy(() -> responses.approve(r.id(), " Pharos"))
                .hasMessage("'pharos' is the name Pharos records for what it does by itself; decide as yourself,"
                        + " under your own name");
        assertThatThrownBy(() -> responses.reject(r.id(), "pharos", "no")).hasMessageContaining("decide as yourself");
        assertThat(responses.action(r.id()).orElseThrow().status()).isEqualTo(ActionStatus.PROPOSED);
        assertThat(((CountingExecutor) executor).runs).isZero();
        assertThat(responses.reject(r.id(), "ana", "withdrawn").status()).isEqualTo(ActionStatus.REJECTED);
    }

    @FunctionalInterface
    private interface CleanUp {
        ActionRecord run();
    }

    private static final class CountingExecutor implements ActionExecutor {
        int runs;

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public boolean simulated() {
            return true;
        }

        @Override
        public String execute(ActionRequest request) {
            runs++;
            return "";
        }
    }
}
