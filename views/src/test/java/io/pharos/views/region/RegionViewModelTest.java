package io.pharos.views.region;

import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.engine.dashboard.Health;
import io.pharos.engine.fleet.FleetAdjustment;
import io.pharos.engine.fleet.FleetRegion;
import io.pharos.engine.fleet.FleetService;
import io.pharos.engine.fleet.HostMetric;
import io.pharos.engine.PharosEngine;
import io.pharos.engine.store.StoreOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The regional dashboard's state, without a window, over a real engine filled with the reference fleet. */
class RegionViewModelTest {
    private static final long END = RegionFleet.END.toEpochMilli();
    private static final long LAST_STEP = END - 15_000;
    @TempDir
    static Path dir;
    static RegionFleet fleet;

    @BeforeAll
    static void fill() throws InterruptedException {
        fleet = new RegionFleet(dir.resolve("fleet"));
    }

    @AfterAll
    static void close() {
        fleet.close();
    }

    private static RegionViewModel model() {
        return RegionFleet.model(fleet.engine, RegionFleet.END, List.of());
    }

    private static RegionViewModel showing(String region) {
        RegionViewModel m = model();
        m.refresh();
        m.regionProperty().set(region);
        return m;
    }

    @Test
    void theFirstRefreshShowsTheLeastHealthyRegionAndPickingAnotherShowsThatOne() {
        RegionViewModel m = model();
        m.refresh();
        assertThat(m.regions()).extracting(RegionViewModel.RegionChoice::region).containsExactly("ap-northeast-1",
                "ap-southeast-1", "eu-central-1", "eu-west-1", "us-east-1", "us-west-1");
        assertThat(m.regionProperty().get()).as("the one in an outage").isEqualTo("eu-west-1");
        assertThat(m.hosts().all()).allSatisfy(r -> assertThat(r.host()).contains("eu-west-1"));

        m.regionProperty().set("us-east-1");
        assertThat(m.stateProperty().get()).isEqualTo(RegionViewModel.State.READY);
        assertThat(m.healthProperty().get()).isEqualTo(Health.HEALTHY);
        assertThat(m.overviewProperty().get().provider()).isEqualTo("aws");
        assertThat(m.hosts().all()).hasSize(RegionFleet.HOSTS)
                .allSatisfy(r -> assertThat(r.host()).contains("us-east-1"));
        assertThat(m.chartsProperty().get()).extracting(ChartData::title).containsExactly("Latency", "Requests",
                "Errors", "CPU", "Memory", "Traffic share");
        assertThat(m.chartsProperty().get()).allSatisfy(c -> assertThat(c.hasData()).as(c.title()).isTrue());
        assertThat(m.simulatedProperty().get()).as("the reference fleet is simulated").isTrue();

        m.stepRegion(1);
        assertThat(m.regionProperty().get()).isEqualTo("us-west-1");
        m.stepRegion(1);
        assertThat(m.regionProperty().get()).as("wraps around").isEqualTo("ap-northeast-1");
        m.stepRegion(-1);
        assertThat(m.regionProperty().get()).isEqualTo("us-west-1");
        assertThat(m.hosts().all()).allSatisfy(r -> assertThat(r.host()).contains("us-west-1"));
    }

    @Test
    void theRegionInAnOutageIsUnhealthyAndSaysWhy() {
        RegionViewModel m = showing("eu-west-1");
        assertThat(m.healthProperty().get()).isEqualTo(Health.UNHEALTHY);
        assertThat(m.reasonsProperty().get()).startsWith("success rate").contains("< 0.95");
        assertThat(m.regions()).filteredOn(c -> !c.region().equals("eu-west-1"))
                .allSatisfy(c -> assertThat(c.health()).as(c.region()).isEqualTo(Health.HEALTHY));
        ChartData errors = m.chartsProperty().get().get(2);
        double[] v = errors.lines().getFirst().series().values();
        double last = Arrays.stream(v).filter(x -> !Double.isNaN(x)).reduce((a, b) -> b).orElseThrow();
        double first = Arrays.stream(v).filter(x -> !Double.isNaN(x)).findFirst().orElseThrow();
        assertThat(last).as("errors during the outage").isGreaterThan(0.5);
        assertThat(first).as("errors before it").isLessThan(0.05);
    }

    @Test
    void theTrafficShareIsTheRegionsPartOfAllRequests() {
        RegionViewModel m = model();
        m.refresh();
        double sum = 0;
        for (var c : m.regions()) {
            m.regionProperty().set(c.region());
            String share = m.overviewProperty().get().trafficShare();
            assertThat(share).endsWith("%");
            sum += Double.parseDouble(share.replace(" %", ""));
        }
        assertThat(sum).as("the shares of all regions add up to all requests").isCloseTo(100, org.assertj.core.data.Offset.offset(0.5));
    }

