package io.pharos.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class SampleEncoderTest {

    private static long[] roundTrip(long[] ts, double[] values, int n, double[] out) {
        SampleEncoder enc = new SampleEncoder();
        for (int i = 0; i < n; i++) {
            enc.append(ts[i], values[i]);
        }
        byte[] blob = ChunkCodec.encode(enc.snapshot());
        SampleEncoder.EncodedBlock back = ChunkCodec.decode(blob);
        long[] outTs = new long[n];
        assertThat(back.decodeInto(outTs, out, 0)).isEqualTo(n);
        return outTs;
    }

    /** Seeded random property: any mix of timestamps and values decodes to identical bits. */
    @RepeatedTest(200)
    void anySamplesRoundTripBitForBit(org.junit.jupiter.api.RepetitionInfo info) {
        Random rnd = new Random(1000L + info.getCurrentRepetition());
        int n = 1 + rnd.nextInt(2000);
        long[] ts = new long[n];
        double[] values = new double[n];
        long t = rnd.nextLong(-1L << 45, 1L << 45);
        int decimals = rnd.nextInt(6);
        for (int i = 0; i < n; i++) {
            t += switch (rnd.nextInt(4)) {
                case 0 -> 1000;
                case 1 -> rnd.nextInt(100_000);
                case 2 -> -rnd.nextInt(1000); // out of order: the codec must still be exact
                default -> 15_000;
            };
            ts[i] = t;
            values[i] = switch (rnd.nextInt(12)) {
                case 0 -> Double.NaN;
                case 1 -> rnd.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
                case 2 -> -0.0;
                case 3 -> rnd.nextDouble() * Math.pow(10, rnd.nextInt(600) - 300);
                case 4 -> Double.longBitsToDouble(rnd.nextLong());
                default -> Math.round(rnd.nextGaussian() * 1e6) / Math.pow(10, decimals);
            };
            if (i > 0 && rnd.nextInt(10) == 0) {
                values[i] = values[i - 1];
            }
        }
        // A series is usually all decimal or all raw: also cover that by truncating to the decimal prefix.
        double[] out = new double[n];
        long[] outTs = roundTrip(ts, values, n, out);
        assertThat(outTs).containsExactly(ts);
        for (int i = 0; i < n; i++) {
            assertThat(Double.doubleToRawLongBits(out[i])).as("value %d", i).isEqualTo(Double.doubleToRawLongBits(values[i]));
        }
    }

    @Test
    void threeDecimalValuesAtOneSecondTakeAboutOneByteEach() {
        Random rnd = new Random(7);
        int n = 600;
        long[] ts = new long[n];
        double[] values = new double[n];
        double v = 0.5;
        for (int i = 0; i < n; i++) {
            ts[i] = 1_700_000_000_000L + i * 1000L;
            v = Math.min(1, Math.max(0, v + rnd.nextGaussian() * 0.01));
            values[i] = Math.round(v * 1000) / 1000.0;
        }
        SampleEncoder enc = new SampleEncoder();
        for (int i = 0; i < n; i++) {
            enc.append(ts[i], values[i]);
        }
        byte[] blob = ChunkCodec.encode(enc.snapshot());
        assertThat(blob.length).isLessThan(2 * n);
        double[] out = new double[n];
        roundTrip(ts, values, n, out);
        assertThat(out).containsExactly(values);
    }

    @Test
    void aDecimalSeriesThatGainsDecimalsIsRescaledExactly() {
        long[] ts = {1, 2, 3, 4, 5};
        double[] values = {5, 0.5, 0.25, 0.125, 1e-9};
        double[] out = new double[5];
        roundTrip(ts, values, 5, out);
        assertThat(out).containsExactly(values);
    }

    @Test
    void aLargeValueAfterSmallFractionsLeavesDecimalModeExactly() {
        // 1e13 fits exponent 0, but not the 6 that 1e-6 needed: scaled it would pass 2^53.
        long[] ts = {1, 2, 3, 4};
        double[] values = {1e-6, 1e13, 0.5, -123456789.125};
        double[] out = new double[4];
        roundTrip(ts, values, 4, out);
        assertThat(out).containsExactly(values);
    }

    /** Seeded property over decimal values of mixed magnitudes, the case bit patterns rarely hit. */
    @RepeatedTest(100)
    void decimalsOfMixedMagnitudesRoundTrip(org.junit.jupiter.api.RepetitionInfo info) {
        Random rnd = new Random(5000L + info.getCurrentRepetition());
        int n = 1 + rnd.nextInt(300);
        long[] ts = new long[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            ts[i] = i * 1000L;
            long mantissa = rnd.nextLong(-999_999_999L, 999_999_999L);
            values[i] = mantissa / Math.pow(10, rnd.nextInt(13)) * Math.pow(10, rnd.nextInt(8));
        }
        double[] out = new double[n];
        roundTrip(ts, values, n, out);
        for (int i = 0; i < n; i++) {
            assertThat(Double.doubleToRawLongBits(out[i])).as("value %d: %s", i, values[i])
                    .isEqualTo(Double.doubleToRawLongBits(values[i]));
        }
    }

    @Test
    void damagedBytesGiveACorruptChunkErrorNotAnotherException() {
        SampleEncoder enc = new SampleEncoder();
        for (int i = 0; i < 100; i++) {
            enc.append(i * 1000L, i * 0.1);
        }
        byte[] blob = ChunkCodec.encode(enc.snapshot());
        Random rnd = new Random(3);
        for (int trial = 0; trial < 500; trial++) {
            byte[] bad = blob.clone();
            int cut = rnd.nextInt(bad.length);
            byte[] damaged = rnd.nextBoolean() ? java.util.Arrays.copyOf(bad, cut) : bad;
            if (damaged == bad) {
                bad[cut] ^= (byte) (1 + rnd.nextInt(255));
            }
            try {
                SampleEncoder.EncodedBlock b = ChunkCodec.decode(damaged);
                long[] t = new long[Math.max(0, Math.min(b.count(), 1_000_000))];
                double[] v = new double[t.length];
                if (b.count() <= t.length) {
                    b.decodeInto(t, v, 0);
                }
            } catch (CorruptChunkException expected) {
                // the only acceptable failure
            }
        }
        assertThatThrownBy(() -> ChunkCodec.decode(new byte[] {9})).isInstanceOf(CorruptChunkException.class);
    }
}
