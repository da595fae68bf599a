package io.pharos.engine.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.pharos.engine.fleet.FleetRegion;
import io.pharos.engine.fleet.FleetService;
import io.pharos.engine.fleet.ReferenceFleet;
import io.pharos.engine.fleet.Scenario;
import io.pharos.engine.fleet.ScenarioKind;
import io.pharos.engine.model.Labels;
import io.pharos.engine.query.TimeSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongToDoubleFunction;
import org.junit.jupiter.api.Test;

class CapacityPlannerTest {
    private static final long DAY = 86_400_000L;
    private static final long STEP = 600_000L;
    private static final long T0 = Instant.parse("2025-03-03T00:00:00Z").toEpochMilli();
    private static final Labels EU = Labels.of("region", "eu-west-1");

    /** Usage peaking at 15:00 each day at {@code peak(day)}, 40 % lower at night, every 10 minutes. */
    private static TimeSeries usage(int days, LongToDoubleFunction peakOfDay) {
        double[] values = new double[(int) (days * DAY / STEP)];
        for (int i = 0; i < values.length; i++) {
            long t = T0 + i * STEP;
            double day = (t - T0) / (double) DAY;
            double shape = 0.8 + 0.2 * Math.cos(2 * Math.PI * (day - Math.floor(day) - 15 / 24.0));
            values[i] = peakOfDay.applyAsDouble((long) Math.floor(day)) * shape;
        }
        return new TimeSeries(EU, T0, STEP, values, values, values, false);
    }

    @Test
    void aSteadyGrowthRunsOutWhenItsLineReachesTheCapacity() {
        // peak 50 on day 0, +0.5 a day: 63.5 on day 27, the last one
        TimeSeries cpu = usage(28, day -> 50 + 0.5 * day);
        CapacityForecast f = CapacityPlanner.forecast("cpu", cpu, 100, 10, CapacityPlan.defaults());

        assertThat(f.days()).isEqualTo(28);
        assertThat(f.growthPerDay()).isCloseTo(0.5, offset(0.02));
        assertThat(f.currentPeak()).isCloseTo(63.75, offset(0.3)); // the line at the end of the data
        assertThat(f.timeToExhaustion()).hasValueSatisfying(d -> assertThat(d.toDays()).isBetween(71L, 74L));
        assertThat(f.timeToHeadroom()).hasValueSatisfying(d -> assertThat(d.toDays()).isBetween(31L, 34L));
        // +30 % gives 82.9, the trend 108.8 in 90 days: plan for the trend, 20 % free: 136 → 14 hosts of 10
        assertThat(f.peakAtTarget()).isCloseTo(82.9, offset(0.5));
        assertThat(f.peakAtTrend()).isCloseTo(108.8, offset(2.0));
        assertThat(f.neededUnits()).isEqualTo(14);
        assertThat(f.additionalUnits()).isEqualTo(4);
        assertThat(f.explanation()).contains("cpu {region=\"eu-west-1\"}", "reaches the capacity in 7", "add 4");
    }

    @Test
    void aFlatUsageNeverRunsOutAndIsPlannedForTheGrowthTarget() {
        TimeSeries memory = usage(14, day -> 40);
        CapacityForecast f = CapacityPlanner.forecast("memory", memory, 100, 5, CapacityPlan.defaults());
        assertThat(f.growthPerDay()).isCloseTo(0, offset(1e-9));
        assertThat(f.timeToExhaustion()).isEmpty();
        assertThat(f.timeToHeadroom()).isEmpty();
        // 40 × 1.3 / 0.8 = 65: 13 units of 5, 7 fewer than the 20 there are
        assertThat(f.neededCapacity()).isCloseTo(65, offset(0.1));
        assertThat(f.neededUnits()).isEqualTo(13);
        assertThat(f.additionalUnits()).isEqualTo(-7);
        assertThat(f.explanation()).contains("does not run out", "could remove 7");
    }