    @Test
    void searchFilterAndSortNarrowAndOrderTheHostTable() {
        RegionViewModel m = showing("us-east-1");
        HostListModel hosts = m.hosts();
        int checkout = fleet.fleet.hostCount(FleetService.CHECKOUT);

        hosts.searchProperty().set("CHECKOUT");
        assertThat(hosts.shown()).hasSize(checkout).allSatisfy(r -> assertThat(r.service()).isEqualTo("checkout"));

        String one = hosts.all().get(7).host();
        hosts.searchProperty().set(one);
        assertThat(hosts.shown()).extracting(HostRow::host).containsExactly(one);

        hosts.searchProperty().set("");
        hosts.filterProperty().set(HostFilter.HOT);
        List<String> hot = hosts.all().stream().map(HostRow::host).filter(h ->
                fleet.value(FleetRegion.US_EAST_1, h, HostMetric.CPU_UTILIZATION, LAST_STEP) > 0.80
                        || fleet.value(FleetRegion.US_EAST_1, h, HostMetric.MEMORY_UTILIZATION, LAST_STEP) > 0.85)
                .toList();
        assertThat(hot).as("the leaking search hosts run hot").isNotEmpty().hasSizeLessThan(RegionFleet.HOSTS);
        assertThat(hosts.shown()).extracting(HostRow::host).containsExactlyInAnyOrderElementsOf(hot);

        hosts.filterProperty().set(HostFilter.ALL);
        hosts.comparatorProperty().set(HostRow.BY_MEMORY.reversed());
        assertThat(hosts.shown()).hasSize(RegionFleet.HOSTS);
        assertThat(hosts.shown()).extracting(HostRow::memory).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(hosts.shown().getFirst().service()).as("the leak makes search the fullest").isEqualTo("search");
    }

    @Test
    void aRefreshUpdatesTheSameRowsInPlace() {
        RegionViewModel m = showing("us-east-1");
        HostRow before = m.hosts().row(m.hosts().all().getFirst().host());
        m.refresh();
        assertThat(m.hosts().row(before.host())).isSameAs(before);
        assertThat(m.hosts().all()).hasSize(RegionFleet.HOSTS);
    }

    @Test
    void theHostDetailShowsThatHostsFigures() {
        RegionViewModel m = showing("eu-central-1");
        String host = m.hosts().all().get(3).host();
        m.openDetail(host);
        HostDetail d = m.detailProperty().get();
        assertThat(d.host()).isEqualTo(host);
        assertThat(d.region()).isEqualTo("eu-central-1");
        assertThat(d.provider()).isEqualTo("azure");
        assertThat(d.simulated()).isTrue();
        assertThat(d.figures()).hasSize(HostMetric.values().length);
        assertThat(d.figure("node_cpu_utilization_ratio")).isEqualTo(ChartData.Unit.RATIO.format(
                fleet.value(FleetRegion.EU_CENTRAL_1, host, HostMetric.CPU_UTILIZATION, LAST_STEP)));
        assertThat(d.figure("host_cost_dollars_per_hour")).isEqualTo(ChartData.Unit.DOLLARS_PER_HOUR.format(
                fleet.value(FleetRegion.EU_CENTRAL_1, host, HostMetric.COST, LAST_STEP))).matches("\\$0\\.\\d\\d/h");
        assertThat(d.lastSampleMs()).isEqualTo(LAST_STEP);
        assertThat(d.charts()).allSatisfy(c -> assertThat(c.hasData()).isTrue());

        m.regionProperty().set("us-west-1");
        assertThat(m.detailProperty().get()).as("another region closes the detail").isNull();
    }

    @Test
    void scalingAndFailOversAreEventsAndTheLoadBalancerWeight() {
        long at = END - 10 * 60_000;
        List<FleetAdjustment> adjustments = List.of(
                new FleetAdjustment.AddHosts(FleetRegion.EU_WEST_1, FleetService.CHECKOUT, 4, at),
                new FleetAdjustment.FailOver(FleetRegion.EU_WEST_1, FleetRegion.EU_CENTRAL_1, 0.6, at + 60_000));
        RegionViewModel m = RegionFleet.model(fleet.engine, RegionFleet.END, adjustments);
        m.refresh();
        m.regionProperty().set("eu-west-1");
        assertThat(m.events()).extracting(RegionEvent::text).containsExactly(
                "failed 60 % of its traffic over to eu-central-1", "+4 hosts of checkout");
        assertThat(m.overviewProperty().get().weight()).isEqualTo("40 % (60 % to eu-central-1)");
        m.regionProperty().set("eu-central-1");
        assertThat(m.overviewProperty().get().weight()).isEqualTo("100 % + 60 % of eu-west-1's");
        m.regionProperty().set("us-east-1");
        assertThat(m.events()).isEmpty();
    }

    @Test
    void whenDataStopsArrivingTheScreenSaysItsSourceMayBeDown() {
        RegionViewModel m = RegionFleet.model(fleet.engine, RegionFleet.END.plus(Duration.ofMinutes(10)), List.of());
        m.refresh();
        assertThat(m.stateProperty().get()).isEqualTo(RegionViewModel.State.SOURCE_DOWN);
        assertThat(m.stateMessageProperty().get()).as("every region is unknown without recent data: the first by name")
                .startsWith("No new data from ap-northeast-1 since 14:59:45 UTC");
    }

    @Test
    void anEmptyStoreShowsTheDesignedEmptyState(@TempDir Path empty) {
        try (PharosEngine engine = PharosEngine.open(empty, StoreOptions.defaults())) {
            RegionViewModel m = RegionFleet.model(engine, RegionFleet.END, List.of());
            assertThat(m.stateProperty().get()).isEqualTo(RegionViewModel.State.LOADING);
            m.refresh();
            assertThat(m.stateProperty().get()).isEqualTo(RegionViewModel.State.NO_DATA);
            assertThat(m.stateMessageProperty().get()).startsWith("No regional data yet in the range");
            assertThat(m.regions()).isEmpty();
            assertThat(m.hosts().all()).isEmpty();
            assertThat(m.regionProperty().get()).isNull();
        }
    }
}
