package io.pharos.engine.fleet;

import static io.pharos.engine.fleet.FleetTestTimes.SATURDAY;
import static io.pharos.engine.fleet.FleetTestTimes.WEDNESDAY;
import static io.pharos.engine.fleet.FleetTestTimes.localHour;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrafficShapeTest {
    private final ReferenceFleet fleet = new ReferenceFleet(11, 14);

    @Test
    void eachRegionPeaksInItsLocalAfternoonAndIsLowestAtNight() {
        for (FleetRegion region : FleetRegion.values()) {
            int requests = fleet.indexOf(RegionKeys.perService(RegionMetric.REQUESTS, region, FleetService.API_GATEWAY));
            double afternoon = fleet.value(requests, localHour(WEDNESDAY, region, 15));
            double night = fleet.value(requests, localHour(WEDNESDAY, region, 3));
            assertThat(afternoon).as(region.id()).isGreaterThan(2 * night);

            int peakHour = -1;
            double peak = -1;
            for (int hour = 0; hour < 24; hour++) {
                double v = fleet.value(requests, localHour(WEDNESDAY, region, hour));
                if (v > peak) {
                    peak = v;
                    peakHour = hour;
                }
            }
            assertThat(peakHour).as("local peak hour of %s", region.id()).isBetween(13, 17);
        }
    }

    @Test
    void hostCpuFollowsTheDay() {
        for (int host = 0; host < 14; host++) {
            int cpu = fleet.hostSeriesIndex(FleetRegion.AP_NORTHEAST_1, host, HostMetric.CPU_UTILIZATION);
            assertThat(fleet.value(cpu, localHour(WEDNESDAY, FleetRegion.AP_NORTHEAST_1, 15)))
                    .isGreaterThan(fleet.value(cpu, localHour(WEDNESDAY, FleetRegion.AP_NORTHEAST_1, 3)));
        }
    }

    @Test
    void weekendTrafficIsLowerThanWeekdayTraffic() {
        for (FleetRegion region : FleetRegion.values()) {
            int users = fleet.indexOf(RegionKeys.region(RegionMetric.ACTIVE_USERS, region));
            for (int hour : new int[] {3, 10, 15, 20}) {
                double weekday = fleet.value(users, localHour(WEDNESDAY, region, hour));
                double saturday = fleet.value(users, localHour(SATURDAY, region, hour));
                double sunday = fleet.value(users, localHour(SATURDAY.plusSeconds(86_400), region, hour));
                assertThat(saturday).as("%s %d:00", region.id(), hour).isLessThan(0.85 * weekday);
                assertThat(sunday).as("%s %d:00", region.id(), hour).isLessThan(0.85 * weekday);
            }
        }
    }

    @Test
    void valuesChangeSmoothlyFromSecondToSecond() {
        int cpu = fleet.hostSeriesIndex(FleetRegion.EU_CENTRAL_1, 3, HostMetric.CPU_UTILIZATION);
        long t0 = localHour(WEDNESDAY, FleetRegion.EU_CENTRAL_1, 12);
        double previous = fleet.value(cpu, t0);
        double distinct = 0;
        for (int s = 1; s <= 600; s++) {
            double v = fleet.value(cpu, t0 + s * 1000L);
            assertThat(Math.abs(v - previous)).isLessThan(0.01);
            distinct += v != previous ? 1 : 0;
            previous = v;
        }
        assertThat(distinct).as("the series is not constant").isGreaterThan(100);
    }

    @Test
    void weekendnessRampsAcrossMidnightWithoutSteps() {
        assertThat(TrafficCurve.weekendness(2 * 1440)).isZero();
        assertThat(TrafficCurve.weekendness(5 * 1440)).isEqualTo(0.5);
        assertThat(TrafficCurve.weekendness(6 * 1440)).isEqualTo(1);
        assertThat(TrafficCurve.weekendness(0)).isEqualTo(0.5);
        for (int m = 1; m < 7 * 1440; m++) {
            assertThat(Math.abs(TrafficCurve.weekendness(m) - TrafficCurve.weekendness(m - 1))).isLessThan(0.01);
        }
    }
}
