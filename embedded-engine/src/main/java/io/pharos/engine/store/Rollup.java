package io.pharos.engine.store;

/**
 * Per-bucket aggregates of one series over one chunk window: bucket start, count, min, max and sum.
 * Long time ranges read these instead of raw samples. On disk: four {@link SampleEncoder} columns
 * (count, min, max, sum) sharing the bucket timestamps, each in {@link ChunkCodec} form. When the
 * raw values are decimal, the sum is computed in scaled integers so it stays decimal (and small).
 */
record Rollup(int size, long[] bucketStart, double[] count, double[] min, double[] max, double[] sum) {

    static final int VERSION = 1;

    static Rollup compute(long[] ts, double[] values, int n, long resolutionMs, boolean decimal, int exp) {
        try {
            return aggregate(ts, values, n, resolutionMs, decimal, exp);
        } catch (ArithmeticException overflow) {
            // Scaled sums beyond a long: add up as doubles instead (exactness traded for range).
            return aggregate(ts, values, n, resolutionMs, false, exp);
        }
    }

    /** NaN samples (Prometheus' stale markers) are left out, as raw reads leave them out. */
    private static Rollup aggregate(long[] ts, double[] values, int n, long resolutionMs, boolean decimal, int exp) {
        long[] bucket = new long[Math.max(1, n)];
        double[] count = new double[bucket.length];
        double[] min = new double[bucket.length];
        double[] max = new double[bucket.length];
        double[] sum = new double[bucket.length];
        double p = SampleEncoder.POW10[exp];
        int b = -1;
        long scaledSum = 0;
        for (int i = 0; i < n; i++) {
            double v = values[i];
            if (Double.isNaN(v)) {
                continue;
            }
            long start = Math.floorDiv(ts[i], resolutionMs) * resolutionMs;
            if (b < 0 || bucket[b] != start) {
                if (b >= 0 && decimal) {
                    sum[b] = scaledSum / p;
                }
                b++;
                bucket[b] = start;
                min[b] = v;
                max[b] = v;
                sum[b] = 0;
                scaledSum = 0;
            }
            count[b]++;
            min[b] = Math.min(min[b], v);
            max[b] = Math.max(max[b], v);
            if (decimal) {
                scaledSum = Math.addExact(scaledSum, Math.round(v * p));
            } else {
                sum[b] += v;
            }
        }
        if (b >= 0 && decimal) {
            sum[b] = scaledSum / p;
        }
        return new Rollup(b + 1, bucket, count, min, max, sum);
    }

    byte[] encode() {
        ByteBuf out = new ByteBuf(size * 8 + 32);
        out.put(VERSION);
        out.putVarint(size);
        for (double[] column : new double[][] {count, min, max, sum}) {
            SampleEncoder enc = new SampleEncoder();
            for (int i = 0; i < size; i++) {
                enc.append(bucketStart[i], column[i]);
            }
            byte[] blob = ChunkCodec.encode(enc.snapshot());
            out.putVarint(blob.length);
            out.put(blob, 0, blob.length);
        }
        return out.toArray();
    }

    static Rollup decode(byte[] data) {
        return decode(data, 10_000_000);
    }

    /** Refuses, before allocating, a rollup of more than {@code maxSize} buckets (a snapshot's bound). */
    static Rollup decode(byte[] data, int maxSize) {
        ByteBuf in = ByteBuf.wrap(data);
        if (in.get() != VERSION) {
            throw new CorruptChunkException("unknown rollup version");
        }
        long size = in.getVarint();
        int n = (int) size;
        if (size < 0 || size > maxSize) {
            throw new CorruptChunkException("bad rollup size " + n);
        }
        long[] ts = new long[n];
        double[][] cols = new double[4][n];
        for (int c = 0; c < 4; c++) {
            int len = (int) in.getVarint();
            if (len < 0 || len > in.size() - in.pos) {
                throw new CorruptChunkException("bad rollup column length");
            }
            byte[] blob = new byte[len];
            System.arraycopy(in.data, in.pos, blob, 0, len);
            in.pos += len;
            SampleEncoder.EncodedBlock block = ChunkCodec.decode(blob, n);
            if (block.count() != n) {
                throw new CorruptChunkException("rollup column size mismatch");
            }
            block.decodeInto(ts, cols[c], 0);
        }
        return new Rollup(n, ts, cols[0], cols[1], cols[2], cols[3]);
    }
}
