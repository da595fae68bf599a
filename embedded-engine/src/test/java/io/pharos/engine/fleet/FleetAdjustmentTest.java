package io.pharos.engine.fleet;

import static io.pharos.engine.fleet.FleetTestTimes.WEDNESDAY;
import static io.pharos.engine.fleet.FleetTestTimes.localHour;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Operator adjustments (what automated incident responses do to the simulation) change their target
 * from their time on, and nothing before that time or outside their target.
 */
class FleetAdjustmentTest {
    private static final int HOSTS = 40;
    private final ReferenceFleet plain = new ReferenceFleet(21, HOSTS);
    private final ReferenceFleet fleet = new ReferenceFleet(21, HOSTS);
    private final FleetRegion east = FleetRegion.US_EAST_1;
    private final long from = localHour(WEDNESDAY, east, 14);
    private final long after = from + 60_000;

    @Test
    void addedHostsSpreadTheLoadAndCostMore() {
        int base = fleet.hostCount(FleetService.CHECKOUT);
        fleet.adjust(new FleetAdjustment.AddHosts(east, FleetService.CHECKOUT, base, from)); // doubles the pool
        assertThat(fleet.hostCount(east, FleetService.CHECKOUT, after)).isEqualTo(2 * base);
        assertThat(fleet.hostCount(east, FleetService.CHECKOUT, from - 1)).isEqualTo(base);

        int host = firstHostOf(FleetService.CHECKOUT);
        int cpu = fleet.hostSeriesIndex(east, host, HostMetric.CPU_UTILIZATION);
        double idle = FleetService.CHECKOUT.idleCpu;
        // the busy part of the CPU halves (to within the host's jitter)
        assertThat(fleet.value(cpu, after) - idle).isCloseTo((plain.value(cpu, after) - idle) / 2, within(0.02));
        int p99 = fleet.indexOf(RegionKeys.perService(RegionMetric.LATENCY_P99, east, FleetService.CHECKOUT));
        assertThat(fleet.value(p99, after)).isLessThan(plain.value(p99, after));
        // the region serves the same requests with more hosts, at a higher compute cost
        int requests = fleet.indexOf(RegionKeys.perService(RegionMetric.REQUESTS, east, FleetService.CHECKOUT));
        assertThat(fleet.value(requests, after)).isCloseTo(plain.value(requests, after), within(0.2));
        int compute = fleet.indexOf(RegionKeys.cost(east, CostResource.COMPUTE));
        assertThat(fleet.value(compute, after)).isGreaterThan(plain.value(compute, after));
        assertAllUnchangedAt(from - 1);
        assertUnchangedOutside(east, after);
    }

    @Test
    void throttlingRefusesAShareOfTheRegionsRequests() {
        fleet.adjust(new FleetAdjustment.Throttle(east, 0.25, from));
        int requests = fleet.indexOf(RegionKeys.perService(RegionMetric.REQUESTS, east, FleetService.API_GATEWAY));
        assertThat(fleet.value(requests, after) / plain.value(requests, after)).isCloseTo(0.75, within(0.01));
        int revenue = fleet.indexOf(RegionKeys.region(RegionMetric.REVENUE, east));
        assertThat(fleet.value(revenue, after) / plain.value(revenue, after)).isCloseTo(0.75, within(0.02));
        int users = fleet.indexOf(RegionKeys.region(RegionMetric.ACTIVE_USERS, east));
        assertThat(fleet.value(users, after)).isEqualTo(plain.value(users, after));
        // lifting it restores the values
        fleet.adjust(new FleetAdjustment.Throttle(east, 0, after + 60_000));
        assertThat(fleet.value(requests, after + 120_000)).isEqualTo(plain.value(requests, after + 120_000));
        assertUnchangedOutside(east, after);
    }

