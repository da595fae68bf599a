package io.pharos.engine.store;

import java.util.zip.CRC32C;

/**
 * Encoding of one committed batch in the write-ahead table (docs/storage.md): sample count, then per
 * sample the series id (varint), the timestamp as a zigzag delta to the previous one, and the value's
 * 8 bytes. Each row carries a CRC-32C of its data, checked on replay.
 */
final class WalCodec {
    private WalCodec() {
    }

    static byte[] encode(int[] seriesIds, long[] ts, double[] values, int n) {
        ByteBuf out = new ByteBuf(n * 12 + 8);
        out.putVarint(n);
        long prev = 0;
        for (int i = 0; i < n; i++) {
            out.putVarint(seriesIds[i]);
            out.putZigzag(ts[i] - prev);
            prev = ts[i];
            out.putLong(Double.doubleToRawLongBits(values[i]));
        }
        return out.toArray();
    }

    static long crc(byte[] data) {
        CRC32C crc = new CRC32C();
        crc.update(data);
        return crc.getValue();
    }

    interface SampleVisitor {
        void sample(int seriesId, long ts, double value);
    }

    static void decode(byte[] data, SampleVisitor visitor) {
        ByteBuf in = ByteBuf.wrap(data);
        long n = in.getVarint();
        long prev = 0;
        for (long i = 0; i < n; i++) {
            int id = (int) in.getVarint();
            prev += in.getZigzag();
            visitor.sample(id, prev, Double.longBitsToDouble(in.getLong()));
        }
    }
}