    @Test
    void exhaustedCapacityIsExhaustedNow() {
        CapacityForecast f = CapacityPlanner.forecast("requests", usage(7, day -> 120), 100, 10, CapacityPlan.defaults());
        assertThat(f.timeToExhaustion()).contains(Duration.ZERO);
        assertThat(f.timeToHeadroom()).contains(Duration.ZERO);
        assertThat(f.explanation()).contains("exhausted now");
    }

    @Test
    void withoutThreeDaysThereIsNoTrendButStillAPlan() {
        CapacityForecast f = CapacityPlanner.forecast("cpu", usage(2, day -> 30 + 10 * day), 100, 10,
                CapacityPlan.defaults().withGrowth(0.5, Duration.ofDays(30)).withHeadroom(0.25));
        assertThat(f.days()).isEqualTo(2);
        assertThat(f.growthPerDay()).isNaN();
        assertThat(f.currentPeak()).isCloseTo(40, offset(0.01));
        assertThat(f.timeToExhaustion()).isEmpty();
        // 40 × 1.5 / 0.75 = 80
        assertThat(f.neededUnits()).isEqualTo(8);
        assertThat(f.explanation()).contains("too little history");
    }

    @Test
    void daysWithoutEnoughDataAreLeftOut() {
        TimeSeries full = usage(10, day -> 50 + day);
        double[] gappy = full.values().clone();
        // day 4 has only a quarter of its points, and an outlier among them
        for (int i = (int) (4 * DAY / STEP); i < 5 * DAY / STEP; i++) {
            gappy[i] = i % 4 == 0 ? 500 : Double.NaN;
        }
        TimeSeries withGap = new TimeSeries(EU, T0, STEP, gappy, gappy, gappy, false);
        CapacityForecast f = CapacityPlanner.forecast("cpu", withGap, 100, 10, CapacityPlan.defaults());
        assertThat(f.days()).isEqualTo(9);
        assertThat(f.growthPerDay()).isCloseTo(1, offset(0.05));
    }

    @Test
    void rejectsNonsense() {
        TimeSeries u = usage(3, day -> 1);
        assertThatThrownBy(() -> CapacityPlanner.forecast("cpu", u, 0, 1, CapacityPlan.defaults()))
                .hasMessageContaining("must be positive");
        assertThatThrownBy(() -> CapacityPlan.defaults().withHeadroom(1)).hasMessageContaining("headroom");
        assertThatThrownBy(() -> CapacityPlan.defaults().withGrowth(-1, Duration.ofDays(1))).hasMessageContaining("growth");
        assertThatThrownBy(() -> new CapacityPlan(0.2, 0.3, Duration.ofDays(90), 0)).hasMessageContaining("quantile");
    }

