package io.pharos.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.engine.alerting.AlertPolicy;
import io.pharos.engine.alerting.AlertState;
import io.pharos.engine.fleet.FleetRegion;
import io.pharos.engine.fleet.FleetService;
import io.pharos.engine.fleet.ReferenceFleet;
import io.pharos.engine.fleet.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The default rule pack on the reference fleet's model: quiet on a normal day, and each scenario
 * raises the alerts an on-call engineer would expect, in the right region, soon enough.
 */
class DefaultRulesTest {
    private static final long STEP = 15_000;
    /** A Tuesday; 12:00 to 18:00 UTC covers the afternoon peak of Europe and the morning of the Americas. */
    private static final Instant DAY = Instant.parse("2026-11-17T12:00:00Z");

    private record Firing(String rule, String labels, long atMs) {
    }

    /** Runs the default rules from {@code from} for {@code duration}; returns alerts as they started firing. */
    private static List<Firing> run(Consumer<ReferenceFleet> scenarios, Instant from, Duration duration) {
        ReferenceFleet fleet = new ReferenceFleet(7, 7);
        scenarios.accept(fleet);
        RuleEngine engine = new RuleEngine(DefaultRules.load().groups(), new FleetSeriesSource(fleet, STEP),
                RuleEngine.RecordedSink.NONE, AlertPolicy.firingAfter(Duration.ZERO));
        List<Firing> firing = new ArrayList<>();
        for (long t = from.toEpochMilli(); t <= from.plus(duration).toEpochMilli(); t += STEP) {
            RuleCycle c = engine.evaluate(t);
            assertThat(c.failures()).isEmpty();
            for (RuleTransition tr : c.transitions()) {
                if (tr.transition().alert().state() == AlertState.FIRING) {
                    firing.add(new Firing(tr.rule(), tr.transition().alert().labels().toString(), t));
                }
            }
        }
        return firing;
    }

    @Test
    void theDefaultPackLoadsAndCoversTheDesignThresholds() {
        LoadedRules rules = DefaultRules.load();
        assertThat(rules.groups()).extracting(RuleGroup::name)
                .containsExactly("pharos-hosts", "pharos-regions", "pharos-error-budget");
        assertThat(rules.groups().stream().flatMap(g -> g.rules().stream()).filter(r -> r instanceof Rule.Alerting)
                .map(Rule::name)).containsExactly("HostCpuHigh", "HostMemoryHigh", "RegionP99LatencyHigh",
                "RegionResponseTimeHigh", "RegionSuccessRateLow", "HealthyRegionsLow", "ErrorBudgetBurnFast",
                "ErrorBudgetBurnSlow");
    }

    @Test
    void aNormalAfternoonRaisesNothing() {
        assertThat(run(f -> { }, DAY, Duration.ofHours(6))).isEmpty();
    }

    @Test
    void aRegionOutagePagesForThatRegionWithinMinutes() {
        Instant start = DAY.plus(Duration.ofHours(1));
        List<Firing> firing = run(f -> f.inject(Scenario.regionOutage(FleetRegion.EU_WEST_1, start, Duration.ofHours(1))),
                DAY, Duration.ofHours(2));
        Map<String, Long> first = firstFiring(firing);
        assertThat(first).containsKeys("RegionSuccessRateLow", "ErrorBudgetBurnFast", "ErrorBudgetBurnSlow")
                .doesNotContainKeys("HostCpuHigh", "HostMemoryHigh", "HealthyRegionsLow");
        assertThat(firing).allSatisfy(f -> assertThat(f.labels()).contains("region=\"eu-west-1\""));
        long s = start.toEpochMilli();
        // for: 1m, evaluated every 15 s.
        assertThat(first.get("RegionSuccessRateLow") - s).isBetween(60_000L, 75_000L);
        // 90 % errors burn 9,000x the budget: the next evaluation of the minute-interval group pages.
        assertThat(first.get("ErrorBudgetBurnFast") - s).isBetween(0L, 60_000L);
        assertThat(firing).filteredOn(f -> f.rule().equals("ErrorBudgetBurnFast"))
                .allSatisfy(f -> assertThat(f.labels()).contains("severity=\"critical\"", "objective=\"99.99%\""));
    }

    @Test
    void twoRegionsDownMakeTheHealthyShareFall() {
        Instant start = DAY.plus(Duration.ofMinutes(20));
        List<Firing> firing = run(f -> {
            f.inject(Scenario.regionOutage(FleetRegion.US_EAST_1, start, Duration.ofMinutes(30)));
            f.inject(Scenario.regionOutage(FleetRegion.AP_NORTHEAST_1, start, Duration.ofMinutes(30)));
        }, DAY, Duration.ofHours(1));
        assertThat(firstFiring(firing)).containsKey("HealthyRegionsLow");
    }

    @Test
    void aMemoryLeakWarnsForTheLeakingServiceOnly() {
        List<Firing> firing = run(f -> f.inject(Scenario.memoryLeak(FleetService.SEARCH, DAY, Duration.ofHours(6))
                .withMagnitude(0.2)), DAY, Duration.ofHours(4));
        assertThat(firing).isNotEmpty().allSatisfy(f -> {
            assertThat(f.rule()).isEqualTo("HostMemoryHigh");
            assertThat(f.labels()).contains("service=\"search\"", "severity=\"warning\"");
        });
    }

    @Test
    void aLatencyDegradationWarnsAboutP99() {
        Instant start = DAY.plus(Duration.ofMinutes(30));
        List<Firing> firing = run(f -> f.inject(Scenario.latencyDegradation(FleetRegion.EU_CENTRAL_1, null, start,
                Duration.ofHours(1))), DAY, Duration.ofHours(1));
        Map<String, Long> first = firstFiring(firing);
        // Five times slower: p99 of several services crosses 200 ms; the typical response time users
        // see (about 14 ms at peak) stays below 150 ms.
        assertThat(first).containsOnlyKeys("RegionP99LatencyHigh");
        assertThat(first.get("RegionP99LatencyHigh") - start.toEpochMilli()).isBetween(300_000L, 315_000L);
        assertThat(firing).allSatisfy(f -> assertThat(f.labels()).contains("region=\"eu-central-1\""));
    }

    @Test
    void aFifteenFoldSlowdownBreaksTheResponseTimeObjective() {
        Instant start = DAY.plus(Duration.ofMinutes(30));
        List<Firing> firing = run(f -> f.inject(Scenario.latencyDegradation(FleetRegion.EU_CENTRAL_1, null, start,
                Duration.ofHours(1)).withMagnitude(15)), DAY, Duration.ofHours(1));
        assertThat(firstFiring(firing)).containsKeys("RegionP99LatencyHigh", "RegionResponseTimeHigh");
    }

    private static Map<String, Long> firstFiring(List<Firing> firing) {
        Map<String, Long> first = new TreeMap<>();
        for (Firing f : firing) {
            first.merge(f.rule(), f.atMs(), Math::min);
        }
        return first;
    }
}
