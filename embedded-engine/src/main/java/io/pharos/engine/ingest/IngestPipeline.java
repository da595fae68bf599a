package io.pharos.engine.ingest;

import io.pharos.engine.store.Appender;
import io.pharos.engine.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one path from sources into the store. Sources hand batches to {@link #accept}; a single
 * writer thread drains the queue, merging what is waiting into one commit. The queue is bounded in
 * samples: when the store falls behind, {@code accept} blocks, and a source slows down rather than
 * filling memory. A failed commit (disk full) is retried, not dropped; the error is shown meanwhile.
 */
public final class IngestPipeline implements SampleSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IngestPipeline.class);
    private static final long RETRY_MS = 2_000;

    private final Supplier<Appender> appenders;
    private final int capacity;
    private final int maxCommitSamples;
    private final Semaphore room;
    private final LinkedBlockingQueue<SampleBatch> queue = new LinkedBlockingQueue<>();
    private final AtomicLong committed = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();
    private final Thread writer;
    private volatile String lastError = "";
    private volatile boolean stopping;
    private final List<CommitListener> listeners = new CopyOnWriteArrayList<>();

    /**
     * @param capacitySamples  samples that may wait in the queue before sources block
     * @param maxCommitSamples samples merged into one commit at most
     */
    public IngestPipeline(Supplier<Appender> appenders, int capacitySamples, int maxCommitSamples) {
        this.appenders = appenders;
        this.capacity = capacitySamples;
        this.maxCommitSamples = maxCommitSamples;
        this.room = new Semaphore(capacitySamples);
        this.writer = Thread.ofPlatform().name("pharos-ingest-writer").daemon().start(this::run);
    }

    public IngestPipeline(Supplier<Appender> appenders) {
        this(appenders, 1_000_000, 100_000);
    }

    @Override
    public void accept(SampleBatch batch) throws InterruptedException {
        if (stopping) {
            throw new IllegalStateException("ingest is shut down");
        }
        if (batch.size() == 0) {
            return;
        }
        room.acquire(permits(batch));
        queue.put(batch);
    }

    /** Like {@link #accept} but gives up after the timeout; returns false when the batch was not queued. */
    public boolean offer(SampleBatch batch, long timeout, TimeUnit unit) throws InterruptedException {
        if (!room.tryAcquire(permits(batch), timeout, unit)) {
            return false;
        }
        queue.put(batch);
        return true;
    }

    private int permits(SampleBatch batch) {
        return Math.min(batch.size(), capacity);
    }

    private void run() {
        Appender appender = appenders.get();
        List<SampleBatch> drained = new ArrayList<>();
        while (true) {
            try {
                SampleBatch first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (stopping) {
                        return;
                    }
                    continue;
                }
                drained.add(first);
                int n = first.size();
                SampleBatch next;
                while (n < maxCommitSamples && (next = queue.peek()) != null && n + next.size() <= maxCommitSamples) {
                    drained.add(queue.poll());
                    n += next.size();
                }
                commitWithRetry(appender, drained, n);
            } catch (InterruptedException e) {
                if (stopping && queue.isEmpty()) {
                    return;
                }
            } finally {
                for (SampleBatch b : drained) {
                    room.release(permits(b));
                }
                drained.clear();
            }
        }
    }

    private void commitWithRetry(Appender appender, List<SampleBatch> batches, int n) throws InterruptedException {
        while (true) {
            for (SampleBatch b : batches) {
                for (int i = 0; i < b.size(); i++) {
                    appender.append(b.key(i), b.timestamp(i), b.value(i));
                }
            }
            try {
                int accepted = appender.commit();
                committed.addAndGet(accepted);
                rejected.addAndGet(n - accepted);
                commits.incrementAndGet();
                tell(batches);
                if (!lastError.isEmpty()) {
                    LOG.info("Ingest recovered: writing again");
                    lastError = "";
                }
                return;
            } catch (RuntimeException e) {
                if (!(e instanceof StoreException)) {
                    // A defect, not a condition that passes: drop this batch, say so, keep ingesting.
                    appender.rollback();
                    rejected.addAndGet(n);
                    lastError = "Ingest dropped " + n + " samples after an internal error: " + e;
                    LOG.error("{}", lastError, e);
                    return;
                }
                appender.rollback();
                if (!e.getMessage().equals(lastError)) {
                    LOG.error("{}", e.getMessage());
                }
                lastError = e.getMessage();
                if (stopping) {
                    return;
                }
                Thread.sleep(RETRY_MS);
            }
        }
    }

    /**
     * Adds a listener told of each commit, on the writer thread, after the store took it: it must
     * return at once (copy what it needs and hand it on).
     */
    public void addCommitListener(CommitListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeCommitListener(CommitListener listener) {
        listeners.remove(listener);
    }

    private void tell(List<SampleBatch> batches) {
        if (listeners.isEmpty()) {
            return;
        }
        List<SampleBatch> committedBatches = List.copyOf(batches);
        for (CommitListener l : listeners) {
            try {
                l.committed(committedBatches);
            } catch (RuntimeException e) {
                LOG.error("A commit listener failed; the samples are stored all the same", e);
            } catch (OutOfMemoryError e) {
                // What it holds must not stop the store's one writer: it goes, the store goes on.
                listeners.remove(l);
                l.detached();
                LOG.error("A commit listener ran out of memory and is removed (an agent's streams stop); the samples"
                        + " are stored all the same", e);
            }
        }
    }

    /** Told of the batches of each commit, in commit order; the samples the store refused included. */
    @FunctionalInterface
    public interface CommitListener {
        void committed(List<SampleBatch> batches);

        /** It will be told nothing more (it failed): whoever waits on it must stop waiting. */
        default void detached() {
        }
    }

    public IngestStats stats() {
        return new IngestStats(committed.get(), rejected.get(), commits.get(), capacity - room.availablePermits(),
                lastError);
    }

    /** Waits until everything queued so far is committed (tests, benchmarks, shutdown). */
    public void flush() throws InterruptedException {
        while (room.availablePermits() < capacity) {
            Thread.sleep(5);
        }
    }

    @Override
    public void close() {
        stopping = true;
        try {
            writer.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Counters of the pipeline; {@code lastError} is empty while writes succeed. */
    public record IngestStats(long samplesCommitted, long samplesRejected, long commits, long samplesQueued,
                              String lastError) {
    }
}
