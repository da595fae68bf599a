package io.pharos.views.region;

import io.pharos.engine.PharosEngine;
import io.pharos.engine.dashboard.DashboardService;
import io.pharos.engine.dashboard.IncidentSource;
import io.pharos.engine.fleet.FleetAdjustment;
import io.pharos.engine.fleet.FleetHistoryGenerator;
import io.pharos.engine.fleet.FleetRegion;
import io.pharos.engine.fleet.FleetService;
import io.pharos.engine.fleet.HistoryProgress;
import io.pharos.engine.fleet.ReferenceFleet;
import io.pharos.engine.fleet.Scenario;
import io.pharos.engine.store.HistoryWriter;
import io.pharos.engine.store.StoreOptions;
import io.pharos.views.common.CurrentThreadTaskExecutor;
import io.pharos.views.shell.TimeRange;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A real engine on a temporary store with three hours of the reference fleet (30 hosts a region, 15 s
 * steps): eu-west-1 in an outage for the last 30 minutes, search leaking memory everywhere.
 */
final class RegionFleet implements AutoCloseable {
    /** A Tuesday afternoon in Europe: the fleet is a pure function of time, so every run sees the same. */
    static final Instant END = Instant.parse("2026-11-24T15:00:00Z");
    static final Instant OUTAGE = END.minus(Duration.ofMinutes(30));
    static final int HOSTS = 30;

    final ReferenceFleet fleet = new ReferenceFleet(7, HOSTS);
    final PharosEngine engine;

    RegionFleet(Path dir) throws InterruptedException {
        fleet.inject(Scenario.regionOutage(FleetRegion.EU_WEST_1, OUTAGE, Duration.ofHours(2)));
        fleet.inject(Scenario.memoryLeak(FleetService.SEARCH, END.minus(Duration.ofHours(3)), Duration.ofHours(4))
                .withMagnitude(0.15));
        // retention follows the wall clock: keep this history whatever the day the test runs
        engine = PharosEngine.open(dir, StoreOptions.defaults().withRetention(Duration.ofDays(36_500),
                Duration.ofDays(36_500)));
        try (HistoryWriter w = engine.store().historyWriter()) {
            new FleetHistoryGenerator(fleet, Duration.ofSeconds(15), Duration.ofHours(2), 1)
                    .generate(END.minus(Duration.ofHours(3)), END, w, HistoryProgress.NONE);
        }
    }

    /** A model over the last hour before {@link #END}, live, with a fixed clock and a same-thread executor. */
    static RegionViewModel model(PharosEngine engine, Instant now, List<FleetAdjustment> adjustments) {
        return new RegionViewModel(engine.query(), new DashboardService(engine.query(), IncidentSource.NOT_TRACKED),
                engine::status, () -> adjustments, new CurrentThreadTaskExecutor(),
                Clock.fixed(now, ZoneOffset.UTC), () -> TimeRange.last(Duration.ofHours(1)), () -> ZoneOffset.UTC,
                () -> "UTC");
    }

    /** The fleet's own value of a host metric at a time, computed without the store. */
    double value(FleetRegion region, String host, io.pharos.engine.fleet.HostMetric metric, long t) {
        for (int h = 0; h < HOSTS; h++) {
            int index = fleet.hostSeriesIndex(region, h, metric);
            if (host.equals(fleet.key(index).label("host"))) {
                return fleet.value(index, t);
            }
        }
        throw new IllegalArgumentException("no host " + host);
    }

    @Override
    public void close() {
        engine.close();
    }
}
