package io.pharos.engine.fleet;

import static io.pharos.engine.fleet.FleetTestTimes.WEDNESDAY;
import static io.pharos.engine.fleet.FleetTestTimes.localHour;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Every scenario changes its target during its window and leaves other regions, other services and
 * other times exactly as they were (values are pure, so "unchanged" means equal).
 */
class ScenarioEffectTest {
    private static final int HOSTS = 14;
    private final ReferenceFleet plain = new ReferenceFleet(21, HOSTS);
    private final ReferenceFleet fleet = new ReferenceFleet(21, HOSTS);

    @Test
    void regionOutageDropsSuccessAndRequestsOfThatRegionOnly() {
        Instant start = Instant.ofEpochMilli(localHour(WEDNESDAY, FleetRegion.EU_WEST_1, 14));
        fleet.inject(Scenario.regionOutage(FleetRegion.EU_WEST_1, start, Duration.ofMinutes(30)));
        long during = start.toEpochMilli() + 10 * 60_000;

        for (FleetService svc : FleetService.values()) {
            int success = fleet.indexOf(RegionKeys.perService(RegionMetric.SUCCESS, FleetRegion.EU_WEST_1, svc));
            int requests = fleet.indexOf(RegionKeys.perService(RegionMetric.REQUESTS, FleetRegion.EU_WEST_1, svc));
            assertThat(plain.value(success, during)).isGreaterThan(0.99);
            assertThat(fleet.value(success, during)).isLessThan(0.2);
            assertThat(fleet.value(requests, during)).isLessThan(0.5 * plain.value(requests, during));
        }
        assertThat(fleet.value(fleet.hostSeriesIndex(FleetRegion.EU_WEST_1, 0, HostMetric.SUCCESS), during)).isLessThan(0.2);
        assertThat(fleet.value(fleet.indexOf(RegionKeys.region(RegionMetric.REVENUE, FleetRegion.EU_WEST_1)), during))
                .isLessThan(0.1 * plain.value(plain.indexOf(RegionKeys.region(RegionMetric.REVENUE, FleetRegion.EU_WEST_1)), during));
        assertUnchangedOutside(FleetRegion.EU_WEST_1, null, during);
        assertAllUnchangedAt(start.toEpochMilli() - 1);
        assertAllUnchangedAt(start.toEpochMilli() + Duration.ofMinutes(30).toMillis());
    }

    @Test
    void trafficSurgeMultipliesRequestsAndLoadsTheHostsOfThatRegion() {
        Instant start = Instant.ofEpochMilli(localHour(WEDNESDAY, FleetRegion.US_EAST_1, 11));
        fleet.inject(Scenario.trafficSurge(FleetRegion.US_EAST_1, start, Duration.ofHours(1)));
        long during = start.toEpochMilli() + 20 * 60_000;

        int requests = fleet.indexOf(RegionKeys.perService(RegionMetric.REQUESTS, FleetRegion.US_EAST_1, FleetService.CATALOG));
        assertThat(fleet.value(requests, during) / plain.value(requests, during)).isBetween(9.0, 11.0);
        int users = fleet.indexOf(RegionKeys.region(RegionMetric.ACTIVE_USERS, FleetRegion.US_EAST_1));
        assertThat(fleet.value(users, during)).isGreaterThan(5 * plain.value(users, during));
        for (int host = 0; host < HOSTS; host++) {
            int cpu = fleet.hostSeriesIndex(FleetRegion.US_EAST_1, host, HostMetric.CPU_UTILIZATION);
            assertThat(fleet.value(cpu, during)).isGreaterThan(0.9);
            int p99 = fleet.hostSeriesIndex(FleetRegion.US_EAST_1, host, HostMetric.LATENCY_P99);
            assertThat(fleet.value(p99, during)).isGreaterThan(2 * plain.value(p99, during));
        }
        assertUnchangedOutside(FleetRegion.US_EAST_1, null, during);
    }

