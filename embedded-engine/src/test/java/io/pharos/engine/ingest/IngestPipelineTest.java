package io.pharos.engine.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.engine.model.SeriesKey;
import io.pharos.engine.store.StoreOptions;
import io.pharos.engine.store.TimeSeriesStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestPipelineTest {
    @TempDir
    Path dir;

    private static SampleBatch batch(int series, long ts) {
        SampleBatch.Builder b = SampleBatch.builder(series);
        for (int i = 0; i < series; i++) {
            b.add(SeriesKey.of("m", "i", Integer.toString(i)), ts, i);
        }
        return b.build();
    }

    @Test
    void everyAcceptedSampleIsCommittedInOrder() throws Exception {
        StoreOptions opts = StoreOptions.defaults().withCompaction(Duration.ZERO, Duration.ofMinutes(1));
        try (TimeSeriesStore store = TimeSeriesStore.open(dir, opts);
             IngestPipeline pipeline = new IngestPipeline(store::appender, 5_000, 2_000)) {
            for (int t = 0; t < 200; t++) {
                pipeline.accept(batch(100, 1_000_000L + t * 1000L));
            }
            pipeline.flush();
            assertThat(pipeline.stats().samplesCommitted()).isEqualTo(20_000);
            assertThat(pipeline.stats().commits()).isLessThan(200); // batches were merged into fewer commits
            assertThat(store.read(store.ref(SeriesKey.of("m", "i", "7")), 0, Long.MAX_VALUE).size()).isEqualTo(200);
        }
    }

    @Test
    void aListenerThatFailsOrRunsOutOfMemoryDoesNotStopTheStoresWriter() throws Exception {
        StoreOptions opts = StoreOptions.defaults().withCompaction(Duration.ZERO, Duration.ofMinutes(1));
        try (TimeSeriesStore store = TimeSeriesStore.open(dir, opts);
             IngestPipeline pipeline = new IngestPipeline(store::appender, 5_000, 2_000)) {
            java.util.concurrent.atomic.AtomicInteger told = new java.util.concurrent.atomic.AtomicInteger();
            pipeline.addCommitListener(b -> {
                told.incrementAndGet();
                throw new OutOfMemoryError("Java heap space (a test's)");
            });
            pipeline.addCommitListener(b -> {
                throw new IllegalStateException("a test's");
            });
            pipeline.accept(batch(10, 1_000_000L));
            pipeline.flush();
            pipeline.accept(batch(10, 1_001_000L));
            pipeline.flush();
            assertThat(pipeline.stats().samplesCommitted()).isEqualTo(20);
            assertThat(told.get()).as("the listener out of memory is removed after its failure").isEqualTo(1);
            assertThat(store.read(store.ref(SeriesKey.of("m", "i", "3")), 0, Long.MAX_VALUE).size()).isEqualTo(2);
        }
    }

    /** An appender whose commit waits for the test to open a gate: the store "falls behind". */
    private static final class GatedAppender implements io.pharos.engine.store.Appender {
        final java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
        final java.util.concurrent.atomic.AtomicLong committed = new java.util.concurrent.atomic.AtomicLong();
        private int pending;

        @Override
        public void append(SeriesKey key, long timestampMs, double value) {
            pending++;
        }

        @Override
        public int commit() {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            committed.addAndGet(pending);
            int n = pending;
            pending = 0;
            return n;
        }

        @Override
        public void rollback() {
            pending = 0;
        }
    }

    @Test
    void aSourceWaitsWhileTheStoreIsBehindAndNothingIsLost() throws Exception {
        GatedAppender appender = new GatedAppender();
        try (IngestPipeline pipeline = new IngestPipeline(() -> appender, 1_000, 500)) {
            int queued = 0;
            while (pipeline.offer(batch(100, 1000L * queued), 50, TimeUnit.MILLISECONDS)) {
                queued++;
                assertThat(queued).as("the queue must refuse once full").isLessThan(100);
            }
            // The writer holds one commit (up to 500) and the queue holds the capacity of 1,000 samples.
            assertThat(queued * 100).isLessThanOrEqualTo(1_500);
            Thread producer = Thread.ofVirtual().start(() -> {
                try {
                    pipeline.accept(batch(100, 999_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            producer.join(300);
            assertThat(producer.isAlive()).as("accept blocks while the queue is full").isTrue();
            appender.gate.countDown();
            producer.join(5_000);
            assertThat(producer.isAlive()).isFalse();
            pipeline.flush();
            assertThat(appender.committed.get()).isEqualTo(queued * 100L + 100);
        }
    }
}
