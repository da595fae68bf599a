package io.pharos.engine.store;

/**
 * Streaming encoder of one series' samples, used for the in-memory head and, sealed, for stored
 * chunks. Timestamps are delta-of-delta zigzag varints (a regular interval costs one byte). Values
 * are, while possible, decimal: each value is an integer times 10^-exp (the idea VictoriaMetrics
 * uses), stored as zigzag varint deltas of those integers, so a value written with three decimals
 * costs one or two bytes. A value that no such exponent represents exactly (NaN, infinities, -0.0,
 * long binary fractions) switches the block to raw mode: XOR with the previous value's bits, trailing
 * zeros dropped. Decoding gives back bit-identical doubles in both modes.
 */
final class SampleEncoder {
    static final int MAX_EXP = 12;
    static final double[] POW10 = new double[MAX_EXP + 1];
    private static final double MAX_SCALED = 9.0e15; // below 2^53: longs convert to doubles exactly

    static {
        double p = 1;
        for (int i = 0; i <= MAX_EXP; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    private final ByteBuf ts;
    private ByteBuf vals;
    private int count;
    private long firstTs;
    private long lastTs;
    private long lastDelta;
    private boolean raw;
    private int exp;
    private long lastScaled;
    private long lastBits;

    SampleEncoder() {
        ts = new ByteBuf(32);
        vals = new ByteBuf(32);
    }

    /** Sized for {@code samples} regular samples of a few decimal digits: no growing on the way. */
    SampleEncoder(int samples) {
        ts = new ByteBuf(samples + 16);
        vals = new ByteBuf(2 * samples + 16);
    }

    int count() {
        return count;
    }

    long firstTimestamp() {
        return firstTs;
    }

    long lastTimestamp() {
        return lastTs;
    }

    int heapBytes() {
        return ts.capacity() + vals.capacity() + 64;
    }

    void append(long timestampMs, double value) {
        if (count == 0) {
            firstTs = timestampMs;
        } else {
            long delta = timestampMs - lastTs;
            ts.putZigzag(delta - lastDelta);
            lastDelta = delta;
        }
        lastTs = timestampMs;
        appendValue(value);
        count++;
    }

    private void appendValue(double v) {
        if (!raw) {
            if (!fits(v, exp)) {
                // Only a larger exponent can help; a value that fits a smaller one failed here because
                // it is too large at this exponent, and needs raw mode like a value that fits none.
                int needed = minExp(v);
                if (needed <= exp || !rescale(needed)) {
                    switchToRaw();
                }
            }
            if (!raw) {
                long s = Math.round(v * POW10[exp]);
                vals.putZigzag(s - lastScaled);
                lastScaled = s;
                return;
            }
        }
        long bits = Double.doubleToRawLongBits(v);
        putXor(vals, bits ^ lastBits);
        lastBits = bits;
    }

    static void putXor(ByteBuf buf, long xor) {
        if (xor == 0) {
            buf.put(64);
            return;
        }
        int tz = Long.numberOfTrailingZeros(xor);
        buf.put(tz);
        buf.putVarint(xor >>> tz);
    }

    static long getXor(ByteBuf buf) {
        int tz = buf.get();
        if (tz == 64) {
            return 0;
        }
        if (tz > 63) {
            throw new CorruptChunkException("bad XOR shift " + tz);
        }
        return buf.getVarint() << tz;
    }

    static boolean fits(double v, int exp) {
        double p = POW10[exp];
        double x = v * p;
        if (!(Math.abs(x) < MAX_SCALED)) {
            return false;
        }
        long s = Math.round(x);
        return Double.doubleToRawLongBits(s / p) == Double.doubleToRawLongBits(v);
    }

    static int minExp(double v) {
        for (int e = 0; e <= MAX_EXP; e++) {
            if (fits(v, e)) {
                return e;
            }
        }
        return -1;
    }

    /** Re-encodes the values so far at a larger exponent; false when they would overflow. */
    private boolean rescale(int newExp) {
        if (newExp <= exp) {
            return true;
        }
        long[] scaled = decodeScaled(vals, count);
        long mult = (long) POW10[newExp - exp];
        ByteBuf out = new ByteBuf(vals.size() + count);
        long prev = 0;
        for (int i = 0; i < count; i++) {
            long s = scaled[i] * mult;
            if (Math.abs((double) scaled[i] * mult) >= MAX_SCALED) {
                return false;
            }
            out.putZigzag(s - prev);
            prev = s;
        }
        vals = out;
        exp = newExp;
        lastScaled = prev;
        return true;
    }

    private void switchToRaw() {
        long[] scaled = decodeScaled(vals, count);
        double p = POW10[exp];
        ByteBuf out = new ByteBuf(count * 9 + 16);
        long prevBits = 0;
        for (int i = 0; i < count; i++) {
            long bits = Double.doubleToRawLongBits(scaled[i] / p);
            putXor(out, bits ^ prevBits);
            prevBits = bits;
        }
        vals = out;
        raw = true;
        lastBits = prevBits;
    }

    private static long[] decodeScaled(ByteBuf buf, int n) {
        ByteBuf in = new ByteBuf(buf.data, 0, buf.size());
        long[] out = new long[n];
        long prev = 0;
        for (int i = 0; i < n; i++) {
            prev += in.getZigzag();
            out[i] = prev;
        }
        return out;
    }

    /** A self-contained, uncompressed encoding of the samples so far. */
    EncodedBlock snapshot() {
        return new EncodedBlock(count, firstTs, lastTs, raw, exp, ts.toArray(), vals.toArray());
    }

    /** The encoded form: header fields plus the timestamp and value streams. */
    record EncodedBlock(int count, long firstTs, long lastTs, boolean raw, int exp, byte[] tsBytes, byte[] valueBytes) {

        /** Decodes into the given arrays from index {@code offset}; returns the number of samples. */
        int decodeInto(long[] timestamps, double[] values, int offset) {
            ByteBuf t = ByteBuf.wrap(tsBytes);
            ByteBuf v = ByteBuf.wrap(valueBytes);
            long time = firstTs;
            long delta = 0;
            long scaled = 0;
            long bits = 0;
            double p = POW10[exp];
            for (int i = 0; i < count; i++) {
                if (i > 0) {
                    delta += t.getZigzag();
                    time += delta;
                }
                timestamps[offset + i] = time;
                if (raw) {
                    bits ^= SampleEncoder.getXor(v);
                    values[offset + i] = Double.longBitsToDouble(bits);
                } else {
                    scaled += v.getZigzag();
                    values[offset + i] = scaled / p;
                }
            }
            return count;
        }
    }
}
