package io.pharos.engine.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pharos.engine.fleet.HostMetric;
import io.pharos.engine.model.SeriesKey;
import io.pharos.engine.query.QueryService;
import io.pharos.engine.store.Appender;
import io.pharos.engine.store.StoreOptions;
import io.pharos.engine.store.TimeSeriesStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Capacity headroom over a 15-minute live range (120 steps of 7.5 s) with the sample layouts a
 * running console has: hosts sampled less often than a step, at offsets of their own, a local host
 * without a region sampled at another interval, hosts that stopped reporting, and a last timestamp
 * only part of the fleet has reached yet. Every host's CPU is constant, so the busiest step's mean
 * over the hosts is the plain mean of the hosts reporting.
 */
class CapacityHeadroomTest {
    static final String CPU = HostMetric.CPU_UTILIZATION.metricName();
    static final long SECOND = 1_000;
    static final long MINUTE = 60 * SECOND;
    /** The end of the range: "now", not aligned to any sample interval. */
    static final long TO = Instant.parse("2026-11-24T15:00:00Z").toEpochMilli() + 4_321;
    static final long FROM = TO - 15 * MINUTE;
    /** Data starts on a whole minute about an hour before the range, as in a console running a while. */
    static final long START = (FROM - 60 * MINUTE) / MINUTE * MINUTE;
    static final int HOSTS = 20;

    @TempDir
    Path dir;
    TimeSeriesStore store;
    DashboardService service;

    @BeforeEach
    void open() {
        store = TimeSeriesStore.open(dir, StoreOptions.defaults()
                .withRetention(Duration.ofDays(36_500), Duration.ofDays(36_500)));
        service = new DashboardService(new QueryService(store), IncidentSource.NOT_TRACKED);
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** us-east-1 hosts run at 0.50..0.69, eu-west-1 hosts at 0.30..0.49: means 0.595 and 0.395. */
    static double cpu(String region, int host) {
        return (region.equals("us-east-1") ? 0.50 : 0.30) + host * 0.01;
    }

    static SeriesKey host(String region, int host) {
        return SeriesKey.of(CPU, "region", region, "host", region + "-" + host, "source", "simulated");
    }

    static double regionMean(String region) {
        double sum = 0;
        for (int h = 0; h < HOSTS; h++) {
            sum += cpu(region, h);
        }
        return sum / HOSTS;
    }

    @Test
    void aBusyConsoleMachineSampledMoreOftenDoesNotBecomeTheFleetsPeak() {
        // the console's layout: the fleet every 10 s, this machine every 5 s (no region) at 97 % CPU
        SeriesKey local = SeriesKey.of(CPU, "host", "console", "source", "local");
        Appender app = store.appender();
        for (long t = START; t < TO; t += 5 * SECOND) {
            app.append(local, t, 0.97);
            if (t % (10 * SECOND) == 0) {
                for (String r : List.of("us-east-1", "eu-west-1")) {
                    for (int h = 0; h < HOSTS; h++) {
                        app.append(host(r, h), t, cpu(r, h));
                    }
                }
            }
        }
        app.commit();

        ExecutiveSummary s = service.summarize(FROM, TO);
        double fleetSum = HOSTS * (regionMean("us-east-1") + regionMean("eu-west-1")) + 0.97;
        assertThat(s.cpuHeadroom().value().getAsDouble()).as("one host among 41, however busy")
                .isCloseTo(1 - fleetSum / (2 * HOSTS + 1), within(1e-6));
        assertThat(s.region("eu-west-1").orElseThrow().figures().cpuHeadroom().getAsDouble())
                .isCloseTo(1 - regionMean("eu-west-1"), within(1e-6));
    }

    @Test
    void hostsSampledAtOffsetsOfTheirOwnAllCountInEveryStep() {
        // every 15 s, each host at its own offset: a 7.5 s step holds about half of them
        Appender app = store.appender();
        for (long t = START; t < TO; t += SECOND) {
            for (String r : List.of("us-east-1", "eu-west-1")) {
                for (int h = 0; h < HOSTS; h++) {
                    long offset = (h * 1_237L + (r.equals("us-east-1") ? 0 : 611)) % 15_000 / 1_000 * 1_000;
                    if (t % 15_000 == offset) {
                        app.append(host(r, h), t, cpu(r, h));
                    }
                }
            }
        }
        app.commit();

        ExecutiveSummary s = service.summarize(FROM, TO);
        double mean = (regionMean("us-east-1") + regionMean("eu-west-1")) / 2;
        assertThat(s.cpuHeadroom().value().getAsDouble()).isCloseTo(1 - mean, within(1e-6));
        assertThat(s.region("us-east-1").orElseThrow().figures().cpuHeadroom().getAsDouble())
                .isCloseTo(1 - regionMean("us-east-1"), within(1e-6));
        assertThat(s.region("eu-west-1").orElseThrow().figures().cpuHeadroom().getAsDouble())
                .isCloseTo(1 - regionMean("eu-west-1"), within(1e-6));
    }

    @Test
    void hostsThatStoppedReportingBeforeTheRangeAreNotCounted() {
        // five more us-east-1 hosts reported until half an hour before the range, then were removed
        Appender app = store.appender();
        for (long t = START; t < TO; t += 10 * SECOND) {
            for (String r : List.of("us-east-1", "eu-west-1")) {
                for (int h = 0; h < HOSTS; h++) {
                    app.append(host(r, h), t, cpu(r, h));
                }
            }
            if (t < FROM - 30 * MINUTE) {
                for (int h = HOSTS; h < HOSTS + 5; h++) {
                    app.append(host("us-east-1", h), t, 0.9);
                }
            }
        }
        app.commit();

        ExecutiveSummary s = service.summarize(FROM, TO);
        assertThat(s.region("us-east-1").orElseThrow().figures().cpuHeadroom().getAsDouble())
                .isCloseTo(1 - regionMean("us-east-1"), within(1e-6));
        assertThat(s.cpuHeadroom().value().getAsDouble())
                .isCloseTo(1 - (regionMean("us-east-1") + regionMean("eu-west-1")) / 2, within(1e-6));
    }

    @Test
    void aLastTimestampOnlyPartOfTheFleetHasReachedDoesNotMakeThePeak() {
        // every 10 s; the newest timestamp, alone in its step, holds only us-east-1 so far, the busier region
        long last = (TO - 1) / (10 * SECOND) * (10 * SECOND);
        Appender app = store.appender();
        for (long t = START; t <= last; t += 10 * SECOND) {
            for (String r : List.of("us-east-1", "eu-west-1")) {
                if (t == last && r.equals("eu-west-1")) {
                    continue;
                }
                for (int h = 0; h < HOSTS; h++) {
                    app.append(host(r, h), t, cpu(r, h));
                }
            }
        }
        app.commit();

        ExecutiveSummary s = service.summarize(FROM, TO);
        assertThat(s.cpuHeadroom().value().getAsDouble())
                .isCloseTo(1 - (regionMean("us-east-1") + regionMean("eu-west-1")) / 2, within(1e-6));
    }
}