    @Test
    void memoryLeakRampsMemoryOfThatServiceOnly() {
        Instant start = WEDNESDAY.plus(Duration.ofHours(6));
        fleet.inject(Scenario.memoryLeak(FleetService.SEARCH, start, Duration.ofHours(8)));
        int searchHost = firstHostOf(FleetService.SEARCH);
        for (FleetRegion region : FleetRegion.values()) {
            int memory = fleet.hostSeriesIndex(region, searchHost, HostMetric.MEMORY_UTILIZATION);
            double previous = 0;
            for (int hour = 1; hour <= 4; hour++) {
                long t = start.toEpochMilli() + hour * 3_600_000L;
                double leaked = fleet.value(memory, t) - plain.value(memory, t);
                double expected = Math.min(0.1 * hour, 0.99 - plain.value(memory, t));
                assertThat(leaked).as("%s after %dh", region.id(), hour).isCloseTo(expected,
                        org.assertj.core.data.Offset.offset(0.001));
                assertThat(fleet.value(memory, t)).as("memory only climbs").isGreaterThanOrEqualTo(previous);
                previous = fleet.value(memory, t);
            }
            assertThat(fleet.value(memory, start.toEpochMilli() + 7 * 3_600_000L)).isEqualTo(0.99);
            long afterRestart = start.toEpochMilli() + 8 * 3_600_000L;
            assertThat(fleet.value(memory, afterRestart)).isEqualTo(plain.value(memory, afterRestart));
        }
        assertUnchangedOutside(null, FleetService.SEARCH, start.toEpochMilli() + 3 * 3_600_000L);
    }

    @Test
    void latencyDegradationSlowsTheTargetServiceInTheTargetRegionOnly() {
        Instant start = WEDNESDAY.plus(Duration.ofHours(2));
        fleet.inject(Scenario.latencyDegradation(FleetRegion.AP_NORTHEAST_1, FleetService.CATALOG, start, Duration.ofHours(1)));
        long during = start.toEpochMilli() + 30 * 60_000;

        int regionP99 = fleet.indexOf(RegionKeys.perService(RegionMetric.LATENCY_P99, FleetRegion.AP_NORTHEAST_1, FleetService.CATALOG));
        assertThat(fleet.value(regionP99, during) / plain.value(regionP99, during)).isBetween(4.9, 5.1);
        int hostP50 = fleet.hostSeriesIndex(FleetRegion.AP_NORTHEAST_1, firstHostOf(FleetService.CATALOG), HostMetric.LATENCY_P50);
        assertThat(fleet.value(hostP50, during) / plain.value(hostP50, during)).isBetween(4.9, 5.1);
        int requests = fleet.indexOf(RegionKeys.perService(RegionMetric.REQUESTS, FleetRegion.AP_NORTHEAST_1, FleetService.CATALOG));
        assertThat(fleet.value(requests, during)).isEqualTo(plain.value(requests, during));
        assertUnchangedOutside(FleetRegion.AP_NORTHEAST_1, FleetService.CATALOG, during);
    }

    @Test
    void rampedLatencyDegradationGrowsLinearlyToItsMultiplier() {
        Instant start = WEDNESDAY.plus(Duration.ofHours(2));
        fleet.inject(Scenario.latencyDegradation(FleetRegion.AP_NORTHEAST_1, FleetService.CATALOG, start, Duration.ofHours(4))
                .withMagnitude(3).withRamp(Duration.ofHours(2)));
        int regionP99 = fleet.indexOf(RegionKeys.perService(RegionMetric.LATENCY_P99, FleetRegion.AP_NORTHEAST_1, FleetService.CATALOG));
        int hostP99 = fleet.hostSeriesIndex(FleetRegion.AP_NORTHEAST_1, firstHostOf(FleetService.CATALOG), HostMetric.LATENCY_P99);
        double[] expected = {1, 1.5, 2, 2.5, 3, 3, 3};
        for (int halfHours = 0; halfHours < expected.length; halfHours++) {
            long t = start.toEpochMilli() + halfHours * 1_800_000L;
            for (int series : new int[] {regionP99, hostP99}) {
                assertThat(fleet.value(series, t) / plain.value(series, t)).as("%s after %d min", fleet.key(series), halfHours * 30)
                        .isCloseTo(expected[halfHours], org.assertj.core.data.Offset.offset(0.01 * expected[halfHours]));
            }
        }
        long after = start.toEpochMilli() + Duration.ofHours(4).toMillis();
        assertThat(fleet.value(regionP99, after)).isEqualTo(plain.value(regionP99, after));
        assertUnchangedOutside(FleetRegion.AP_NORTHEAST_1, FleetService.CATALOG, start.toEpochMilli() + 3_600_000L);
    }

