package io.pharos.engine.store;

import static io.pharos.engine.store.TimeSeriesStoreTest.cpu;
import static io.pharos.engine.store.TimeSeriesStoreTest.manualCompaction;
import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.engine.model.SeriesKey;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How an export keeps a series of the store at a resolution: what a snapshot reader then gets back. */
class SnapshotSeriesPreparationTest {
    /** Three hours from a day boundary, plus 3.217 s: samples that sit on no round step. */
    private static final long T0 = 1_763_856_000_000L + 3_217;
    private static final long END = T0 + 3 * 3_600_000L - 10_000;

    @TempDir
    Path dir;
    private TimeSeriesStore store;

    private static double valueAt(long ts) {
        return Math.round(500 + 400 * Math.sin(ts / 600_000.0)) / 1000.0;
    }

    @BeforeEach
    void tenSecondHistory() {
        store = TimeSeriesStore.open(dir.resolve("data"), manualCompaction());
        try (HistoryWriter w = store.historyWriter()) {
            for (long ts = T0; ts <= END; ts += 10_000) {
                w.append(cpu("h1"), ts, valueAt(ts));
                w.append(cpu("gaps"), ts, ts == T0 + 600_000 ? Double.NaN : valueAt(ts));
            }
        }
    }

    @AfterEach
    void close() {
        store.close();
    }

    private SeriesSamples snapshotOf(SeriesKey key, long from, long to, long step, int[] copied) {
        Path file = dir.resolve("s-" + step + "-" + key.labels().get("host") + ".pharos");
        SnapshotSeries p = SnapshotSeries.fromStore(store, store.ref(key), from, to, step);
        copied[0] = p.copiedChunks();
        try (SnapshotFileWriter w = SnapshotFileWriter.create(file)) {
            w.add(p);
            w.content();
            w.commit("{}");
        }
        try (SnapshotFileReader r = SnapshotFileReader.open(file)) {
            List<SeriesRef> series = r.series();
            assertThat(series).extracting(SeriesRef::key).containsExactly(key);
            return r.read(series.get(0), Long.MIN_VALUE, Long.MAX_VALUE);
        }
    }

    @Test
    void oneSampleAStepKeepsTheSamplesAsStoredCopyingTheStoresWholeChunks() {
        int[] copied = new int[1];
        SeriesSamples got = snapshotOf(cpu("h1"), T0, END, 10_000, copied);
        SeriesSamples want = store.read(store.ref(cpu("h1")), T0, END);
        assertThat(got.size()).isEqualTo(want.size()).isEqualTo(3 * 360);
        for (int i = 0; i < want.size(); i++) {
            assertThat(got.timestamps()[i]).isEqualTo(want.timestamps()[i]);
            assertThat(got.values()[i]).isEqualTo(want.values()[i]);
        }
        // History is kept in two-hour blocks: both lie whole inside the range and are copied.
        assertThat(copied[0]).isEqualTo(2);
        // A range that cuts the first block: its part is encoded, the second block copied.
        SeriesSamples cut = snapshotOf(cpu("h1"), T0 + 3_600_000L, END, 10_000, copied);
        assertThat(copied[0]).isEqualTo(1);
        assertThat(cut.size()).isEqualTo(2 * 360);
        assertThat(cut.timestamps()[0]).isEqualTo(T0 + 3_600_000L);
    }

    @Test
    void rawIsEverySampleAsStored() {
        int[] copied = new int[1];
        SeriesSamples got = snapshotOf(cpu("gaps"), T0 + 1, END, 0, copied);
        SeriesSamples want = store.read(store.ref(cpu("gaps")), T0 + 1, END);
        assertThat(got.size()).isEqualTo(want.size()).isEqualTo(3 * 360 - 1);
        assertThat(got.values()).containsOnlyOnce(Double.NaN);
    }

