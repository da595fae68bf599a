package io.pharos.engine.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pharos.engine.model.Matcher;
import io.pharos.engine.model.SeriesKey;
import io.pharos.engine.store.Appender;
import io.pharos.engine.store.SeriesRef;
import io.pharos.engine.store.StoreOptions;
import io.pharos.engine.store.TimeSeriesStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryServiceTest {
    private static final long T0 = 1_763_895_600_000L; // a whole hour
    @TempDir
    Path dir;
    private TimeSeriesStore store;
    private QueryService query;

    /** Host h of region r has CPU = r*0.1 + h*0.01 + minute*0.001 at every second of one hour. */
    @BeforeEach
    void fill() {
        store = TimeSeriesStore.open(dir, StoreOptions.defaults().withCompaction(Duration.ZERO, Duration.ofMinutes(1)));
        query = new QueryService(store);
        Appender app = store.appender();
        for (int s = 0; s < 3600; s++) {
            long ts = T0 + s * 1000L;
            for (int r = 0; r < 2; r++) {
                for (int h = 0; h < 5; h++) {
                    app.append(SeriesKey.of("cpu", "region", "r" + r, "host", "h" + h, "source", "simulated"), ts,
                            r * 0.1 + h * 0.01 + (s / 60) * 0.001);
                }
            }
        }
        app.commit();
        store.compactBefore(T0 + 1_800_000L); // half on disk, half in memory: queries must not care
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void stepsAreWholeMinutesFromAMinuteAndWholeHoursFromHalfAnHour() {
        long hour = 3_600_000;
        assertThat(QueryService.stepFor(0, 15 * 60_000 - 1, 300)).as("15 min in 300 points").isEqualTo(3_000);
        assertThat(QueryService.stepFor(0, 10 * hour - 1, 120)).as("10 h in 120 points").isEqualTo(5 * 60_000);
        assertThat(QueryService.stepFor(0, 7 * 24 * hour - 1, 120)).as("7 days: 84 min, made 2 h").isEqualTo(2 * hour);
        assertThat(QueryService.stepFor(0, 30 * 24 * hour - 1, 120)).as("30 days").isEqualTo(6 * hour);
        assertThat(QueryService.stepFor(0, 30 * 24 * hour - 1, 800)).as("30 days, 54 min made 1 h").isEqualTo(hour);
    }

    @Test
    void averagesReadIntoOneScratchAreEachSeriesOwn() {
        QueryService.Scratch scratch = new QueryService.Scratch();
        List<SeriesRef> hosts = store.select(List.of(Matcher.metric("cpu")));
        assertThat(hosts).hasSize(10);
        // from half-way through a step, over the disk and the head: the grid and both halves as chartAtStep
        long from = T0 + 1_234_567L;
        double[] previous = null;
        for (SeriesRef host : hosts) {
            double[] fresh = query.chartAtStep(host, from, T0 + 3_599_999L, 60_000).values();
            double[] reused = query.averagesAtStep(host, from, T0 + 3_599_999L, 60_000, scratch);
            assertThat(reused).as(host.key().toString()).containsExactly(fresh);
            if (previous != null) {
                assertThat(reused).as("the same array, refilled").isSameAs(previous);
            }
            previous = reused;
        }
    }

    @Test
    void averagesByRegionOverTime() {
        List<TimeSeries> byRegion = query.aggregate(List.of(Matcher.metric("cpu")), List.of("region"), Aggregation.AVG,
                T0, T0 + 3_599_999L, 60);
        assertThat(byRegion).hasSize(2);
        TimeSeries r1 = byRegion.get(1);
        assertThat(r1.labels().get("region")).isEqualTo("r1");
        assertThat(r1.stepMs()).isEqualTo(60_000);
        assertThat(r1.size()).isEqualTo(60);
        assertThat(r1.simulated()).isTrue();
        for (int i = 0; i < 60; i++) {
            assertThat(r1.values()[i]).isCloseTo(0.1 + 0.02 + i * 0.001, within(1e-9));
        }
    }

    @Test
    void chartKeepsTheEnvelopeAndLimitsPoints() {
        var ref = query.select(List.of(Matcher.eq("host", "h4"), Matcher.eq("region", "r0"))).getFirst();
        TimeSeries chart = query.chart(ref, T0, T0 + 3_599_999L, 1000);
        assertThat(chart.size()).isLessThanOrEqualTo(1000);
        assertThat(chart.stepMs()).isEqualTo(3_600);
        assertThat(chart.values()[0]).isCloseTo(0.04, within(1e-12));
        TimeSeries coarse = query.chart(ref, T0, T0 + 3_599_999L, 12);
        assertThat(coarse.stepMs()).isEqualTo(300_000);
        assertThat(coarse.min()[1]).isCloseTo(0.04 + 0.005, within(1e-12));
        assertThat(coarse.max()[1]).isCloseTo(0.04 + 0.009, within(1e-12));
    }

    @Test
    void latestAggregatesAndTopK() {
        var sums = query.aggregateLatest(List.of(Matcher.metric("cpu")), List.of("region"), Aggregation.SUM);
        assertThat(sums).hasSize(2);
        assertThat(sums.get(0).value()).isCloseTo(5 * 0.059 + 0.1, within(1e-9));
        var top = query.topK(3, List.of(Matcher.metric("cpu")));
        assertThat(top).extracting(v -> v.labels().get("host") + "/" + v.labels().get("region"))
                .containsExactly("h4/r1", "h3/r1", "h2/r1");
        var p50 = query.aggregateLatest(List.of(Matcher.metric("cpu")), List.of(), Aggregation.parse("p50"));
        assertThat(p50.getFirst().value()).isCloseTo(0.059 + 0.07, within(1e-9));
    }
}
