package io.pharos.engine.host;

import io.pharos.engine.ingest.SampleBatch;
import io.pharos.engine.ingest.SampleSink;
import io.pharos.engine.ingest.Source;
import io.pharos.engine.ingest.SourceStatus;
import io.pharos.engine.ingest.SourceStatus.State;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metrics of the machine the console runs on, read every interval on one virtual thread and pushed
 * as one batch per tick. A failed read marks the source FAILED and is retried on the next tick.
 */
public final class LocalHostSource implements Source {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    private static final Duration STOP_WAIT = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(LocalHostSource.class);

    private final Callable<List<HostReading>> reader;
    private final Duration interval;
    private final Clock clock;
    private volatile SourceStatus status = SourceStatus.starting();
    private Thread thread;
    private final Duration firstReadAfter;

    /** Reads this machine every {@link #DEFAULT_INTERVAL}. */
    public LocalHostSource() {
        this(DEFAULT_INTERVAL, Clock.systemUTC(), Duration.ZERO);
    }

    /**
     * Reads this machine every {@code interval}, the first time after {@code firstReadAfter}. The OSHI
     * reader is built at that first read, on the source's own thread: building it walks /proc, udev
     * and the network interfaces, 0.1-0.2 s of CPU that the console's start need not wait for.
     */
    public LocalHostSource(Duration interval, Clock clock, Duration firstReadAfter) {
        this(builtAtFirstRead(), interval, clock, firstReadAfter);
    }

    /** For tests: any producer of readings, e.g. one that fails. */
    LocalHostSource(Callable<List<HostReading>> reader, Duration interval, Clock clock, Duration firstReadAfter) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, got " + interval);
        }
        this.reader = Objects.requireNonNull(reader, "reader");
        this.interval = interval;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.firstReadAfter = Objects.requireNonNull(firstReadAfter, "firstReadAfter");
    }

    /** One thread calls it (the source's): no lock. A failed build is tried again at the next tick. */
    private static Callable<List<HostReading>> builtAtFirstRead() {
        HostReader[] built = new HostReader[1];
        return () -> {
            if (built[0] == null) {
                built[0] = HostReader.forThisMachine();
            }
            return built[0].read();
        };
    }

    @Override
    public String name() {
        return "local host";
    }

    @Override
    public synchronized void start(SampleSink sink) {
        Objects.requireNonNull(sink, "sink");
        if (thread != null && thread.isAlive()) {
            throw new IllegalStateException("local host source is already running");
        }
        status = new SourceStatus(State.STARTING, status.samplesProduced(), status.lastSampleAtMs(), "");
        thread = Thread.ofVirtual().name("pharos-local-host").start(() -> run(sink));
    }

    @Override
    public synchronized void stop() {
        if (thread == null) {
            return;
        }
        thread.interrupt();
        try {
            if (!thread.join(STOP_WAIT)) {
                LOG.warn("local host source did not stop within {}", STOP_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread = null;
        SourceStatus last = status;
        status = new SourceStatus(State.STOPPED, last.samplesProduced(), last.lastSampleAtMs(), "stopped");
    }

    @Override
    public SourceStatus status() {
        return status;
    }

    private void run(SampleSink sink) {
        long intervalNanos = interval.toNanos();
        try {
            Thread.sleep(firstReadAfter);
        } catch (InterruptedException e) {
            return; // stopped before the first read
        }
        long next = System.nanoTime();
        try {
            while (!Thread.currentThread().isInterrupted()) {
                tick(sink);
                next += intervalNanos;
                long wait = next - System.nanoTime();
                if (wait <= 0) { // a slow tick or a suspended laptop: skip the missed ticks, don't burst
                    next = System.nanoTime();
                    continue;
                }
                Thread.sleep(Duration.ofNanos(wait));
            }
        } catch (InterruptedException e) {
            // stop() asked us to finish
        }
    }

    private void tick(SampleSink sink) throws InterruptedException {
        List<HostReading> readings;
        try {
            readings = reader.call();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception | LinkageError e) {
            fail("Could not read this machine's metrics", e, "check that the console may read /proc and /sys"
                    + " (or the OS equivalents)");
            return;
        }
        long now = clock.millis();
        SampleBatch.Builder batch = SampleBatch.builder(readings.size());
        for (HostReading r : readings) {
            batch.add(r.key(), now, r.value());
        }
        try {
            sink.accept(batch.build());
        } catch (RuntimeException e) {
            fail("The engine refused the local host metrics", e, "see the engine's log for the cause");
            return;
        }
        SourceStatus last = status;
        status = new SourceStatus(State.RUNNING, last.samplesProduced() + readings.size(), now,
                readings.size() + " metrics every " + describe(interval));
        if (last.state() == State.FAILED) {
            LOG.info("local host metrics readable again");
        }
    }

    private void fail(String what, Throwable e, String whatToDo) {
        SourceStatus last = status;
        String message = what + ": " + describe(e) + ". Retrying every " + describe(interval)
                + "; if it keeps failing, " + whatToDo + ".";
        if (last.state() != State.FAILED) { // log the first failure, not one line per tick
            LOG.warn("{}", message, e);
        }
        status = new SourceStatus(State.FAILED, last.samplesProduced(), last.lastSampleAtMs(), message);
    }

    private static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static String describe(Throwable e) {
        String detail = e.getMessage();
        return detail == null || detail.isBlank() ? e.getClass().getSimpleName()
                : detail + " (" + e.getClass().getSimpleName() + ")";
    }
}
