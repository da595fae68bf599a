package io.pharos.engine.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pharos.engine.fleet.FleetHistoryGenerator;
import io.pharos.engine.fleet.FleetRegion;
import io.pharos.engine.fleet.HistoryProgress;
import io.pharos.engine.fleet.HostMetric;
import io.pharos.engine.fleet.ReferenceFleet;
import io.pharos.engine.fleet.RegionMetric;
import io.pharos.engine.fleet.Scenario;
import io.pharos.engine.incident.Incident;
import io.pharos.engine.incident.IncidentPolicy;
import io.pharos.engine.incident.IncidentService;
import io.pharos.engine.incident.IncidentStatus;
import io.pharos.engine.incident.Severity;
import io.pharos.engine.model.SeriesKey;
import io.pharos.engine.query.QueryService;
import io.pharos.engine.store.HistoryWriter;
import io.pharos.engine.store.StateStore;
import io.pharos.engine.store.StoreOptions;
import io.pharos.engine.store.TimeSeriesStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The executive summary over a real store holding four hours of the simulated reference fleet (seven
 * hosts a region), in which eu-west-1 goes down 20 minutes before the end; figures are checked
 * against the fleet's own values.
 */
class DashboardServiceTest {
    /** A Tuesday afternoon in Europe: the fleet is a pure function of time, so every run sees the same. */
    static final Instant END = Instant.parse("2026-11-24T15:00:00Z");
    static final Instant OUTAGE = END.minus(Duration.ofMinutes(20));
    static final long MINUTE = 60_000;
    static final long STEP = 15_000;

    @TempDir
    static Path dir;
    static ReferenceFleet fleet;
    static TimeSeriesStore store;
    static QueryService query;

    @BeforeAll
    static void fill() throws InterruptedException {
        fleet = new ReferenceFleet(7, 7);
        fleet.inject(Scenario.regionOutage(FleetRegion.EU_WEST_1, OUTAGE, Duration.ofHours(2)));
        // retention follows the wall clock: keep this history whatever the day the test runs
        store = TimeSeriesStore.open(dir.resolve("store"),
                StoreOptions.defaults().withRetention(Duration.ofDays(36_500), Duration.ofDays(36_500)));
        try (HistoryWriter w = store.historyWriter()) {
            new FleetHistoryGenerator(fleet, Duration.ofSeconds(15), Duration.ofHours(2), 1)
                    .generate(END.minus(Duration.ofHours(4)), END, w, HistoryProgress.NONE);
        }
        query = new QueryService(store);
    }

    @AfterAll
    static void close() {
        store.close();
    }

    private static DashboardService service(IncidentSource incidents) {
        return new DashboardService(query, incidents);
    }

    // ---- the fleet's own values, computed independently of the store ----

    /** Per series, the mean of its samples in [from, to); summed over the series the filter keeps. */
    private static double sumOfMeans(String metric, Predicate<SeriesKey> keep, long from, long to) {
        double sum = 0;
        for (int i = fleet.hostSeriesCount(); i < fleet.size(); i++) {
            SeriesKey key = fleet.key(i);
            if (key.metric().equals(metric) && keep.test(key)) {
                sum += mean(i, from, to);
            }
        }
        return sum;
    }

    private static double mean(int series, long from, long to) {
        double sum = 0;
        int n = 0;
        for (long t = from; t < to; t += STEP) {
            sum += fleet.value(series, t);
            n++;
        }
        return sum / n;
    }

    private static boolean userFacing(SeriesKey k) {
        return !k.label("service").matches("database|cache");
    }

    private static Incident incident(String id, Severity severity, IncidentStatus status, long created, long acked,
            long resolved, String... regions) {
        return new Incident(id, "test " + id, severity, status, null, "test", created, acked, 0, resolved, 0, null,
                List.of(), List.of(), List.of(regions), null, created, 0, "", 0);
    }

    @Test
    void regionsAloneAreTheRegionsOfTheSummary() {
        long to = END.toEpochMilli();
        long from = to - 60 * MINUTE;
        DashboardService service = service(List::of);
        List<RegionHealth> regions = service.regions(from, to);
        assertThat(regions).isEqualTo(service.summarize(from, to).regions());
        assertThat(regions).filteredOn(r -> r.region().equals("eu-west-1")).singleElement()
                .satisfies(r -> assertThat(r.health()).isEqualTo(Health.UNHEALTHY));
    }

