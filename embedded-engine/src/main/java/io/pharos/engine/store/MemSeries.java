package io.pharos.engine.store;

import io.pharos.engine.store.SampleEncoder.EncodedBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * The in-memory head of one series: the open chunk window being appended to, windows sealed but
 * not yet compacted to disk, and the latest sample. Samples must arrive in increasing time, as in
 * Prometheus' head; an older or equal timestamp is rejected.
 */
final class MemSeries {
    final int id;
    private long windowStart;
    private SampleEncoder open;
    private final List<Sealed> sealed = new ArrayList<>(2);
    private long lastTs;
    private double lastValue;

    /** A window no longer appended to, waiting for compaction. */
    record Sealed(long windowStart, EncodedBlock block) {
    }

    MemSeries(int id) {
        this.id = id;
        // Under the monitor, like every read: a reader that finds this object through a racy array
        // read still sees the initial values, not zeros.
        synchronized (this) {
            windowStart = Long.MIN_VALUE;
            lastTs = Long.MIN_VALUE;
            lastValue = Double.NaN;
        }
    }

    /** Returns false when the sample is out of order (not newer than the last one). */
    synchronized boolean append(long ts, double value, long windowMs) {
        if (ts <= lastTs) {
            return false;
        }
        long window = Math.floorDiv(ts, windowMs) * windowMs;
        if (window != windowStart) {
            sealOpen();
            windowStart = window;
            open = new SampleEncoder();
        }
        open.append(ts, value);
        lastTs = ts;
        lastValue = value;
        return true;
    }

    private void sealOpen() {
        if (open != null && open.count() > 0) {
            sealed.add(new Sealed(windowStart, open.snapshot()));
        }
        open = null;
        windowStart = Long.MIN_VALUE; // the next sample opens a window, even one with the same start
    }

    /** The newest sample, read together with its time; null before the first sample. */
    synchronized io.pharos.engine.model.Sample latest() {
        return lastTs == Long.MIN_VALUE ? null : new io.pharos.engine.model.Sample(lastTs, lastValue);
    }

    /** Every block in the head (sealed ones and a copy of the open one), oldest first. */
    synchronized List<EncodedBlock> blocks() {
        List<EncodedBlock> out = new ArrayList<>(sealed.size() + 1);
        for (Sealed s : sealed) {
            out.add(s.block());
        }
        if (open != null && open.count() > 0) {
            out.add(open.snapshot());
        }
        return out;
    }

    /** Seals and returns the windows that start before {@code cutoff}, leaving them in the head. */
    synchronized List<Sealed> sealBefore(long cutoff) {
        if (open != null && windowStart < cutoff) {
            sealOpen();
        }
        List<Sealed> out = new ArrayList<>();
        for (Sealed s : sealed) {
            if (s.windowStart() < cutoff) {
                out.add(s);
            }
        }
        return out;
    }

    /** Drops windows that are now on disk. */
    synchronized void drop(List<Sealed> written) {
        sealed.removeAll(written);
    }

    synchronized int heapBytes() {
        int n = 64;
        for (Sealed s : sealed) {
            n += s.block().tsBytes().length + s.block().valueBytes().length + 48;
        }
        return open == null ? n : n + open.heapBytes();
    }
}
