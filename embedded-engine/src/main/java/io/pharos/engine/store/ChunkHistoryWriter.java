package io.pharos.engine.store;

import io.pharos.engine.model.SeriesKey;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Bulk history into chunks: keeps one open block (2 h) per series in memory (compressed, as in the
 * head) and writes it when its series moves past it, in transactions of many chunks. Whole blocks
 * make few, large chunks even for sparse data (a 15 s series has 480 samples a block).
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

    /** A window waiting to be written: either an encoded block (from append) or arrays (from appendSeries). */
    private record Pending(SeriesKey key, long windowStart, SampleEncoder.EncodedBlock block, boolean sorted,
                           long[] ts, double[] values) {
        ChunkWriter.Prepared prepare(ChunkWriter writer) {
            return block != null ? writer.prepare(-1, windowStart, block, sorted)
                    : writer.prepare(-1, windowStart, ts, values, ts.length);
        }
    }

    ChunkHistoryWriter(TimeSeriesStore store) {
        this.store = store;
        this.windowMs = TimeSeriesStore.BLOCK_MS;
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
        if (closed) {
            throw new IllegalStateException("history writer closed");
        }
        Open o = open.remove(key);
        if (o != null) {
            finish(key, o);
        }
        // Cut the arrays into windows; encoding happens in flush, on all cores.
        int start = 0;
        while (start < count) {
            long window = Math.floorDiv(timestampsMs[start], windowMs) * windowMs;
            int end = start + 1;
            while (end < count && Math.floorDiv(timestampsMs[end], windowMs) * windowMs == window) {
                end++;
            }
            pending.add(new Pending(key, window, null, false, java.util.Arrays.copyOfRange(timestampsMs, start, end),
                    java.util.Arrays.copyOfRange(values, start, end)));
            if (pending.size() >= CHUNKS_PER_TRANSACTION) {
                flush();
            }
            start = end;
        }
    }

    private void finish(SeriesKey key, Open o) {
        if (o.encoder.count() == 0) {
            return;
        }
        pending.add(new Pending(key, o.windowStart, o.encoder.snapshot(), o.sorted, null, null));
        if (pending.size() >= CHUNKS_PER_TRANSACTION) {
            flush();
        }
    }

    private void flush() {
        if (pending.isEmpty()) {
            return;
        }
        // Encode without the lock (series ids are resolved under it, so prepare with a placeholder).
        List<ChunkWriter.Prepared> prepared = pending.parallelStream()
                .map(p -> p.prepare(store.chunkWriter()))
                .toList();
        store.writeLock().lock();
        Map<SeriesKey, Integer> created = new HashMap<>();
        try {
            long firstWindow = Long.MAX_VALUE;
            for (Pending p : pending) {
                firstWindow = Math.min(firstWindow, p.windowStart());
            }
            store.dayRollups().historyWritten(DayRollups.dayOf(firstWindow));
            long n = 0;
            for (int i = 0; i < pending.size(); i++) {
                int id = store.resolveId(pending.get(i).key(), created);
                ChunkWriter.Prepared p = prepared.get(i);
                store.chunkWriter().write(new ChunkWriter.Prepared(id, p.windowStart(), p.ts(), p.values(), p.count(),
                        p.chunk(), p.rollup(), p.rollupBuckets()));
                n += p.count();
            }
            store.writerConnection().commit();
            store.registerCreated(created);
            written += n;
        } catch (SQLException e) {
            store.rollbackQuietly();
            throw TimeSeriesStore.translate(e, "write history");
        } catch (RuntimeException e) {
            store.rollbackQuietly();
            throw e;
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
