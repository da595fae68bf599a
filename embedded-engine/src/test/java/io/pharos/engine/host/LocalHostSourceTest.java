package io.pharos.engine.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.engine.ingest.SampleBatch;
import io.pharos.engine.ingest.SampleSink;
import io.pharos.engine.ingest.SourceStatus.State;
import io.pharos.engine.model.SeriesKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class LocalHostSourceTest {
    private static final Duration FAST = Duration.ofMillis(100);

    /** Collects batches so the test can wait for them. */
    private static final class QueueSink implements SampleSink {
        final LinkedBlockingQueue<SampleBatch> batches = new LinkedBlockingQueue<>();

        @Override
        public void accept(SampleBatch batch) {
            batches.add(batch);
        }

        SampleBatch next() throws InterruptedException {
            SampleBatch batch = batches.poll(10, TimeUnit.SECONDS);
            assertThat(batch).as("a batch within 10 s").isNotNull();
            return batch;
        }
    }

    @Test
    void pushesRealBatchesAndStopsPromptly() throws InterruptedException {
        // the reader built on the source's thread at its first tick, as the console starts it
        var source = new LocalHostSource(FAST, Clock.systemUTC(), Duration.ZERO);
        var sink = new QueueSink();
        source.start(sink);
        SampleBatch first = sink.next();
        SampleBatch second = sink.next();

        long started = System.nanoTime();
        source.stop();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));

        assertThat(first.size()).isPositive();
        assertThat(second.key(0).label("source")).isEqualTo("local");
        assertThat(source.status().state()).isEqualTo(State.STOPPED);
        assertThat(source.status().samplesProduced()).isGreaterThanOrEqualTo(first.size() + second.size());
        sink.batches.clear();
        Thread.sleep(3 * FAST.toMillis());
        assertThat(sink.batches).as("nothing after stop").isEmpty();
    }

    @Test
    void reportsFailureReadablyAndRecoversOnALaterTick() throws InterruptedException {
        var failing = new AtomicBoolean(true);
        var reading = new HostReading(SeriesKey.of("node_load1", "host", "h", "source", "local"), 0.5);
        var source = new LocalHostSource(() -> {
            if (failing.get()) {
                throw new IllegalStateException("cannot open /proc/stat");
            }
            return List.of(reading);
        }, FAST, Clock.systemUTC(), Duration.ZERO);
        var sink = new QueueSink();
        source.start(sink);
        try {
            awaitState(source, State.FAILED);
            assertThat(source.status().message()).contains("cannot open /proc/stat").contains("Retrying");
            failing.set(false);
            sink.next();
            awaitState(source, State.RUNNING);
            assertThat(source.status().samplesProduced()).isPositive();
        } finally {
            source.stop();
        }
    }

    @Test
    void stopInterruptsASinkThatBlocks() {
        var reading = new HostReading(SeriesKey.of("node_load1", "host", "h", "source", "local"), 0.5);
        var source = new LocalHostSource(() -> List.of(reading), FAST, Clock.systemUTC(), Duration.ZERO);
        source.start(batch -> Thread.sleep(60_000)); // an engine that never catches up
        long started = System.nanoTime();
        source.stop();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        assertThat(source.status().state()).isEqualTo(State.STOPPED);
    }

    @Test
    void theFirstReadWaitsItsDelayAndAStopMeanwhileEndsAtOnce() throws InterruptedException {
        var reads = new java.util.concurrent.atomic.AtomicInteger();
        var reading = new HostReading(SeriesKey.of("node_load1", "host", "h", "source", "local"), 0.5);
        var source = new LocalHostSource(() -> {
            reads.incrementAndGet();
            return List.of(reading);
        }, FAST, Clock.systemUTC(), Duration.ofSeconds(30));
        var sink = new QueueSink();
        source.start(sink);
        Thread.sleep(10 * FAST.toMillis());
        assertThat(reads.get()).as("nothing read in the first of its 30 s").isZero();
        assertThat(source.status().state()).isEqualTo(State.STARTING);
        long started = System.nanoTime();
        source.stop();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        assertThat(reads.get()).isZero();
        assertThat(source.status().state()).isEqualTo(State.STOPPED);
    }

    private static void awaitState(LocalHostSource source, State state) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (source.status().state() != state && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(source.status().state()).isEqualTo(state);
    }
}
