package io.pharos.engine.store;

import io.pharos.engine.model.SeriesKey;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Bulk history into chunks: keeps one open window per series in memory (compressed, as in the head)
 * and writes a window when its series moves past it, in transactions of many chunks.
 */
final class ChunkHistoryWriter implements HistoryWriter {
    private static final int CHUNKS_PER_TRANSACTION = 4000;

    private final TimeSeriesStore store;
    private final long windowMs;
    private final Map<SeriesKey, Open> open = new HashMap<>();
    private final List<Pending> pending = new ArrayList<>();
    private long written;
    private boolean closed;

    private static final class Open {
        long windowStart;
        SampleEncoder encoder = new SampleEncoder();
        long lastTs = Long.MIN_VALUE;
        boolean sorted = true;
    }

    private record Pending(SeriesKey key, long windowStart, SampleEncoder.EncodedBlock block, boolean sorted) {
    }

    ChunkHistoryWriter(TimeSeriesStore store) {
        this.store = store;
        this.windowMs = store.windowMs();
    }

    @Override
    public void append(SeriesKey key, long timestampMs, double value) {
        if (closed) {
            throw new IllegalStateException("history writer closed");
        }
        long window = Math.floorDiv(timestampMs, windowMs) * windowMs;
        Open o = open.get(key);
        if (o == null) {
            o = new Open();
            o.windowStart = window;
            open.put(key, o);
        } else if (o.windowStart != window) {
            finish(key, o);
            o.windowStart = window;
            o.encoder = new SampleEncoder();
            o.lastTs = Long.MIN_VALUE;
            o.sorted = true;
        }
        if (timestampMs <= o.lastTs) {
            o.sorted = false;
        }
        o.lastTs = timestampMs;
        o.encoder.append(timestampMs, value);
    }

    @Override
    public void appendSeries(SeriesKey key, long[] timestampsMs, double[] values, int count) {
        for (int i = 0; i < count; i++) {
            append(key, timestampsMs[i], values[i]);
        }
        Open o = open.remove(key);
        if (o != null) {
            finish(key, o);
        }
    }

    private void finish(SeriesKey key, Open o) {
        if (o.encoder.count() == 0) {
            return;
        }
        pending.add(new Pending(key, o.windowStart, o.encoder.snapshot(), o.sorted));
        if (pending.size() >= CHUNKS_PER_TRANSACTION) {
            flush();
        }
    }

    private void flush() {
        if (pending.isEmpty()) {
            return;
        }
        store.writeLock().lock();
        Map<SeriesKey, Integer> created = new HashMap<>();
        try {
            long n = 0;
            for (Pending p : pending) {
                int id = store.resolveId(p.key(), created);
                store.chunkWriter().write(id, p.windowStart(), p.block(), p.sorted());
                n += p.block().count();
            }
            store.writerConnection().commit();
            store.registerCreated(created);
            written += n;
        } catch (SQLException e) {
            store.rollbackQuietly();
            throw TimeSeriesStore.translate(e, "write history");
        } finally {
            store.writeLock().unlock();
            pending.clear();
        }
    }

    @Override
    public long samplesWritten() {
        return written;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        for (var e : open.entrySet()) {
            finish(e.getKey(), e.getValue());
        }
        open.clear();
        flush();
        closed = true;
    }
}
