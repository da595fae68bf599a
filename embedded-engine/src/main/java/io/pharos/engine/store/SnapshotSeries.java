package io.pharos.engine.store;

import io.pharos.engine.model.SeriesKey;
import io.pharos.engine.store.SampleEncoder.EncodedBlock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One series as a snapshot keeps it (docs/snapshots.md, "Export"): either its samples, in chunks of
 * the store's chunk encoding, or, where a step of the snapshot's resolution holds several samples,
 * the step's count, min, max and sum, in the store's rollup encoding, so that the snapshot's charts
 * show the same bands and averages as the console's. Made on any thread (the costly part of an
 * export); written by {@link SnapshotFileWriter#add(SnapshotSeries)}.
 */
public final class SnapshotSeries {
    /** A chunk or rollup row: its span, how many samples or buckets, the bytes and their CRC-32C. */
    record Piece(long start, long end, int count, long crc, byte[] data, boolean copied) {
    }

    private final SeriesKey key;
    private final String labelsJson;
    private final List<Piece> chunks;
    private final List<Piece> rollups;

    private SnapshotSeries(SeriesKey key, List<Piece> chunks, List<Piece> rollups) {
        this.key = key;
        this.labelsJson = SnapshotLabels.write(key.labels());
        if (labelsJson.length() > SnapshotSchema.MAX_LABELS_BYTES / 4) {
            // what a reader would refuse is not written
            throw new IllegalArgumentException("the labels of " + key.metric() + " are longer than a snapshot holds ("
                    + labelsJson.length() + " characters)");
        }
        this.chunks = chunks;
        this.rollups = rollups;
    }

    /** Samples as they are, timestamps strictly increasing. */
    public static SnapshotSeries of(SeriesKey key, long[] timestamps, double[] values, int n) {
        List<Piece> chunks = new ArrayList<>();
        encode(timestamps, values, 0, n, chunks);
        return new SnapshotSeries(key, chunks, List.of());
    }

    /**
     * A series of the store over [fromMs, toMs] at {@code stepMs} (0: raw); null when it has no
     * sample there. Where the series has at most one sample a step (its own interval is the step or
     * longer) and none is NaN, its samples are kept as they are, and the store's chunks that lie whole
     * inside the range are copied unchanged (no decoding twice, no encoding again). Otherwise each
     * step keeps count, min, max and sum, read from the store's minute rollups when the step is a
     * whole number of minutes (what the console reads for such steps), else from the samples.
     */
    public static SnapshotSeries fromStore(TimeSeriesStore store, SeriesRef series, long fromMs, long toMs,
                                           long stepMs) {
        if (stepMs > 0 && stepMs % store.rollupMs() == 0) {
            Downsampled d = store.downsample(series, fromMs, toMs, stepMs);
            if (!atMostOnePerStep(d)) {
                return steps(series.key(), rollupOf(d));
            }
        }
        List<TimeSeriesStore.StoredChunk> whole = new ArrayList<>();
        SeriesSamples s = store.read(series, fromMs, toMs, whole);
        int n = s.size();
        if (n == 0) {
            return null;
        }
        long[] ts = s.timestamps();
        double[] vs = s.values();
        if (stepMs > 0 && !atMostOnePerStep(ts, vs, n, stepMs)) {
            // From the samples, as compaction makes rollups: decimal sums stay exact (and small).
            int exp = decimalExponent(vs, n);
            return steps(series.key(), Rollup.compute(ts, vs, n, stepMs, exp >= 0, Math.max(exp, 0)));
        }
        List<Piece> chunks = new ArrayList<>();
        int cursor = 0;
        for (TimeSeriesStore.StoredChunk c : whole) {
            EncodedBlock b = c.block();
            int at = Arrays.binarySearch(ts, cursor, n, b.firstTs());
            int end = at + b.count();
            // Copied only when the read kept exactly its samples and it stays within a snapshot's bounds.
            if (at < cursor || end > n || ts[end - 1] != b.lastTs() || b.count() > SnapshotSchema.MAX_CHUNK_SAMPLES
                    || c.data().length > SnapshotSchema.MAX_CHUNK_BYTES) {
                continue;
            }
            encode(ts, vs, cursor, at, chunks);
            chunks.add(new Piece(b.firstTs(), b.lastTs(), b.count(), c.crc(), c.data(), true));
            cursor = end;
        }
        encode(ts, vs, cursor, n, chunks);
        return new SnapshotSeries(series.key(), chunks, List.of());
    }

    private static boolean atMostOnePerStep(long[] ts, double[] vs, int n, long stepMs) {
        long previous = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            long step = Math.floorDiv(ts[i], stepMs);
            if (step == previous || Double.isNaN(vs[i])) {
                return false;
            }
            previous = step;
        }
        return true;
    }

    private static boolean atMostOnePerStep(Downsampled d) {
        for (long c : d.count()) {
            if (c > 1) {
                return false;
            }
        }
        return true;
    }

    /**
     * The smallest decimal exponent that holds every value exactly; -1 when none does. Each value's
     * own exponent is not enough: at a larger one a large value may no longer fit (1e13 and 1e-6), so
     * every value is checked again at the one chosen.
     */
    private static int decimalExponent(double[] vs, int n) {
        int exp = 0;
        for (int i = 0; i < n; i++) {
            if (!Double.isNaN(vs[i]) && !SampleEncoder.fits(vs[i], exp)) {
                int e = SampleEncoder.minExp(vs[i]);
                if (e < 0) {
                    return -1;
                }
                exp = Math.max(exp, e);
            }
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isNaN(vs[i]) && !SampleEncoder.fits(vs[i], exp)) {
                return -1;
            }
        }
        return exp;
    }

    /** The non-empty steps of a downsample, as a rollup. */
    private static Rollup rollupOf(Downsampled d) {
        int size = 0;
        for (long c : d.count()) {
            if (c > 0) {
                size++;
            }
        }
        long[] start = new long[size];
        double[][] cols = new double[4][size];
        int n = 0;
        for (int b = 0; b < d.buckets(); b++) {
            if (d.count()[b] > 0) {
                start[n] = d.bucketStart(b);
                cols[0][n] = d.count()[b];
                cols[1][n] = d.min()[b];
                cols[2][n] = d.max()[b];
                cols[3][n] = d.sum()[b];
                n++;
            }
        }
        return new Rollup(size, start, cols[0], cols[1], cols[2], cols[3]);
    }

    /** A rollup as rows of at most the snapshot's chunk size; null when it has no step. */
    static SnapshotSeries steps(SeriesKey key, Rollup all) {
        if (all.size() == 0) {
            return null;
        }
        List<Piece> rollups = new ArrayList<>();
        for (int from = 0; from < all.size(); from += SnapshotSchema.MAX_CHUNK_SAMPLES) {
            int to = Math.min(all.size(), from + SnapshotSchema.MAX_CHUNK_SAMPLES);
            Rollup r = new Rollup(to - from, Arrays.copyOfRange(all.bucketStart(), from, to),
                    Arrays.copyOfRange(all.count(), from, to), Arrays.copyOfRange(all.min(), from, to),
                    Arrays.copyOfRange(all.max(), from, to), Arrays.copyOfRange(all.sum(), from, to));
            byte[] data = r.encode();
            rollups.add(new Piece(r.bucketStart()[0], r.bucketStart()[to - from - 1], to - from, WalCodec.crc(data), data,
                    false));
        }
        return new SnapshotSeries(key, List.of(), rollups);
    }

    /** Samples [from, to) as chunks of at most the snapshot's chunk size. */
    private static void encode(long[] timestamps, double[] values, int from, int to, List<Piece> out) {
        for (int c = from; c < to; c += SnapshotSchema.MAX_CHUNK_SAMPLES) {
            int last = Math.min(to, c + SnapshotSchema.MAX_CHUNK_SAMPLES);
            SampleEncoder enc = new SampleEncoder(last - c);
            for (int i = c; i < last; i++) {
                if (i > 0 && timestamps[i] <= timestamps[i - 1]) {
                    throw new IllegalArgumentException("timestamps must increase: " + timestamps[i] + " after "
                            + timestamps[i - 1]);
                }
                enc.append(timestamps[i], values[i]);
            }
            byte[] data = ChunkCodec.encodeFast(enc.snapshot());
            out.add(new Piece(timestamps[c], timestamps[last - 1], last - c, WalCodec.crc(data), data, false));
        }
    }

    public SeriesKey key() {
        return key;
    }

    /** The same data under another key (redaction's pseudonyms). */
    public SnapshotSeries withKey(SeriesKey other) {
        return other.equals(key) ? this : new SnapshotSeries(other, chunks, rollups);
    }

    String labelsJson() {
        return labelsJson;
    }

    List<Piece> chunks() {
        return chunks;
    }

    List<Piece> rollups() {
        return rollups;
    }

    /** Samples kept as they are. */
    public long samples() {
        return chunks.stream().mapToLong(Piece::count).sum();
    }

    /** Steps kept as count, min, max and sum. */
    public long buckets() {
        return rollups.stream().mapToLong(Piece::count).sum();
    }

    /** How many of its chunks are the store's own, copied unchanged. */
    int copiedChunks() {
        return (int) chunks.stream().filter(Piece::copied).count();
    }
}
