package io.pharos.engine.fleet;

import io.pharos.engine.store.HistoryWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Fills a time range of reference-fleet history into a {@link HistoryWriter}: timestamps are the
 * multiples of the step (default 15 s) in [from, to), written per series in blocks of time (default
 * 2 h), each series ascending. With more than one thread, workers compute chunks of series into
 * arrays of their own while the calling thread alone writes them in order, so the writer need not be
 * thread-safe. The writer may keep the arrays it is given: each is written once and never reused.
 */
public final class FleetHistoryGenerator {
    public static final Duration DEFAULT_STEP = Duration.ofSeconds(15);
    public static final Duration DEFAULT_BLOCK = Duration.ofHours(2);
    /** Series per unit of work: small enough to keep memory flat, large enough to amortise hand-off. */
    private static final int SERIES_PER_CHUNK = 512;

    private final ReferenceFleet fleet;
    private final long stepMs;
    private final int stepsPerBlock;
    private final int threads;

    public FleetHistoryGenerator(ReferenceFleet fleet) {
        this(fleet, DEFAULT_STEP, DEFAULT_BLOCK, 1);
    }

    /** @param threads computing threads besides the calling one, which writes; 1 computes on the caller */
    public FleetHistoryGenerator(ReferenceFleet fleet, Duration step, Duration block, int threads) {
        this.fleet = Objects.requireNonNull(fleet, "fleet");
        this.stepMs = step.toMillis();
        if (stepMs <= 0) {
            throw new IllegalArgumentException("step must be at least 1 ms, got " + step);
        }
        if (block.toMillis() < stepMs) {
            throw new IllegalArgumentException("block " + block + " is shorter than the step " + step);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.stepsPerBlock = (int) Math.min(Integer.MAX_VALUE, block.toMillis() / stepMs);
        this.threads = threads;
    }

    /** Samples of one series in [from, to). */
    public long stepsBetween(Instant from, Instant to) {
        long first = firstStep(from.toEpochMilli());
        long end = to.toEpochMilli();
        return first < end ? (end - 1 - first) / stepMs + 1 : 0;
    }

    /** Samples {@link #generate} writes for [from, to). */
    public long samplesBetween(Instant from, Instant to) {
        return stepsBetween(from, to) * fleet.size();
    }

    /**
     * Writes every series of the fleet over [from, to) and returns the number of samples written.
     * Progress is reported after each chunk of series.
     *
     * @throws InterruptedException when the calling thread is interrupted; what was written stays
     *                              (running again rewrites it)
     */
    public long generate(Instant from, Instant to, HistoryWriter writer, HistoryProgress progress)
            throws InterruptedException {
        Objects.requireNonNull(writer, "writer");
        Objects.requireNonNull(progress, "progress");
        long steps = stepsBetween(from, to);
        long total = steps * fleet.size();
        long first = firstStep(from.toEpochMilli());
        var job = new Job(writer, progress, total);
        if (threads == 1) {
            job.runInline(first, steps);
        } else {
            try (ExecutorService pool = Executors.newFixedThreadPool(threads,
                    Thread.ofPlatform().name("fleet-history-", 0).daemon().factory())) {
                try {
                    job.runParallel(pool, first, steps);
                } finally {
                    pool.shutdownNow();
                }
            }
        }
        return job.written;
    }

    private long firstStep(long fromMs) {
        return Math.ceilDiv(fromMs, stepMs) * stepMs;
    }

    /** The values of a run of series over one block, computed by whichever thread. */
    private record Chunk(long[] timestamps, int firstSeries, double[][] values) {
    }

    private Chunk compute(long[] timestamps, int firstSeries) {
        int count = Math.min(SERIES_PER_CHUNK, fleet.size() - firstSeries);
        double[][] values = new double[count][];
        for (int i = 0; i < count; i++) {
            values[i] = new double[timestamps.length];
            fleet.fill(firstSeries + i, timestamps[0], stepMs, timestamps.length, values[i]);
        }
        return new Chunk(timestamps, firstSeries, values);
    }

    /**
     * The timestamps of [first, first + steps * step) cut at multiples of the block length since the
     * epoch, not of the start: stores keep history in aligned blocks (the Pharos store in 2-hour
     * blocks), and a block written in two halves would have to be merged.
     */
    private List<long[]> alignedBlocks(long first, long steps) {
        long blockMs = (long) stepsPerBlock * stepMs;
        List<long[]> blocks = new ArrayList<>();
        long done = 0;
        while (done < steps) {
            long start = first + done * stepMs;
            long blockEnd = (Math.floorDiv(start, blockMs) + 1) * blockMs;
            long n = Math.min(steps - done, Math.max(1, Math.ceilDiv(blockEnd - start, stepMs)));
            long[] ts = new long[(int) n];
            for (int i = 0; i < n; i++) {
                ts[i] = start + i * stepMs;
            }
            blocks.add(ts);
            done += n;
        }
        return blocks;
    }

    /** One generate call's writing side; only the calling thread touches it. */
    private final class Job {
        private final HistoryWriter writer;
        private final HistoryProgress progress;
        private final long total;
        private long written;

        Job(HistoryWriter writer, HistoryProgress progress, long total) {
            this.writer = writer;
            this.progress = progress;
            this.total = total;
        }

        void runInline(long first, long steps) throws InterruptedException {
            for (long[] ts : alignedBlocks(first, steps)) {
                for (int s = 0; s < fleet.size(); s += SERIES_PER_CHUNK) {
                    if (Thread.interrupted()) {
                        throw new InterruptedException("history generation interrupted");
                    }
                    write(compute(ts, s));
                }
            }
        }

        /** Keeps a bounded number of chunks in flight and writes them in submission order. */
        void runParallel(ExecutorService pool, long first, long steps) throws InterruptedException {
            Deque<Future<Chunk>> inFlight = new ArrayDeque<>();
            int maxInFlight = threads * 2;
            for (long[] ts : alignedBlocks(first, steps)) {
                for (int s = 0; s < fleet.size(); s += SERIES_PER_CHUNK) {
                    int firstSeries = s;
                    inFlight.add(pool.submit(() -> compute(ts, firstSeries)));
                    if (inFlight.size() >= maxInFlight) {
                        write(take(inFlight));
                    }
                }
            }
            while (!inFlight.isEmpty()) {
                write(take(inFlight));
            }
        }

        private Chunk take(Deque<Future<Chunk>> inFlight) throws InterruptedException {
            try {
                return inFlight.removeFirst().get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("generating fleet history failed: " + e.getCause(), e.getCause());
            }
        }

        private void write(Chunk chunk) {
            int n = chunk.timestamps().length;
            for (int i = 0; i < chunk.values().length; i++) {
                writer.appendSeries(fleet.key(chunk.firstSeries() + i), chunk.timestamps(), chunk.values()[i], n);
            }
            written += (long) n * chunk.values().length;
            progress.update(written, total);
        }
    }
}
