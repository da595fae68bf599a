package io.pharos.engine.store;

import io.pharos.engine.store.SampleEncoder.EncodedBlock;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The on-disk form of a chunk (docs/storage.md): a header, then the timestamp stream and the value
 * stream of {@link SampleEncoder}, deflated together when that makes them smaller. Timestamps and
 * values are kept in separate streams because each is regular on its own, which deflate exploits.
 */
final class ChunkCodec {
    static final int VERSION = 1;
    private static final int FLAG_DEFLATED = 0x80;
    private static final int FLAG_RAW_VALUES = 0x40;

    private ChunkCodec() {
    }

    static byte[] encode(EncodedBlock block) {
        return encode(block, DEFLATER.get());
    }

    /**
     * As {@link #encode(EncodedBlock)}, deflated at level 3 instead of 6: snapshot exports, where the
     * encoding is on the user's path. Level 6 took 33 ns a sample, level 3 6 ns; a day of the reference
     * fleet's snapshot grew by 0.7 % (docs/benchmarks.md, "Snapshots").
     */
    static byte[] encodeFast(EncodedBlock block) {
        return encode(block, FAST_DEFLATER.get());
    }

    private static byte[] encode(EncodedBlock block, Deflater deflater) {
        int payloadLength = block.tsBytes().length + block.valueBytes().length;
        byte[] payload = new byte[payloadLength];
        System.arraycopy(block.tsBytes(), 0, payload, 0, block.tsBytes().length);
        System.arraycopy(block.valueBytes(), 0, payload, block.tsBytes().length, block.valueBytes().length);
        byte[] packed = deflate(payload, deflater);
        boolean deflated = packed.length < payloadLength;
        ByteBuf out = new ByteBuf(payloadLength + 32);
        out.put(VERSION | (deflated ? FLAG_DEFLATED : 0) | (block.raw() ? FLAG_RAW_VALUES : 0));
        out.putVarint(block.count());
        out.putZigzag(block.firstTs());
        out.putZigzag(block.lastTs() - block.firstTs());
        out.put(block.exp());
        out.putVarint(block.tsBytes().length);
        out.putVarint(block.valueBytes().length);
        if (deflated) {
            out.put(packed, 0, packed.length);
        } else {
            out.put(payload, 0, payloadLength);
        }
        return out.toArray();
    }

    static EncodedBlock decode(byte[] blob) {
        return decode(blob, Integer.MAX_VALUE / 32);
    }

    /**
     * As {@link #decode(byte[])}, refusing before anything is allocated a chunk of more than
     * {@code maxCount} samples (a snapshot's bound: its files come from anyone).
     */
    static EncodedBlock decode(byte[] blob, int maxCount) {
        ByteBuf in = ByteBuf.wrap(blob);
        int flags = in.get();
        if ((flags & 0x3F) != VERSION) {
            throw new CorruptChunkException("unknown chunk version " + (flags & 0x3F));
        }
        long count = in.getVarint();
        long first = in.getZigzag();
        long last = first + in.getZigzag();
        int exp = in.get();
        long tsLen = in.getVarint();
        long valLen = in.getVarint();
        // A timestamp takes at most 10 bytes, a value 11: larger streams are damage (or a crafted file
        // asking for a huge buffer), refused before anything is allocated.
        if (count < 0 || count > maxCount || tsLen < 0 || valLen < 0 || exp > SampleEncoder.MAX_EXP
                || tsLen > 10L * count || valLen > 11L * count) {
            throw new CorruptChunkException("bad chunk header");
        }
        return decodeStreams(blob, in, flags, (int) count, first, last, exp, (int) tsLen, (int) valLen);
    }

    private static EncodedBlock decodeStreams(byte[] blob, ByteBuf in, int flags, int count, long first, long last,
                                              int exp, int tsLen, int valLen) {
        byte[] payload;
        if ((flags & FLAG_DEFLATED) != 0) {
            payload = inflate(blob, in.pos, blob.length - in.pos, tsLen + valLen);
        } else {
            if (blob.length - in.pos != tsLen + valLen) {
                throw new CorruptChunkException("chunk length mismatch");
            }
            payload = new byte[tsLen + valLen];
            System.arraycopy(blob, in.pos, payload, 0, payload.length);
        }
        byte[] ts = new byte[tsLen];
        byte[] vals = new byte[valLen];
        System.arraycopy(payload, 0, ts, 0, tsLen);
        System.arraycopy(payload, tsLen, vals, 0, valLen);
        return new EncodedBlock(count, first, last, (flags & FLAG_RAW_VALUES) != 0, exp, ts, vals);
    }

    // One deflater per writing thread (compaction, history, their pool): creating one costs more than
    // deflating a small chunk. Inflaters are made per call: reads run on short-lived virtual threads.
    private static final ThreadLocal<Deflater> DEFLATER = ThreadLocal.withInitial(() -> new Deflater(6, true));
    private static final ThreadLocal<Deflater> FAST_DEFLATER = ThreadLocal.withInitial(() -> new Deflater(3, true));

    static byte[] deflate(byte[] input) {
        return deflate(input, DEFLATER.get());
    }

    private static byte[] deflate(byte[] input, Deflater deflater) {
        deflater.reset();
        try {
            deflater.setInput(input);
            deflater.finish();
            byte[] buf = new byte[input.length + 64];
            int n = 0;
            while (!deflater.finished()) {
                if (n == buf.length) {
                    buf = java.util.Arrays.copyOf(buf, buf.length * 2);
                }
                n += deflater.deflate(buf, n, buf.length - n);
            }
            return java.util.Arrays.copyOf(buf, n);
        } finally {
            deflater.reset();
        }
    }

    static byte[] inflate(byte[] input, int off, int len, int expected) {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(input, off, len);
            byte[] out = new byte[expected];
            int n = 0;
            while (n < expected) {
                int r = inflater.inflate(out, n, expected - n);
                if (r == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                n += r;
            }
            if (n != expected) {
                throw new CorruptChunkException("chunk inflated to " + n + " bytes, expected " + expected);
            }
            return out;
        } catch (DataFormatException e) {
            throw new CorruptChunkException("chunk does not inflate: " + e.getMessage());
        } finally {
            inflater.end();
        }
    }
}