    @Test
    void trafficGrowthAddsItsRatePerHourToTheDemandOfThatRegionOnly() {
        Instant start = Instant.ofEpochMilli(localHour(WEDNESDAY, FleetRegion.EU_WEST_1, 8));
        fleet.inject(Scenario.trafficGrowth(FleetRegion.EU_WEST_1, start, Duration.ofHours(6)));
        int requests = fleet.indexOf(RegionKeys.perService(RegionMetric.REQUESTS, FleetRegion.EU_WEST_1, FleetService.CATALOG));
        int users = fleet.indexOf(RegionKeys.region(RegionMetric.ACTIVE_USERS, FleetRegion.EU_WEST_1));
        int hostRequests = fleet.hostSeriesIndex(FleetRegion.EU_WEST_1, firstHostOf(FleetService.SEARCH), HostMetric.REQUESTS);
        for (int hour = 0; hour < 6; hour++) {
            long t = start.toEpochMilli() + hour * 3_600_000L;
            double growth = 1 + 0.1 * hour;
            for (int series : new int[] {requests, users, hostRequests}) {
                assertThat(fleet.value(series, t) / plain.value(series, t)).as("%s after %d h", fleet.key(series), hour)
                        .isCloseTo(growth, org.assertj.core.data.Offset.offset(0.005 * growth));
            }
        }
        int cpu = fleet.hostSeriesIndex(FleetRegion.EU_WEST_1, 0, HostMetric.CPU_UTILIZATION);
        long late = start.toEpochMilli() + 5 * 3_600_000L;
        assertThat(fleet.value(cpu, late)).isGreaterThan(plain.value(cpu, late) + 0.1);
        assertUnchangedOutside(FleetRegion.EU_WEST_1, null, late);
        assertAllUnchangedAt(start.toEpochMilli() + Duration.ofHours(6).toMillis());
    }

    @Test
    void rampsAreRefusedWhereTheyMeanNothing() {
        Scenario leak = Scenario.memoryLeak(FleetService.SEARCH, WEDNESDAY, Duration.ofHours(2));
        assertThatThrownBy(() -> leak.withRamp(Duration.ofMinutes(30))).hasMessageContaining("memory-leak takes no ramp");
        Scenario growth = Scenario.trafficGrowth(FleetRegion.EU_WEST_1, WEDNESDAY, Duration.ofHours(2));
        assertThatThrownBy(() -> growth.withRamp(Duration.ofMinutes(30))).hasMessageContaining("traffic-growth takes no ramp");
        Scenario surge = Scenario.trafficSurge(FleetRegion.EU_WEST_1, WEDNESDAY, Duration.ofHours(2));
        assertThatThrownBy(() -> surge.withRamp(Duration.ofHours(3))).hasMessageContaining("longer than the duration");
        assertThatThrownBy(() -> surge.withRamp(Duration.ofMinutes(-1))).hasMessageContaining("must not be negative");
        assertThat(surge.withRamp(Duration.ofMinutes(30)).describe()).endsWith(", ramp PT30M");
        assertThat(surge.describe()).doesNotContain("ramp");
    }