    @Test
    void beforeTheOutageEveryRegionIsHealthyAndEveryFigureIsThere() {
        long to = OUTAGE.toEpochMilli();
        long from = to - 60 * MINUTE;
        ExecutiveSummary s = service(List::of).summarize(from, to);

        assertThat(s.simulated()).as("every series of the reference fleet is simulated").isTrue();
        assertThat(s.regions()).extracting(RegionHealth::region).containsExactly("ap-northeast-1", "ap-southeast-1",
                "eu-central-1", "eu-west-1", "us-east-1", "us-west-1");
        assertThat(s.regions()).allSatisfy(r -> {
            assertThat(r.health()).as(r.region() + ": " + r.reasons()).isEqualTo(Health.HEALTHY);
            assertThat(r.simulated()).isTrue();
            assertThat(r.figures().requestsPerSecond()).isPresent();
            assertThat(r.figures().revenuePerMinute()).isPresent();
            assertThat(r.figures().costPerHour()).isPresent();
            assertThat(r.figures().cpuHeadroom()).isPresent();
        });
        assertThat(s.region("us-east-1").orElseThrow().provider()).isEqualTo("aws");
        for (Kpi k : List.of(s.availability(), s.errorBudgetRemaining(), s.activeUsers(), s.requestsPerSecond(),
                s.latencyP95(), s.latencyP99(), s.errorRate(), s.revenuePerMinute(), s.revenueAtRisk(), s.costPerHour(),
                s.monthlyRunRate(), s.cpuHeadroom(), s.openIncidents())) {
            assertThat(k.value()).as(k.id() + " " + k.reason()).isPresent();
            assertThat(k.previous()).as(k.id() + " " + k.previousReason()).isPresent();
        }
        assertThat(s.availability().value().getAsDouble()).as("a normal hour is within the 99.99 % objective")
                .isGreaterThan(0.9999);
        assertThat(s.openIncidents().value()).hasValue(0);
        assertThat(s.revenueAtRisk().value()).hasValue(0);
        assertThat(s.meanTimeToResolve().reason()).hasValue("no incident started in the period");
    }

    @Test
    void figuresNowAreTheFleetsOwnOverTheLastFiveMinutes() {
        long to = OUTAGE.toEpochMilli();
        long from = to - 60 * MINUTE;
        ExecutiveSummary s = service(List::of).summarize(from, to);
        long nowFrom = to - 5 * MINUTE;
        long beforeFrom = from - 5 * MINUTE;

        assertThat(s.activeUsers().value().getAsDouble()).isCloseTo(
                sumOfMeans(RegionMetric.ACTIVE_USERS.metricName(), k -> true, nowFrom, to), within(1e-6));
        assertThat(s.activeUsers().previous().getAsDouble()).isCloseTo(
                sumOfMeans(RegionMetric.ACTIVE_USERS.metricName(), k -> true, beforeFrom, from), within(1e-6));
        assertThat(s.requestsPerSecond().value().getAsDouble()).as("user-facing services only").isCloseTo(
                sumOfMeans(RegionMetric.REQUESTS.metricName(), DashboardServiceTest::userFacing, nowFrom, to),
                within(1e-6));
        assertThat(s.revenuePerMinute().value().getAsDouble()).isCloseTo(
                sumOfMeans(RegionMetric.REVENUE.metricName(), k -> true, nowFrom, to), within(1e-6));
        double cost = sumOfMeans(RegionMetric.COST.metricName(), k -> true, nowFrom, to);
        assertThat(s.costPerHour().value().getAsDouble()).isCloseTo(cost, within(1e-6));
        assertThat(s.monthlyRunRate().value().getAsDouble()).isCloseTo(cost * 730.5, within(1e-3));
        assertThat(s.latencyP99().value().getAsDouble()).isGreaterThan(s.latencyP95().value().getAsDouble());
        assertThat(s.activeUsers().basis()).isEqualTo(Basis.END_OF_RANGE);
        // afternoon traffic in Europe still grows at 14:40 UTC: more users than an hour before
        assertThat(s.activeUsers().trend()).isEqualTo(Trend.BETTER);
    }

