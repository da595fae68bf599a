package io.pharos.engine.fleet;

import static io.pharos.engine.fleet.FleetTestTimes.WEDNESDAY;
import static io.pharos.engine.fleet.FleetTestTimes.localHour;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pharos.engine.model.SeriesKey;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ReferenceFleetTest {
    private static final ReferenceFleet DEFAULT_FLEET = new ReferenceFleet(42);

    @Test
    void defaultFleetHas24000HostSeriesOf20MetricsPerHost() {
        ReferenceFleet fleet = DEFAULT_FLEET;
        assertThat(fleet.hostSeriesCount()).isEqualTo(6 * 200 * 20);
        List<SeriesKey> hostKeys = fleet.series().subList(0, fleet.hostSeriesCount());
        Map<String, Set<String>> metricsByHost = hostKeys.stream().collect(Collectors.groupingBy(
                k -> k.labels().get("region") + "/" + k.labels().get("host"),
                Collectors.mapping(SeriesKey::metric, Collectors.toSet())));
        assertThat(metricsByHost).hasSize(1200);
        assertThat(metricsByHost.values()).allSatisfy(metrics -> assertThat(metrics).hasSize(20));
        assertThat(new HashSet<>(fleet.series())).hasSize(fleet.size());
        assertThat(fleet.size() - fleet.hostSeriesCount()).isEqualTo(6 * (1 + 6 * 7 + 1 + 3));
    }

    @Test
    void everySeriesIsLabelledSimulatedWithRegionAndProvider() {
        assertThat(DEFAULT_FLEET.series()).allSatisfy(key -> {
            assertThat(key.simulated()).isTrue();
            FleetRegion region = FleetRegion.byId(key.labels().get("region"));
            assertThat(key.labels().get("provider")).isEqualTo(region.provider().label());
        });
        assertThat(DEFAULT_FLEET.series().subList(0, DEFAULT_FLEET.hostSeriesCount()))
                .allSatisfy(key -> assertThat(key.labels().names()).containsExactly(
                        "host", "provider", "region", "service", "source"));
    }

    @Test
    void regionsAndProvidersAreTheDocumentedOnesTwoRegionsPerProvider() {
        assertThat(Arrays.stream(FleetRegion.values()).map(FleetRegion::id)).containsExactly(
                "us-east-1", "us-west-1", "eu-west-1", "eu-central-1", "ap-southeast-1", "ap-northeast-1");
        Map<CloudProvider, Long> perProvider = Arrays.stream(FleetRegion.values())
                .collect(Collectors.groupingBy(FleetRegion::provider, Collectors.counting()));
        assertThat(perProvider).containsOnly(Map.entry(CloudProvider.AWS, 2L), Map.entry(CloudProvider.AZURE, 2L),
                Map.entry(CloudProvider.GCP, 2L));
    }

    @Test
    void hostsAreSplitAmongAllServices() {
        ReferenceFleet fleet = new ReferenceFleet(1, 50);
        int sum = 0;
        for (FleetService svc : FleetService.values()) {
            assertThat(fleet.hostCount(svc)).isPositive();
            sum += fleet.hostCount(svc);
        }
        assertThat(sum).isEqualTo(50);
        assertThat(fleet.hostSeriesCount()).isEqualTo(6 * 50 * 20);
        assertThatThrownBy(() -> new ReferenceFleet(1, 6)).hasMessageContaining("at least 7");
    }

    @Test
    void sameSeedGivesSameValuesAndAnotherSeedDifferent() {
        ReferenceFleet a = new ReferenceFleet(7, 10);
        ReferenceFleet b = new ReferenceFleet(7, 10);
        ReferenceFleet other = new ReferenceFleet(8, 10);
        int differing = 0;
        for (long t = WEDNESDAY.toEpochMilli(); t < WEDNESDAY.toEpochMilli() + 86_400_000L; t += 3_600_000L + 1234) {
            for (int i = 0; i < a.size(); i++) {
                assertThat(a.value(i, t)).as("%s at %d", a.key(i), t).isEqualTo(b.value(i, t));
                if (a.value(i, t) != other.value(i, t)) {
                    differing++;
                }
            }
        }
        // cost per host is a list price, the same whatever the seed; nearly everything else differs
        assertThat(differing).isGreaterThan(a.size() * 24 * 8 / 10);
    }

    @Test
    void fillGivesTheSameValuesAsValue() {
        ReferenceFleet fleet = new ReferenceFleet(3, 7);
        double[] out = new double[100];
        long first = WEDNESDAY.toEpochMilli() + 500;
        for (int i = 0; i < fleet.size(); i += 37) {
            fleet.fill(i, first, 15_000, 100, out);
            for (int k = 0; k < 100; k++) {
                assertThat(out[k]).isEqualTo(fleet.value(i, first + k * 15_000L));
            }
        }
    }

    @Test
    void valuesAreRoundedInRangeAndPercentilesOrdered() {
        ReferenceFleet fleet = new ReferenceFleet(5, 14);
        for (long t = WEDNESDAY.toEpochMilli(); t < WEDNESDAY.toEpochMilli() + 2 * 86_400_000L; t += 1_800_000L + 77) {
            for (int i = 0; i < fleet.hostSeriesCount(); i++) {
                HostMetric metric = HostMetric.values()[i % 20];
                double v = fleet.value(i, t);
                assertThat(v).as("%s", fleet.key(i)).isFinite().isGreaterThanOrEqualTo(0);
                assertThat(Math.abs(v * Math.pow(10, metric.decimals()) - Math.rint(v * Math.pow(10, metric.decimals()))))
                        .as("%s = %s has at most %d decimals", fleet.key(i), v, metric.decimals()).isLessThan(1e-6);
                if (metric.metricName().endsWith("_ratio")) {
                    assertThat(v).as("%s", fleet.key(i)).isLessThanOrEqualTo(1);
                }
            }
            for (int host = 0; host < 14; host++) {
                double p50 = fleet.value(fleet.hostSeriesIndex(FleetRegion.EU_WEST_1, host, HostMetric.LATENCY_P50), t);
                double p95 = fleet.value(fleet.hostSeriesIndex(FleetRegion.EU_WEST_1, host, HostMetric.LATENCY_P95), t);
                double p99 = fleet.value(fleet.hostSeriesIndex(FleetRegion.EU_WEST_1, host, HostMetric.LATENCY_P99), t);
                assertThat(p50).isPositive().isLessThan(p95);
                assertThat(p95).isLessThan(p99);
            }
        }
    }

    @Test
    void aNormalPeakTriggersNoDefaultAlertRule() {
        ReferenceFleet fleet = DEFAULT_FLEET;
        for (FleetRegion region : FleetRegion.values()) {
            for (double hour = 14; hour <= 16; hour += 0.25) {
                long t = localHour(WEDNESDAY, region, hour);
                for (int host = 0; host < fleet.hostsPerRegion(); host++) {
                    assertThat(fleet.value(fleet.hostSeriesIndex(region, host, HostMetric.CPU_UTILIZATION), t)).isLessThan(0.8);
                    assertThat(fleet.value(fleet.hostSeriesIndex(region, host, HostMetric.MEMORY_UTILIZATION), t)).isLessThan(0.85);
                    assertThat(fleet.value(fleet.hostSeriesIndex(region, host, HostMetric.LATENCY_P99), t)).isLessThan(0.2);
                    assertThat(fleet.value(fleet.hostSeriesIndex(region, host, HostMetric.SUCCESS), t)).isGreaterThan(0.99);
                }
            }
        }
    }

    @Test
    void successAndErrorRatioOfARegionAddUpToOne() {
        ReferenceFleet fleet = new ReferenceFleet(9, 7);
        for (FleetService svc : FleetService.values()) {
            int success = fleet.indexOf(RegionKeys.perService(RegionMetric.SUCCESS, FleetRegion.US_WEST_1, svc));
            int error = fleet.indexOf(RegionKeys.perService(RegionMetric.ERROR, FleetRegion.US_WEST_1, svc));
            for (long t = WEDNESDAY.toEpochMilli(); t < WEDNESDAY.toEpochMilli() + 86_400_000L; t += 3_600_000L) {
                assertThat(fleet.value(success, t) + fleet.value(error, t)).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-9));
            }
        }
    }
}
