package io.pharos.engine.store;

import java.util.Arrays;

/** A growable byte buffer with varint helpers; also reads back from an array at a position. */
final class ByteBuf {
    byte[] data;
    int size;
    int pos;

    ByteBuf(int capacity) {
        data = new byte[Math.max(8, capacity)];
    }

    ByteBuf(byte[] data, int offset, int length) {
        this.data = data;
        this.pos = offset;
        this.size = offset + length;
    }

    static ByteBuf wrap(byte[] data) {
        return new ByteBuf(data, 0, data.length);
    }

    int size() {
        return size;
    }

    void clear() {
        size = 0;
        pos = 0;
    }

    byte[] toArray() {
        return Arrays.copyOf(data, size);
    }

    /** Bytes the buffer holds on the heap (for memory accounting). */
    int capacity() {
        return data.length;
    }

    private void ensure(int extra) {
        if (size + extra > data.length) {
            data = Arrays.copyOf(data, Math.max(data.length + (data.length >> 1), size + extra));
        }
    }

    void put(int b) {
        ensure(1);
        data[size++] = (byte) b;
    }

    void put(byte[] src, int off, int len) {
        ensure(len);
        System.arraycopy(src, off, data, size, len);
        size += len;
    }

    void putLong(long v) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            data[size++] = (byte) (v >>> (56 - 8 * i));
        }
    }

    void putVarint(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            data[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        data[size++] = (byte) v;
    }

    void putZigzag(long v) {
        putVarint((v << 1) ^ (v >> 63));
    }

    boolean hasRemaining() {
        return pos < size;
    }

    int get() {
        if (pos >= size) {
            throw new CorruptChunkException("read past the end of an encoded block");
        }
        return data[pos++] & 0xFF;
    }

    long getLong() {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | get();
        }
        return v;
    }

    long getVarint() {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = get();
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new CorruptChunkException("varint longer than 10 bytes");
    }

    long getZigzag() {
        long v = getVarint();
        return (v >>> 1) ^ -(v & 1);
    }
}