    @Test
    void failOverMovesUsersAndRequestsToTheTargetRegion() {
        FleetRegion west = FleetRegion.US_WEST_1;
        Instant outageStart = Instant.ofEpochMilli(from - 600_000);
        fleet.inject(Scenario.regionOutage(east, outageStart, Duration.ofHours(2)));
        plain.inject(Scenario.regionOutage(east, outageStart, Duration.ofHours(2)));
        fleet.adjust(new FleetAdjustment.FailOver(east, west, 1, from));

        int eastUsers = fleet.indexOf(RegionKeys.region(RegionMetric.ACTIVE_USERS, east));
        int westUsers = fleet.indexOf(RegionKeys.region(RegionMetric.ACTIVE_USERS, west));
        assertThat(fleet.value(eastUsers, after)).isZero();
        double unaffectedEastUsers = new ReferenceFleet(21, HOSTS).value(eastUsers, after);
        assertThat(fleet.value(westUsers, after) - plain.value(westUsers, after))
                .isCloseTo(unaffectedEastUsers, within(0.03 * unaffectedEastUsers));
        int eastRequests = fleet.indexOf(RegionKeys.perService(RegionMetric.REQUESTS, east, FleetService.CATALOG));
        int westRequests = fleet.indexOf(RegionKeys.perService(RegionMetric.REQUESTS, west, FleetService.CATALOG));
        assertThat(fleet.value(eastRequests, after)).isZero();
        assertThat(fleet.value(westRequests, after)).isGreaterThan(plain.value(westRequests, after) * 1.5);
        // revenue the outage was losing is earned again in the target region
        int eastRevenue = fleet.indexOf(RegionKeys.region(RegionMetric.REVENUE, east));
        int westRevenue = fleet.indexOf(RegionKeys.region(RegionMetric.REVENUE, west));
        double total = fleet.value(eastRevenue, after) + fleet.value(westRevenue, after);
        assertThat(total).isGreaterThan(plain.value(eastRevenue, after) + plain.value(westRevenue, after));
        assertAllUnchangedAt(from - 1);
    }

    @Test
    void cleanUpsFreeDisksMemoryAndCost() {
        Instant leakStart = Instant.ofEpochMilli(from - 3 * 3_600_000L);
        fleet.inject(Scenario.memoryLeak(FleetService.SEARCH, leakStart, Duration.ofHours(8)));
        fleet.inject(Scenario.costSpike(east, null, leakStart, Duration.ofHours(8)));
        int search = firstHostOf(FleetService.SEARCH);
        int memory = fleet.hostSeriesIndex(east, search, HostMetric.MEMORY_UTILIZATION);
        int disk = fleet.hostSeriesIndex(east, search, HostMetric.FILESYSTEM_UTILIZATION);
        int cost = fleet.indexOf(RegionKeys.cost(east, CostResource.STORAGE));
        assertThat(fleet.value(memory, after) - plain.value(memory, after)).isGreaterThan(0.25);

        fleet.adjust(new FleetAdjustment.CleanUp(east, FleetAdjustment.Cleanup.MEMORY, from));
        fleet.adjust(new FleetAdjustment.CleanUp(east, FleetAdjustment.Cleanup.DISK, from));
        fleet.adjust(new FleetAdjustment.CleanUp(east, FleetAdjustment.Cleanup.ORPHANED, from));
        // the leak restarts from zero: a minute's worth of it is left
        assertThat(fleet.value(memory, after) - plain.value(memory, after)).isLessThan(0.01);
        assertThat(fleet.value(disk, after)).isLessThanOrEqualTo(plain.value(disk, after));
        assertThat(fleet.value(disk, after)).isCloseTo(FleetService.SEARCH.filesystemBase, within(0.01));
        assertThat(fleet.value(cost, after)).isEqualTo(plain.value(cost, after));
        // other regions still leak
        int westMemory = fleet.hostSeriesIndex(FleetRegion.US_WEST_1, search, HostMetric.MEMORY_UTILIZATION);
        assertThat(fleet.value(westMemory, after) - plain.value(westMemory, after)).isGreaterThan(0.25);
    }

    @Test
    void aServiceCannotBeScaledToNoHostsAndClearingRestoresTheFleet() {
        int base = fleet.hostCount(FleetService.PAYMENTS);
        assertThatThrownBy(() -> fleet.adjust(new FleetAdjustment.AddHosts(east, FleetService.PAYMENTS, -base, from)))
                .hasMessageContaining("at least 1 must stay");
        assertThat(fleet.adjustments()).isEmpty();
        fleet.adjust(new FleetAdjustment.Throttle(east, 0.5, from));
        fleet.adjust(new FleetAdjustment.FailOver(east, FleetRegion.EU_WEST_1, 0.5, from));
        assertThat(fleet.adjustments()).hasSize(2);
        fleet.clearAdjustments();
        assertAllUnchangedAt(after);
        assertThatThrownBy(() -> new FleetAdjustment.FailOver(east, east, 1, from)).hasMessageContaining("itself");
        assertThatThrownBy(() -> new FleetAdjustment.Throttle(east, 1, from)).hasMessageContaining("below 1");
    }

    private int firstHostOf(FleetService service) {
        for (int host = 0; host < HOSTS; host++) {
            if (fleet.serviceOf(host) == service) {
                return host;
            }
        }
        throw new AssertionError("no host runs " + service);
    }

    private void assertUnchangedOutside(FleetRegion target, long t) {
        int untouched = 0;
        for (int i = 0; i < fleet.size(); i++) {
            if (!target.id().equals(fleet.key(i).labels().get("region"))) {
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