    @Test
    void headroomIsTheCpuLeftAtTheBusiestStep() {
        long to = OUTAGE.toEpochMilli() - 40 * MINUTE;
        long from = to - 60 * MINUTE;
        // one step over the hour (steps of hours lie on whole hours, as this hour does): its peak is the
        // hour's mean utilisation over every host
        DashboardService one = new DashboardService(query, List::of, DashboardConfig.DEFAULTS.withPoints(1));
        ExecutiveSummary s = one.summarize(from, to);
        double sum = 0;
        int hosts = 0;
        for (FleetRegion r : FleetRegion.values()) {
            for (int h = 0; h < fleet.hostsPerRegion(); h++) {
                sum += mean(fleet.hostSeriesIndex(r, h, HostMetric.CPU_UTILIZATION), from, to);
                hosts++;
            }
        }
        assertThat(s.cpuHeadroom().value().getAsDouble()).isCloseTo(1 - sum / hosts, within(1e-9));
        double usEast = 0;
        for (int h = 0; h < fleet.hostsPerRegion(); h++) {
            usEast += mean(fleet.hostSeriesIndex(FleetRegion.US_EAST_1, h, HostMetric.CPU_UTILIZATION), from, to);
        }
        assertThat(s.region("us-east-1").orElseThrow().figures().cpuHeadroom().getAsDouble())
                .isCloseTo(1 - usEast / fleet.hostsPerRegion(), within(1e-9));
        // with finer steps the busiest step is at least as busy as the mean
        double fine = service(List::of).summarize(from, to).cpuHeadroom().value().getAsDouble();
        assertThat(fine).isLessThanOrEqualTo(s.cpuHeadroom().value().getAsDouble());
    }

    @Test
    void anOutageMakesItsRegionUnhealthyForLowSuccessAndAvailabilityDrop() {
        long to = END.toEpochMilli();
        ExecutiveSummary s = service(List::of).summarize(to - 60 * MINUTE, to);

        RegionHealth eu = s.region("eu-west-1").orElseThrow();
        assertThat(eu.health()).isEqualTo(Health.UNHEALTHY);
        assertThat(eu.reasons()).anySatisfy(r -> assertThat(r).matches("success rate 0\\.\\d+ < 0\\.95"));
        assertThat(eu.figures().successRatio().getAsDouble()).isLessThan(0.95);
        assertThat(eu.figures().errorRatio().getAsDouble()).isGreaterThan(0.05);
        assertThat(s.regions()).filteredOn(r -> !r.region().equals("eu-west-1"))
                .allSatisfy(r -> assertThat(r.health()).as(r.region() + ": " + r.reasons()).isEqualTo(Health.HEALTHY));

        assertThat(s.availability().value().getAsDouble()).isLessThan(0.9999);
        assertThat(s.availability().previous().getAsDouble()).isGreaterThan(0.9999);
        assertThat(s.availability().trend()).isEqualTo(Trend.WORSE);
        assertThat(s.errorRate().trend()).isEqualTo(Trend.WORSE);
        // twenty minutes of a region down spend far more than four hours' worth of budget
        assertThat(s.errorBudgetRemaining().value().getAsDouble()).isNegative();
        assertThat(s.errorBudgetRemaining().previous().getAsDouble()).isBetween(0.0, 1.0);
        assertThat(s.errorBudgetRemaining().note())
                .isEqualTo("the data covers at most 6 h of the 30 d window; the rest is assumed"
                        + " to run alike");
        assertThat(s.errorBudgetRemaining().caveat()).isEqualTo("from at most 6 h of data");
        assertThat(s.availability().caveat()).as("only what needs saying").isEmpty();
    }

    @Test
    void revenueAtRiskIsWhatTheRegionsOfOpenIncidentsEarnNow() {
        long to = END.toEpochMilli();
        long from = to - 60 * MINUTE;
        long started = OUTAGE.toEpochMilli() + MINUTE;
        List<Incident> incidents = List.of(
                incident("INC-1", Severity.SEV1, IncidentStatus.ACKNOWLEDGED, started, started + 4 * MINUTE, 0,
                        "eu-west-1"),
                incident("INC-2", Severity.SEV3, IncidentStatus.TRIGGERED, started + MINUTE, 0, 0, "eu-west-1"),
                // resolved before the end: not open, but counted for the mean times
                incident("INC-3", Severity.SEV2, IncidentStatus.RESOLVED, from + MINUTE, from + 3 * MINUTE,
                        from + 31 * MINUTE, "us-east-1"),
                // long before the range: neither open nor of the range
                incident("INC-0", Severity.SEV2, IncidentStatus.CLOSED, from - 300 * MINUTE, from - 299 * MINUTE,
                        from - 200 * MINUTE, "us-east-1"));
        ExecutiveSummary s = service(() -> incidents).summarize(from, to);

        double euRevenue = s.region("eu-west-1").orElseThrow().figures().revenuePerMinute().getAsDouble();
        assertThat(s.revenueAtRisk().value().getAsDouble()).as("eu-west-1 once, though two incidents name it")
                .isCloseTo(euRevenue, within(1e-9));
        assertThat(s.revenueAtRisk().note()).contains("eu-west-1");
        assertThat(s.revenueAtRisk().previous()).hasValue(0);
        assertThat(s.revenueAtRisk().trend()).isEqualTo(Trend.WORSE);
        assertThat(s.openIncidents().value()).hasValue(2);
        assertThat(s.openIncidents().previous()).hasValue(0);
        assertThat(s.openBySeverity()).containsEntry(Severity.SEV1, 1).containsEntry(Severity.SEV3, 1)
                .containsEntry(Severity.SEV2, 0).containsEntry(Severity.SEV4, 0);
        // acknowledged after 4 and 2 minutes; INC-2 not yet
        assertThat(s.meanTimeToAcknowledge().value().getAsDouble()).isCloseTo(180, within(1e-9));
        assertThat(s.meanTimeToAcknowledge().note()).isEqualTo("2 of 3 incidents acknowledged so far; the others are"
                + " not counted");
        assertThat(s.meanTimeToResolve().value().getAsDouble()).isCloseTo(30 * 60, within(1e-9));
        assertThat(s.meanTimeToResolve().previousReason()).hasValue("no incident started in the period");
    }

