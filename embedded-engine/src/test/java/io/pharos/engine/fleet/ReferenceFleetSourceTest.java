package io.pharos.engine.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pharos.engine.ingest.SampleBatch;
import io.pharos.engine.ingest.SourceStatus;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ReferenceFleetSourceTest {
    private static final Duration INTERVAL = Duration.ofMillis(20);
    private final ReferenceFleet fleet = new ReferenceFleet(4, 7);

    @Test
    void pushesOneBatchOfEverySeriesPerAlignedTickAndStops() throws Exception {
        LinkedBlockingQueue<SampleBatch> received = new LinkedBlockingQueue<>();
        ReferenceFleetSource source = new ReferenceFleetSource(fleet, INTERVAL, InstantSource.system());
        assertThat(source.simulated()).isTrue();
        assertThat(source.status().state()).isEqualTo(SourceStatus.State.STARTING);

        source.start(received::put);
        List<SampleBatch> batches = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            SampleBatch b = received.poll(5, TimeUnit.SECONDS);
            assertThat(b).as("batch %d", i).isNotNull();
            batches.add(b);
        }
        long stopStarted = System.nanoTime();
        source.stop();
        assertThat(Duration.ofNanos(System.nanoTime() - stopStarted)).isLessThan(Duration.ofSeconds(1));

        long previous = Long.MIN_VALUE;
        for (SampleBatch b : batches) {
            assertThat(b.size()).isEqualTo(fleet.size());
            long t = b.timestamp(0);
            assertThat(t % INTERVAL.toMillis()).isZero();
            assertThat(t).isGreaterThan(previous);
            previous = t;
            for (int i = 0; i < b.size(); i += 11) {
                assertThat(b.key(i)).isEqualTo(fleet.key(i));
                assertThat(b.timestamp(i)).isEqualTo(t);
                assertThat(b.value(i)).isEqualTo(fleet.value(i, t));
            }
        }
        SourceStatus status = source.status();
        assertThat(status.state()).isEqualTo(SourceStatus.State.STOPPED);
        assertThat(status.samplesProduced()).isGreaterThanOrEqualTo(3L * fleet.size());
        assertThat(status.lastSampleAtMs()).isGreaterThanOrEqualTo(previous);
        assertThat(status.message()).as("what it sends, said in the status table").startsWith("simulated: ")
                .contains(String.format(java.util.Locale.ROOT, "%,d series every", fleet.size()));

        received.clear();
        Thread.sleep(5 * INTERVAL.toMillis());
        assertThat(received).as("no batch after stop").isEmpty();
    }

    @Test
    void stopEndsASourceBlockedBySlowSinkPromptly() throws Exception {
        CountDownLatch blocked = new CountDownLatch(1);
        ReferenceFleetSource source = new ReferenceFleetSource(fleet, INTERVAL, InstantSource.system());
        source.start(batch -> {
            blocked.countDown();
            Thread.sleep(60_000); // an engine that is far behind
        });
        assertThat(blocked.await(5, TimeUnit.SECONDS)).isTrue();
        long stopStarted = System.nanoTime();
        source.stop();
        assertThat(Duration.ofNanos(System.nanoTime() - stopStarted)).isLessThan(Duration.ofSeconds(1));
        assertThat(source.status().state()).isEqualTo(SourceStatus.State.STOPPED);
    }

    @Test
    void aFailingSinkMarksTheSourceFailedWithAMessage() throws Exception {
        ReferenceFleetSource source = new ReferenceFleetSource(fleet, INTERVAL, InstantSource.system());
        source.start(batch -> {
            throw new IllegalStateException("store closed");
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (source.status().state() != SourceStatus.State.FAILED && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(source.status().state()).isEqualTo(SourceStatus.State.FAILED);
        assertThat(source.status().message()).contains("store closed").contains("restart");
        source.stop();
        assertThat(source.status().state()).isEqualTo(SourceStatus.State.FAILED);
    }

    @Test
    void startingTwiceIsRefused() {
        ReferenceFleetSource source = new ReferenceFleetSource(fleet, INTERVAL, InstantSource.system());
        source.start(batch -> { });
        try {
            assertThatThrownBy(() -> source.start(batch -> { })).isInstanceOf(IllegalStateException.class);
        } finally {
            source.stop();
        }
    }
}
