package io.pharos.engine.fleet;

import io.pharos.engine.ingest.SampleBatch;
import io.pharos.engine.ingest.SampleSink;
import io.pharos.engine.ingest.Source;
import io.pharos.engine.ingest.SourceStatus;
import io.pharos.engine.model.SeriesKey;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams the reference fleet in real time: at every multiple of the interval (default 1 s) one batch
 * with every series at that timestamp goes to the sink, from a virtual thread of its own. When the
 * sink holds it back for longer than an interval, the missed ticks are skipped rather than replayed:
 * the engine is behind and a burst would not help it.
 */
public final class ReferenceFleetSource implements Source {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(ReferenceFleetSource.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(2);

    private final ReferenceFleet fleet;
    private final long intervalMs;
    private final InstantSource clock;
    private final SeriesKey[] keys;
    private final AtomicLong samplesProduced = new AtomicLong();
    private volatile long lastSampleAtMs;
    private volatile SourceStatus.State state = SourceStatus.State.STARTING;
    private volatile String message = "";
    private volatile boolean running;
    private Thread thread;

    public ReferenceFleetSource(ReferenceFleet fleet) {
        this(fleet, DEFAULT_INTERVAL, InstantSource.system());
    }

    public ReferenceFleetSource(ReferenceFleet fleet, Duration interval, InstantSource clock) {
        this.fleet = Objects.requireNonNull(fleet, "fleet");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.intervalMs = interval.toMillis();
        if (intervalMs <= 0) {
            throw new IllegalArgumentException("interval must be at least 1 ms, got " + interval);
        }
        this.keys = fleet.series().toArray(SeriesKey[]::new);
        this.message = String.format(java.util.Locale.ROOT, "simulated: %,d series every %s", keys.length,
                intervalMs % 1000 == 0 ? intervalMs / 1000 + " s" : intervalMs + " ms");
    }

    @Override
    public String name() {
        return "reference fleet (simulated)";
    }

    @Override
    public boolean simulated() {
        return true;
    }

    @Override
    public synchronized void start(SampleSink sink) {
        Objects.requireNonNull(sink, "sink");
        if (thread != null) {
            throw new IllegalStateException("the reference fleet source was already started; create a new one");
        }
        running = true;
        thread = Thread.ofVirtual().name("reference-fleet-source").start(() -> run(sink));
    }

    @Override
    public void stop() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
        }
        if (t == null) {
            state = SourceStatus.State.STOPPED;
            return;
        }
        t.interrupt();
        try {
            if (!t.join(STOP_WAIT)) {
                LOG.warn("reference fleet source did not stop within {}", STOP_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (state != SourceStatus.State.FAILED) {
            state = SourceStatus.State.STOPPED;
        }
    }

    @Override
    public SourceStatus status() {
        return new SourceStatus(state, samplesProduced.get(), lastSampleAtMs, message);
    }

    private void run(SampleSink sink) {
        try {
            long next = alignUp(clock.millis());
            while (running) {
                long wait = next - clock.millis();
                if (wait > 0) {
                    Thread.sleep(wait);
                }
                SampleBatch batch = batchAt(next);
                sink.accept(batch);
                samplesProduced.addAndGet(batch.size());
                lastSampleAtMs = next;
                state = SourceStatus.State.RUNNING;
                next += intervalMs;
                long now = clock.millis();
                if (now - next >= intervalMs) {
                    long caughtUp = alignUp(now);
                    LOG.debug("reference fleet skipped {} ticks: the sink was busy", (caughtUp - next) / intervalMs);
                    next = caughtUp;
                }
            }
        } catch (InterruptedException e) {
            // stop() interrupts the sleep or the sink's back-pressure wait: a normal end
        } catch (RuntimeException e) {
            LOG.error("reference fleet source failed", e);
            message = "the simulated fleet stopped: " + e + "; restart the source, and report it if it happens again";
            state = SourceStatus.State.FAILED;
        }
    }

    SampleBatch batchAt(long timestampMs) {
        SampleBatch.Builder builder = SampleBatch.builder(keys.length);
        for (int i = 0; i < keys.length; i++) {
            builder.add(keys[i], timestampMs, fleet.value(i, timestampMs));
        }
        return builder.build();
    }

    private long alignUp(long timeMs) {
        return Math.ceilDiv(timeMs, intervalMs) * intervalMs;
    }
}
