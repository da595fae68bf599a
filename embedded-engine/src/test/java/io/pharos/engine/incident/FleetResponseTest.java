package io.pharos.engine.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pharos.engine.fleet.FleetAdjustment;
import io.pharos.engine.fleet.FleetRegion;
import io.pharos.engine.fleet.FleetService;
import io.pharos.engine.fleet.ReferenceFleet;
import io.pharos.engine.fleet.Scenario;
import io.pharos.engine.fleet.ScenarioKind;
import io.pharos.engine.store.StateStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Responses acting on the simulated reference fleet, and the impact estimated from it. */
class FleetResponseTest {
    /** Wednesday 2025-03-05 15:00 in us-east-1 (UTC-5): the afternoon peak. */
    static final Instant PEAK = Instant.parse("2025-03-05T20:00:00Z");

    @TempDir
    Path dir;
    private StateStore store;
    private final TestClock clock = new TestClock(PEAK);
    private final ReferenceFleet fleet = new ReferenceFleet(7, 40);
    private IncidentService incidents;
    private ResponseService responses;

    @BeforeEach
    void open() {
        store = StateStore.open(dir);
        incidents = new IncidentService(store, clock, IncidentPolicy.defaults());
        responses = new ResponseService(incidents, ResponsePolicy.defaults(), new FleetActionExecutor(fleet),
                new FleetResponseMetrics(fleet));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void scalingComputeLowersCpuOnTheSimulationAboutAsExpected() {
        fleet.inject(new Scenario(ScenarioKind.TRAFFIC_SURGE, PEAK.minus(Duration.ofMinutes(30)), Duration.ofHours(2),
                FleetRegion.US_EAST_1, FleetService.CHECKOUT, 1.4));
        incidents.create("checkout CPU in us-east-1", Severity.SEV3, "ana");
        int hosts = fleet.hostCount(FleetService.CHECKOUT);
        ActionRecord r = responses.propose("INC-1", new ResponseAction.ScaleCompute("us-east-1", "checkout", 2), "ana");

        assertThat(r.status()).isEqualTo(ActionStatus.SUCCEEDED);
        assertThat(r.simulated()).isTrue();
        assertThat(r.executor()).isEqualTo("the simulated reference fleet");
        assertThat(fleet.adjustments()).containsExactly(new FleetAdjustment.AddHosts(FleetRegion.US_EAST_1,
                FleetService.CHECKOUT, 2, clock.millis()));
        assertThat(r.before().get(ResponseMetrics.HOSTS)).isEqualTo(hosts);
        assertThat(r.after().get(ResponseMetrics.HOSTS)).isEqualTo(hosts + 2);
        double before = r.before().get(ResponseMetrics.CPU);
        double after = r.after().get(ResponseMetrics.CPU);
        double expected = r.expected().expected().get(ResponseMetrics.CPU);
        assertThat(before).isGreaterThan(0.75);
        assertThat(after).isLessThan(before - 0.15);
        assertThat(after).isCloseTo(expected, within(0.05));
        assertThat(r.after().get(ResponseMetrics.LATENCY_P99)).isLessThan(r.before().get(ResponseMetrics.LATENCY_P99));
        assertThat(r.after().get(ResponseMetrics.COST)).isGreaterThan(r.before().get(ResponseMetrics.COST));
    }

    @Test
    void aRestartPutsBackWhatSucceededActionsDidToTheSimulation() {
        incidents.create("checkout CPU in us-east-1", Severity.SEV3, "ana");
        ActionRecord r = responses.propose("INC-1", new ResponseAction.ScaleCompute("us-east-1", "checkout", 2), "ana");
        assertThat(r.status()).isEqualTo(ActionStatus.SUCCEEDED);
        store.close();
        // A new process: a fresh simulation, the same state file.
        ReferenceFleet restarted = new ReferenceFleet(7, 40);
        store = StateStore.open(dir);
        IncidentService again = new IncidentService(store, clock, IncidentPolicy.defaults());
        FleetActionExecutor executor = new FleetActionExecutor(restarted);
        ResponseService responsesAgain = new ResponseService(again, ResponsePolicy.defaults(), executor,
                new FleetResponseMetrics(restarted));
        assertThat(restarted.adjustments()).isEmpty();
        assertThat(executor.restore(again, responsesAgain)).isEqualTo(1);
        assertThat(restarted.adjustments()).containsExactly(new FleetAdjustment.AddHosts(FleetRegion.US_EAST_1,
                FleetService.CHECKOUT, 2, r.startedAtMs()));
    }

    @Test
    void failingBackReturnsTheRegionsTrafficAfterApproval() {
        incidents.create("us-east-1 maintenance", Severity.SEV3, "ana");
        ActionRecord over = responses.approve(responses.propose("INC-1",
                new ResponseAction.FailOverRegion("us-east-1", "us-west-1"), "ana").id(), "bob");
        assertThat(over.status()).isEqualTo(ActionStatus.SUCCEEDED);
        assertThat(over.after().get("from.requests_per_second")).isZero();

        clock.advance(Duration.ofMinutes(5));
        ActionRecord proposed = responses.propose("INC-1", new ResponseAction.FailBackRegion("us-east-1", "us-west-1"),
                "ana");
        assertThat(proposed.status()).as("a fail-back moves traffic too: a person approves it")
                .isEqualTo(ActionStatus.PROPOSED);
        assertThat(proposed.expected().text()).contains("us-east-1's traffic comes back from us-west-1");
        ActionRecord back = responses.approve(proposed.id(), "bob");
        assertThat(back.status()).isEqualTo(ActionStatus.SUCCEEDED);
        // us-east-1 serves its own requests again; us-west-1 drops back to its own.
        assertThat(back.after().get("to.requests_per_second")).isGreaterThan(0);
        assertThat(back.after().get("from.requests_per_second")).isLessThan(back.before().get("from.requests_per_second"));
        assertThat(IncidentJson.action(IncidentJson.action(back.action()))).isEqualTo(back.action());
    }

    @Test
    void failingARegionOverMovesItsTrafficAfterApproval() {
        fleet.inject(Scenario.regionOutage(FleetRegion.US_EAST_1, PEAK.minus(Duration.ofMinutes(10)), Duration.ofHours(1)));
        incidents.create("us-east-1 down", Severity.SEV1, "ana");
        ActionRecord proposed = responses.propose("INC-1", new ResponseAction.FailOverRegion("us-east-1", "us-west-1"),
                "ana");
        assertThat(proposed.status()).isEqualTo(ActionStatus.PROPOSED);
        assertThat(proposed.verdict().fleetShare()).isCloseTo(2 / 6.0, within(1e-9));
        assertThat(incidents.require("INC-1").regions()).containsExactly("us-east-1", "us-west-1");

        ActionRecord done = responses.approve(proposed.id(), "bob");
        assertThat(done.status()).isEqualTo(ActionStatus.SUCCEEDED);
        assertThat(done.after().get("from.requests_per_second")).isZero();
        assertThat(done.after().get("to.requests_per_second")).isGreaterThan(done.before().get("to.requests_per_second"));
        // users the outage had turned away come back in the target region: more than the estimate
        assertThat(done.after().get("to.active_users")).isGreaterThan(done.expected().expected().get("to.active_users"));
        assertThat(done.after().get("from.active_users")).isZero();
        assertThat(done.after().get("from.revenue_dollars_per_minute") + done.after().get("to.revenue_dollars_per_minute"))
                .isGreaterThan(done.before().get("from.revenue_dollars_per_minute")
                        + done.before().get("to.revenue_dollars_per_minute"));
    }

    @Test
    void cleanUpAndThrottleActOnTheSimulation() {
        incidents.create("cost spike", Severity.SEV4, "ana");
        fleet.inject(Scenario.costSpike(FleetRegion.EU_WEST_1, null, PEAK.minus(Duration.ofHours(1)), Duration.ofHours(3)));
        ActionRecord clean = responses.propose("INC-1", new ResponseAction.CleanUpResources("eu-west-1", "orphaned"), "ana");
        assertThat(clean.status()).isEqualTo(ActionStatus.SUCCEEDED);
        assertThat(clean.after().get(ResponseMetrics.COST)).isLessThan(clean.before().get(ResponseMetrics.COST) / 2);

        ActionRecord bad = responses.propose("INC-1", new ResponseAction.CleanUpResources("eu-west-1", "snapshots"), "ana");
        assertThat(bad.status()).isEqualTo(ActionStatus.FAILED);
        assertThat(bad.error()).contains("unknown clean-up kind 'snapshots'");

        ActionRecord throttle = responses.approve(responses.propose("INC-1",
                new ResponseAction.ThrottleTraffic("eu-west-1", 0.3), "ana").id(), "bob");
        assertThat(throttle.after().get(ResponseMetrics.REQUESTS) / throttle.before().get(ResponseMetrics.REQUESTS))
                .isCloseTo(0.7, within(0.02));
    }

    @Test
    void impactComesFromTheRegionSeriesAndSaysItIsSimulated() {
        Instant start = PEAK.minus(Duration.ofMinutes(40));
        fleet.inject(Scenario.regionOutage(FleetRegion.US_EAST_1, start, Duration.ofMinutes(30)));
        clock.advance(Duration.ofMinutes(-40));
        incidents.onAlert(Alerts.firing(clock.millis(), "alertname", "RegionDown", "severity", "critical",
                "region", "us-east-1"));
        clock.advance(Duration.ofMinutes(2));
        incidents.acknowledge("INC-1", "ana");
        clock.advance(Duration.ofMinutes(28));
        Incident resolved = incidents.resolve("INC-1", "ana");

        Impact impact = new FleetImpactEstimator(fleet).estimate(resolved, clock.millis() + 3_600_000);
        assertThat(impact.simulated()).isTrue();
        assertThat(impact.durationMs()).isEqualTo(Duration.ofMinutes(30).toMillis());
        // a 90 % outage of a region with about a million users at its peak
        assertThat(impact.affectedUsers()).isBetween(500_000.0, 1_300_000.0);
        assertThat(impact.revenueLost()).isGreaterThan(0.8 * impact.revenueAtRisk());
        assertThat(impact.revenueAtRisk()).isGreaterThan(0);
        assertThat(impact.method()).startsWith("From the reference fleet's region series")
                .contains("us-east-1");

        Incident elsewhere = incidents.create("not in the fleet", Severity.SEV4, "ana");
        Impact none = new FleetImpactEstimator(fleet).estimate(incidents.setRegions(elsewhere.id(), java.util.List.of("mars-1"),
                "ana"), clock.millis());
        assertThat(none.affectedUsers()).isNaN();
        assertThat(none.method()).contains("names no region");
    }
}