    @Test
    void costSpikeRaisesCostOfThatRegionOnly() {
        Instant start = WEDNESDAY.plus(Duration.ofHours(3));
        fleet.inject(Scenario.costSpike(FleetRegion.US_WEST_1, null, start, Duration.ofHours(2)));
        long during = start.toEpochMilli() + 3_600_000L;

        for (CostResource resource : CostResource.values()) {
            int cost = fleet.indexOf(RegionKeys.cost(FleetRegion.US_WEST_1, resource));
            // region costs have cents: allow for their rounding
            assertThat(fleet.value(cost, during)).as(resource.label())
                    .isCloseTo(3 * plain.value(cost, during), org.assertj.core.data.Offset.offset(0.02));
        }
        int hostCost = fleet.hostSeriesIndex(FleetRegion.US_WEST_1, 5, HostMetric.COST);
        assertThat(fleet.value(hostCost, during) / plain.value(hostCost, during)).isBetween(2.99, 3.01);
        int cpu = fleet.hostSeriesIndex(FleetRegion.US_WEST_1, 5, HostMetric.CPU_UTILIZATION);
        assertThat(fleet.value(cpu, during)).isEqualTo(plain.value(cpu, during));
        assertUnchangedOutside(FleetRegion.US_WEST_1, null, during);
    }

    @Test
    void serviceCostSpikeRaisesOnlyThatServicesShareOfTheRegionCost() {
        Instant start = WEDNESDAY;
        fleet.inject(Scenario.costSpike(FleetRegion.US_WEST_1, FleetService.DATABASE, start, Duration.ofHours(2)));
        long during = start.toEpochMilli() + 60_000;
        int compute = fleet.indexOf(RegionKeys.cost(FleetRegion.US_WEST_1, CostResource.COMPUTE));
        double ratio = fleet.value(compute, during) / plain.value(compute, during);
        assertThat(ratio).isGreaterThan(1.5).isLessThan(3);
        assertUnchangedOutside(FleetRegion.US_WEST_1, FleetService.DATABASE, during);
    }

    @Test
    void clearingScenariosRestoresTheOriginalValues() {
        fleet.inject(Scenario.trafficSurge(FleetRegion.US_EAST_1, WEDNESDAY, Duration.ofDays(1)));
        assertThat(fleet.scenarios()).hasSize(1);
        fleet.clearScenarios();
        assertAllUnchangedAt(WEDNESDAY.toEpochMilli() + 3_600_000L);
    }

    @Test
    void scenariosWithoutTargetOrWithBadMagnitudeAreRejected() {
        assertThatThrownBy(() -> Scenario.of(ScenarioKind.TRAFFIC_SURGE, null, null, WEDNESDAY, Duration.ofHours(1)))
                .hasMessageContaining("needs a target");
        assertThatThrownBy(() -> Scenario.regionOutage(FleetRegion.EU_WEST_1, WEDNESDAY, Duration.ofHours(1)).withMagnitude(1.5))
                .hasMessageContaining("at most 1");
        assertThatThrownBy(() -> Scenario.of(ScenarioKind.MEMORY_LEAK, FleetRegion.EU_WEST_1, null, WEDNESDAY, Duration.ofHours(1)))
                .hasMessageContaining("needs a service");
        assertThatThrownBy(() -> Scenario.trafficSurge(FleetRegion.EU_WEST_1, WEDNESDAY, Duration.ZERO))
                .hasMessageContaining("positive");
    }

    private int firstHostOf(FleetService service) {
        for (int host = 0; host < HOSTS; host++) {
            if (fleet.serviceOf(host) == service) {
                return host;
            }
        }
        throw new AssertionError("no host runs " + service);
    }

    /** Series outside the target (other region, or other service where the target names one) are untouched. */
    private void assertUnchangedOutside(FleetRegion targetRegion, FleetService targetService, long t) {
        int untouched = 0;
        for (int i = 0; i < fleet.size(); i++) {
            var labels = fleet.key(i).labels();
            boolean otherRegion = targetRegion != null && !targetRegion.id().equals(labels.get("region"));
            boolean otherService = targetService != null && labels.get("service") != null
                    && !targetService.id().equals(labels.get("service"));
            if (otherRegion || otherService) {
                assertThat(fleet.value(i, t)).as("%s", fleet.key(i)).isEqualTo(plain.value(i, t));
                untouched++;
            }
        }
        assertThat(untouched).isPositive();
    }

    private void assertAllUnchangedAt(long t) {
        for (int i = 0; i < fleet.size(); i++) {
            assertThat(fleet.value(i, t)).as("%s", fleet.key(i)).isEqualTo(plain.value(i, t));
        }
    }
}
