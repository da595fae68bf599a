package io.pharos.engine.agent;

import io.pharos.engine.ingest.IngestPipeline;
import io.pharos.engine.ingest.SampleBatch;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The agent's recent commits, numbered, for its streams: the ingest writer adds each commit (after the
 * store took it, so that a streamed sample is also in the agent's store), and each stream reads on from
 * the number it last saw. Bounded in samples and in age: a stream that falls further behind than the
 * feed holds is told so ({@link Read#behind()}) and ends; its client reconnects and is backfilled from
 * the store. The age bound keeps a quiet agent's memory small: a host read every 5 s would otherwise
 * hold days of samples before reaching the sample bound.
 */
public final class SampleFeed implements IngestPipeline.CommitListener {
    private final long capacitySamples;
    private final long maxAgeNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition added = lock.newCondition();
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private long held;
    private long lastSeq;
    private boolean closed;

    /**
     * @param capacitySamples samples kept for streams that lag, at least one commit's worth always
     * @param maxAge          how long a commit is kept for them at most
     */
    public SampleFeed(long capacitySamples, Duration maxAge) {
        if (capacitySamples < 1 || maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("capacity and age must be positive, got " + capacitySamples + " and "
                    + maxAge);
        }
        this.capacitySamples = capacitySamples;
        this.maxAgeNanos = maxAge.toNanos();
    }

    /** Samples kept for at most ten minutes. */
    public SampleFeed(long capacitySamples) {
        this(capacitySamples, Duration.ofMinutes(10));
    }

    @Override
    public void committed(List<SampleBatch> batches) {
        lock.lock();
        try {
            for (SampleBatch b : batches) {
                if (b.size() == 0) {
                    continue;
                }
                entries.addLast(new Entry(++lastSeq, b, System.nanoTime()));
                held += b.size();
            }
            long oldest = System.nanoTime() - maxAgeNanos;
            while (entries.size() > 1 && (held > capacitySamples || entries.peekFirst().addedNanos() < oldest)) {
                held -= entries.removeFirst().batch().size();
            }
            added.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The number of the newest batch: a stream that starts now reads on from it. */
    public long position() {
        lock.lock();
        try {
            return lastSeq;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The batches after {@code afterSeq}, waiting up to {@code timeout} for one when there are none.
     * Empty when the wait ended without any; {@code behind} when some after {@code afterSeq} were
     * already dropped; {@code closed} when the feed was closed.
     */
    public Read read(long afterSeq, long timeout, TimeUnit unit) throws InterruptedException {
        lock.lock();
        try {
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            while (lastSeq <= afterSeq && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return new Read(List.of(), afterSeq, false, false);
                }
                added.awaitNanos(left);
            }
            if (closed) {
                return new Read(List.of(), afterSeq, false, true);
            }
            Entry first = entries.peekFirst();
            if (first == null || first.seq() > afterSeq + 1) {
                return new Read(List.of(), afterSeq, true, false);
            }
            List<SampleBatch> out = new ArrayList<>();
            long seq = afterSeq;
            for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
                Entry e = it.next();
                if (e.seq() > afterSeq) {
                    out.add(e.batch());
                    seq = e.seq();
                }
            }
            return new Read(out, seq, false, false);
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every waiting stream; they end. */
    /** Out of the pipeline: its streams end (consoles reconnect and backfill from the store). */
    @Override
    public void detached() {
        close();
    }

    public void close() {
        lock.lock();
        try {
            closed = true;
            added.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** What a stream read: the batches, the number to read on from, and whether it fell behind. */
    public record Read(List<SampleBatch> batches, long lastSeq, boolean behind, boolean closed) {
    }

    private record Entry(long seq, SampleBatch batch, long addedNanos) {
    }
}