    @Test
    void incidentsComeFromARealIncidentServiceToo() {
        long to = END.toEpochMilli();
        AtomicLong now = new AtomicLong(OUTAGE.toEpochMilli() + MINUTE);
        InstantSource clock = () -> Instant.ofEpochMilli(now.get());
        try (StateStore state = StateStore.open(dir.resolve("state"))) {
            IncidentService incidents = new IncidentService(state, clock, IncidentPolicy.defaults());
            Incident inc = incidents.create("eu-west-1 is down", Severity.SEV1, "alice");
            incidents.setRegions(inc.id(), List.of("eu-west-1"), "alice");
            now.addAndGet(6 * MINUTE);
            incidents.acknowledge(inc.id(), "alice");

            ExecutiveSummary s = service(incidents::list).summarize(to - 60 * MINUTE, to);
            assertThat(s.openIncidents().value()).hasValue(1);
            assertThat(s.openBySeverity()).containsEntry(Severity.SEV1, 1);
            assertThat(s.meanTimeToAcknowledge().value()).hasValue(360);
            assertThat(s.revenueAtRisk().value().getAsDouble()).isCloseTo(
                    s.region("eu-west-1").orElseThrow().figures().revenuePerMinute().getAsDouble(), within(1e-9));
        }
    }

    @Test
    void anEmptyStoreGivesEveryFigureUnavailableWithAReason(@TempDir Path empty) {
        try (TimeSeriesStore nothing = TimeSeriesStore.open(empty, StoreOptions.defaults())) {
            DashboardService service = new DashboardService(new QueryService(nothing), IncidentSource.NOT_TRACKED);
            ExecutiveSummary s = service.summarize(END.minus(Duration.ofDays(7)), END);
            assertThat(s.simulated()).isFalse();
            assertThat(s.regions()).isEmpty();
            assertThat(s.openBySeverity()).isEmpty();
            assertThat(s.kpis()).hasSize(15).allSatisfy(k -> {
                assertThat(k.value()).as(k.id()).isEmpty();
                assertThat(k.reason()).as(k.id()).isPresent();
                assertThat(k.previous()).as(k.id()).isEmpty();
                assertThat(k.trend()).isEqualTo(Trend.UNKNOWN);
            });
            assertThat(s.availability().reason()).hasValue("no region_success_ratio data in the range");
            assertThat(s.activeUsers().reason()).hasValue("no region_active_users data in the 5 min before the end of"
                    + " the range");
            assertThat(s.cpuHeadroom().reason()).hasValue("no node_cpu_utilization_ratio data in the range");
            assertThat(s.errorBudgetRemaining().reason()).hasValue("no region_success_ratio data in the 30 d window up"
                    + " to the end of the range");
            assertThat(s.openIncidents().reason()).hasValue("incidents are not tracked");
            assertThat(s.revenueAtRisk().reason()).hasValue("incidents are not tracked");
        }
    }

    @Test
    void aScopeKeepsSimulatedSeriesOut() {
        long to = END.toEpochMilli();
        DashboardService real = new DashboardService(query, List::of, DashboardConfig.DEFAULTS.withScope(
                List.of(io.pharos.engine.model.Matcher.neq(SeriesKey.SOURCE_LABEL, SeriesKey.SIMULATED))));
        ExecutiveSummary s = real.summarize(to - 60 * MINUTE, to);
        assertThat(s.simulated()).isFalse();
        assertThat(s.regions()).isEmpty();
        assertThat(s.requestsPerSecond().value()).isEmpty();
    }
}