    /**
     * Three weeks of the reference fleet (20 hosts per region, every 10 minutes) while eu-west-1's
     * traffic grows by 1.2 % of normal a day: per region and resource (CPU and memory in
     * host-equivalents against the host count, checkout requests against what its hosts serve).
     */
    @Test
    void findsTheGrowingRegionOfTheReferenceFleet() {
        int hosts = 20;
        ReferenceFleet fleet = new ReferenceFleet(42, hosts);
        long from = T0 - 21 * DAY;
        fleet.inject(new Scenario(ScenarioKind.TRAFFIC_GROWTH, Instant.ofEpochMilli(from), Duration.ofDays(40),
                FleetRegion.EU_WEST_1, null, 0.0005));
        int samples = (int) (21 * DAY / STEP);
        Map<String, double[]> cpu = new HashMap<>();
        Map<String, double[]> memory = new HashMap<>();
        Map<String, double[]> checkout = new HashMap<>();
        for (FleetRegion region : FleetRegion.values()) {
            double[] c = new double[samples];
            double[] m = new double[samples];
            for (int host = 0; host < hosts; host++) {
                int ci = fleet.hostSeriesIndex(region, host, io.pharos.engine.fleet.HostMetric.CPU_UTILIZATION);
                int mi = fleet.hostSeriesIndex(region, host, io.pharos.engine.fleet.HostMetric.MEMORY_UTILIZATION);
                for (int i = 0; i < samples; i++) {
                    c[i] += fleet.value(ci, from + i * STEP);
                    m[i] += fleet.value(mi, from + i * STEP);
                }
            }
            cpu.put(region.id(), c);
            memory.put(region.id(), m);
            double[] r = new double[samples];
            int ri = fleet.indexOf(io.pharos.engine.model.SeriesKey.of("region_requests_per_second", "region", region.id(),
                    "provider", region.provider().label(), "service", "checkout", "source", "simulated"));
            fleet.fill(ri, from, STEP, samples, r);
            checkout.put(region.id(), r);
        }
        CapacityPlan plan = CapacityPlan.defaults();
        List<CapacityForecast> cpuPlans = CapacityPlanner.forecastEach("cpu", byRegion(cpu, from), labels -> hosts, 1, plan);
        List<CapacityForecast> memoryPlans = CapacityPlanner.forecastEach("memory", byRegion(memory, from), labels -> hosts, 1, plan);
        double perHost = FleetService.CHECKOUT.requestCapacityPerHost();
        int checkoutHosts = fleet.hostCount(FleetService.CHECKOUT);
        List<CapacityForecast> requestPlans = CapacityPlanner.forecastEach("checkout requests", byRegion(checkout, from),
                labels -> checkoutHosts * perHost, perHost, plan);

        for (CapacityForecast f : cpuPlans) {
            boolean growing = f.group().get("region").equals("eu-west-1");
            if (growing) {
                // demand +1.2 %/day: the CPU peak (about 10 of 20 host-equivalents) grows about 0.1 a day
                assertThat(f.growthPerDay()).as(f.explanation()).isBetween(0.06, 0.2);
                assertThat(f.timeToExhaustion()).as(f.explanation()).hasValueSatisfying(d -> assertThat(d.toDays()).isBetween(20L, 120L));
                assertThat(f.additionalUnits()).as(f.explanation()).isPositive();
            } else {
                assertThat(Math.abs(f.growthPerDay())).as(f.explanation()).isLessThan(0.03);
                assertThat(f.timeToExhaustion().map(Duration::toDays).orElse(Long.MAX_VALUE)).as(f.explanation())
                        .isGreaterThan(365);
                assertThat(f.peakUtilisation()).as(f.explanation()).isBetween(0.4, 0.7);
                assertThat(f.additionalUnits()).as(f.explanation()).isNotPositive();
            }
        }
        CapacityForecast euMemory = memoryPlans.stream().filter(f -> f.group().get("region").equals("eu-west-1")).findFirst()
                .orElseThrow();
        assertThat(euMemory.growthPerDay()).as(euMemory.explanation()).isPositive();
        for (CapacityForecast f : requestPlans) {
            boolean growing = f.group().get("region").equals("eu-west-1");
            assertThat(f.peakUtilisation()).as(f.explanation()).isBetween(0.5, 1.0);
            assertThat(f.timeToHeadroom().isPresent() && f.timeToHeadroom().get().toDays() < 120).as(f.explanation())
                    .isEqualTo(growing);
        }
    }

    private static List<TimeSeries> byRegion(Map<String, double[]> values, long from) {
        List<TimeSeries> out = new ArrayList<>();
        values.keySet().stream().sorted().forEach(region -> {
            double[] v = values.get(region);
            out.add(new TimeSeries(Labels.of("region", region), from, STEP, v, v, v, false));
        });
        return out;
    }

    @Test
    void theoilSenIgnoresAnOutlierDay() {
        double[] x = {-4.5, -3.5, -2.5, -1.5, -0.5};
        double[] y = {10, 11, 100, 13, 14};
        assertThat(CapacityPlanner.theilSenSlope(x, y)).isCloseTo(1, offset(1e-9));
        assertThat(CapacityPlanner.median(new double[] {3, 1, 2, 4})).isEqualTo(2.5);
        assertThat(Arrays.stream(CapacityPlanner.dailyPeaks(new long[0], new double[0], T0, 0.99)[0]).count()).isZero();
    }
}