    @Test
    void aStepHoldingSeveralSamplesKeepsTheirCountMinMaxAndSumAsTheConsoleReadsThem() {
        // 30 s from the samples; 60 s and 10 min through the store's downsample (from its minute
        // rollups where it has them; 10 s data has none, so from the samples, as the console reads).
        for (long step : new long[] {30_000, 60_000, 600_000}) {
            long from = Math.floorDiv(T0, step) * step;
            SnapshotSeries p = SnapshotSeries.fromStore(store, store.ref(cpu("h1")), from, END, step);
            assertThat(p.samples()).isZero();
            assertThat(p.buckets()).isEqualTo((END - from) / step + 1);
            Path file = dir.resolve("steps-" + step + ".pharos");
            try (SnapshotFileWriter w = SnapshotFileWriter.create(file)) {
                w.add(p);
                w.content();
                w.commit("{}");
            }
            try (SnapshotFileReader r = SnapshotFileReader.open(file)) {
                SeriesRef s = r.series().get(0);
                // The console's own step at this range, and a coarser one.
                for (long readStep : new long[] {step, 3 * step}) {
                    Downsampled got = r.downsample(s, from, END, readStep);
                    Downsampled want = store.downsample(store.ref(cpu("h1")), from, END, readStep);
                    assertThat(got.count()).as("step %d read at %d", step, readStep).isEqualTo(want.count());
                    assertThat(got.min()).isEqualTo(want.min());
                    assertThat(got.max()).isEqualTo(want.max());
                    for (int b = 0; b < want.buckets(); b++) {
                        assertThat(got.sum()[b]).isCloseTo(want.sum()[b], org.assertj.core.data.Offset.offset(1e-9));
                    }
                }
                SeriesSamples averages = r.read(s, Long.MIN_VALUE, Long.MAX_VALUE);
                Downsampled want = store.downsample(store.ref(cpu("h1")), from, END, step);
                assertThat(averages.size()).isEqualTo(want.buckets());
                assertThat(averages.timestamps()[1]).isEqualTo(want.bucketStart(1));
                assertThat(averages.values()[1]).isCloseTo(want.avg(1), org.assertj.core.data.Offset.offset(1e-12));
            }
        }
    }

    @Test
    void stepsOfWholeMinutesOverDenseDataAreTheStoresRollupsAsTheConsoleReadsThem() {
        // One sample a second: the store keeps minute rollups beside the raw chunks, and the console's
        // reads of whole minutes use them; so does the export, with the same figures.
        SeriesKey dense = SeriesKey.of("node_cpu_utilization_ratio", "host", "dense");
        long start = T0 - 3_217;
        try (HistoryWriter w = store.historyWriter()) {
            for (long ts = start; ts < start + 3_600_000L; ts += 1_000) {
                w.append(dense, ts, valueAt(ts));
            }
        }
        for (long step : new long[] {60_000, 300_000}) {
            SnapshotSeries p = SnapshotSeries.fromStore(store, store.ref(dense), start, start + 3_599_999L, step);
            Downsampled want = store.downsample(store.ref(dense), start, start + 3_599_999L, step);
            Rollup got = Rollup.decode(p.rollups().get(0).data());
            assertThat(got.size()).isEqualTo(want.buckets()).isEqualTo((int) (3_600_000L / step));
            for (int b = 0; b < want.buckets(); b++) {
                assertThat(got.bucketStart()[b]).isEqualTo(want.bucketStart(b));
                assertThat((long) got.count()[b]).isEqualTo(want.count()[b]).isEqualTo(step / 1_000);
                assertThat(got.min()[b]).isEqualTo(want.min()[b]);
                assertThat(got.max()[b]).isEqualTo(want.max()[b]);
                assertThat(got.sum()[b]).isEqualTo(want.sum()[b]);
            }
        }
    }

    @Test
    void decimalSamplesGiveExactDecimalSums() {
        // Added up as doubles, six values of three decimals leave binary noise (0.1 + 0.2): the sum then
        // neither reads back as the decimal it is nor encodes in the compact decimal mode.
        // (Steps of whole minutes hold what the store's downsample gives, the console's own figures.)
        long from = Math.floorDiv(T0, 30_000) * 30_000;
        SnapshotSeries p = SnapshotSeries.fromStore(store, store.ref(cpu("h1")), from, END, 30_000);
        assertThat(p.buckets()).isPositive();
        for (SnapshotSeries.Piece piece : p.rollups()) {
            Rollup r = Rollup.decode(piece.data());
            for (int i = 0; i < r.size(); i++) {
                assertThat(r.sum()[i]).isEqualTo(Math.round(r.sum()[i] * 1000) / 1000.0);
            }
        }
    }

    @Test
    void aNanSampleIsLeftOutOfItsStepLikeTheConsoleLeavesItOut() {
        int[] copied = new int[1];
        SeriesSamples got = snapshotOf(cpu("gaps"), Math.floorDiv(T0, 10_000) * 10_000, END, 10_000, copied);
        assertThat(got.size()).isEqualTo(3 * 360 - 1);
        assertThat(got.values()).doesNotContain(Double.NaN);
        assertThat(got.timestamps()[0] % 10_000).as("averages sit at their step's start").isZero();
        assertThat(copied[0]).isZero();
    }

    @Test
    void samplesStillInTheHeadAreExportedToo() {
        long live = END + 60_000;
        Appender a = store.appender();
        for (int i = 0; i < 30; i++) {
            a.append(cpu("h1"), live + i * 10_000L, 0.25);
        }
        a.commit();
        int[] copied = new int[1];
        SeriesSamples got = snapshotOf(cpu("h1"), T0, live + 300_000, 10_000, copied);
        assertThat(got.size()).isEqualTo(3 * 360 + 30);
        assertThat(got.values()[got.size() - 1]).isEqualTo(0.25);
    }
}
