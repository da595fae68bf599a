package io.pharos.engine.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.engine.alerting.AlertPolicy;
import io.pharos.engine.fleet.FleetRegion;
import io.pharos.engine.fleet.FleetService;
import io.pharos.engine.fleet.ReferenceFleet;
import io.pharos.engine.fleet.Scenario;
import io.pharos.engine.model.Matcher;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reference fleet's scenarios drive the forecasters through the fleet's value function over
 * simulated time (15 s samples, rules evaluated every sample, a week of history first): every real
 * crossing of a threshold must have been announced by a predictive alert at least 8 minutes before.
 * The whole fleet and the 7 quiet days are measured by {@code io.pharos.bench.PredictiveAlertBench}.
 */
class PredictiveScenarioTest {
    private static final int HOSTS = 14;
    /** Wednesday 2025-03-05 00:00 UTC. */
    private static final Instant WEDNESDAY = Instant.parse("2025-03-05T00:00:00Z");
    private static final Duration STEP = Duration.ofSeconds(15);
    private static final Duration TARGET = Duration.ofMinutes(8);
    private static final AlertPolicy POLICY = AlertPolicy.firingAfter(Duration.ZERO)
            .withKeepFiringFor(Duration.ofMinutes(10));

    private static PredictiveReplay replay(Scenario scenario, List<PredictiveRule> rules) {
        ReferenceFleet fleet = new ReferenceFleet(42, HOSTS);
        fleet.inject(scenario);
        Instant from = scenario.start().minus(Duration.ofDays(7));
        return FleetReplay.run(fleet, rules, ForecastConfig.defaults(), POLICY, from,
                scenario.start().minus(Duration.ofHours(2)), scenario.end(), STEP, STEP);
    }

    private static void assertEveryCrossingWarnedInTime(PredictiveReplay replay, int atLeastCrossings) {
        List<PredictiveReplay.LeadTime> leads = replay.leadTimes();
        assertThat(leads).hasSizeGreaterThanOrEqualTo(atLeastCrossings);
        for (PredictiveReplay.LeadTime lead : leads) {
            assertThat(lead.lead()).as("%s crossed %s", lead.series(), Instant.ofEpochMilli(lead.crossingAtMs()))
                    .hasValueSatisfying(d -> assertThat(d).isGreaterThanOrEqualTo(TARGET));
            PredictiveResult atFiring = lead.firstAlert().atFiring();
            assertThat(atFiring.predictedCrossing()).isPresent();
            assertThat(atFiring.confidence()).isGreaterThanOrEqualTo(atFiring.rule().minConfidence());
        }
    }

    @Test
    void aMemoryLeakIsAnnouncedAtLeast8MinutesAhead() {
        Scenario leak = Scenario.memoryLeak(FleetService.SEARCH, WEDNESDAY.plus(Duration.ofHours(10)), Duration.ofHours(6));
        PredictiveReplay replay = replay(leak, List.of(FleetReplay.MEMORY.withMatchers(Matcher.eq("service", "search"))));
        // every search host of every region leaks past 85 %
        assertEveryCrossingWarnedInTime(replay, 2 * FleetRegion.values().length);
        assertThat(replay.unconfirmed()).isEmpty();
    }

    @Test
    void aSlowLatencyDegradationIsAnnouncedAtLeast8MinutesAhead() {
        Scenario ramp = Scenario.latencyDegradation(FleetRegion.AP_NORTHEAST_1, FleetService.CHECKOUT,
                WEDNESDAY.plus(Duration.ofHours(1)), Duration.ofHours(4)).withMagnitude(3).withRamp(Duration.ofHours(2));
        Matcher region = Matcher.eq("region", "ap-northeast-1");
        Matcher checkout = Matcher.eq("service", "checkout");
        PredictiveReplay replay = replay(ramp, List.of(FleetReplay.LATENCY.withMatchers(region, checkout),
                FleetReplay.REGION_LATENCY.withMatchers(region, checkout)));
        // the checkout hosts and the region's checkout p99 cross 200 ms
        assertEveryCrossingWarnedInTime(replay, 2);
        assertThat(replay.unconfirmed()).isEmpty();
    }

    @Test
    void steadyTrafficGrowthIsAnnouncedAtLeast8MinutesAheadOfTheFirstCrossing() {
        Scenario growth = Scenario.trafficGrowth(FleetRegion.US_EAST_1, WEDNESDAY.plus(Duration.ofHours(13)),
                Duration.ofHours(6));
        PredictiveReplay replay = replay(growth, List.of(FleetReplay.CPU.withMatchers(Matcher.eq("region", "us-east-1"))));
        List<PredictiveReplay.LeadTime> leads = replay.leadTimes();
        assertThat(leads).hasSizeGreaterThanOrEqualTo(5);
        long firstCrossing = leads.stream().mapToLong(PredictiveReplay.LeadTime::crossingAtMs).min().orElseThrow();
        long firstAlert = replay.episodes().stream().mapToLong(PredictiveReplay.Episode::firingAtMs).min().orElseThrow();
        assertThat(Duration.ofMillis(firstCrossing - firstAlert)).isGreaterThanOrEqualTo(TARGET);
        // per host: most crossings are announced in time; the rest are noise spikes on a rising series
        long inTime = leads.stream().filter(l -> l.lead().map(d -> d.compareTo(TARGET) >= 0).orElse(false)).count();
        assertThat(inTime).as("%s", leads).isGreaterThanOrEqualTo(Math.round(0.75 * leads.size()));
    }

    @Test
    void aQuietDayOfTheFleetRaisesNoPredictiveAlert() {
        ReferenceFleet fleet = new ReferenceFleet(42, HOSTS);
        Instant day = WEDNESDAY;
        PredictiveReplay replay = FleetReplay.run(fleet, FleetReplay.REFERENCE_RULES, ForecastConfig.defaults(), POLICY,
                day.minus(Duration.ofDays(7)), day, day.plus(Duration.ofDays(1)), STEP, STEP);
        assertThat(replay.episodes()).isEmpty();
        assertThat(replay.leadTimes()).isEmpty();
    }
}
