package io.pharos.bench;

import io.pharos.engine.ingest.IngestPipeline;
import io.pharos.engine.ingest.SampleBatch;
import io.pharos.engine.model.SeriesKey;
import io.pharos.engine.query.QueryService;
import io.pharos.engine.store.SeriesRef;
import io.pharos.engine.store.StoreOptions;
import io.pharos.engine.store.TimeSeriesStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sustained durable ingest while a reader queries. One producer pushes batches of every series at
 * one timestamp (a scrape of the reference fleet's shape: 6 regions x 200 hosts x 20 metrics),
 * simulated time advancing one second per batch, as fast as the engine accepts them; compaction
 * runs as usual. A reader charts a random series over the last simulated hour in a loop.
 * Prints the committed rate per second (median, min) and the reader's latencies.
 *
 * With --rate the producer offers a fixed number of samples per second instead, which shows
 * whether that rate is sustained (committed rate equal to the offered one, queue not growing).
 *
 * Usage: IngestBench [--seconds 60] [--series 24000] [--rate 0]
 */
public final class IngestBench {
    private IngestBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = (int) BenchSupport.arg(args, "seconds", 60);
        int seriesCount = (int) BenchSupport.arg(args, "series", 24_000);
        long rate = BenchSupport.arg(args, "rate", 0); // samples/s offered; 0 = as fast as accepted
        Path dir = BenchSupport.tempDir("pharos-ingest-bench");
        List<SeriesKey> keys = new ArrayList<>(seriesCount);
        for (int i = 0; i < seriesCount; i++) {
            keys.add(SeriesKey.of("bench_metric_" + (i % 20), "region", "r" + (i / 4000), "host", "h" + (i / 20)));
        }
        long t0 = Math.floorDiv(System.currentTimeMillis() - 86_400_000L, 600_000L) * 600_000L;
        try (TimeSeriesStore store = TimeSeriesStore.open(dir, StoreOptions.defaults());
             IngestPipeline pipeline = new IngestPipeline(store::appender)) {
            QueryService query = new QueryService(store);
            AtomicBoolean running = new AtomicBoolean(true);
            long[] simulatedNow = {t0};
            Thread producer = Thread.ofPlatform().name("bench-producer").start(() -> {
                Random rnd = new Random(1);
                double[] level = new double[seriesCount];
                for (int i = 0; i < seriesCount; i++) {
                    level[i] = rnd.nextInt(1000);
                }
                long ts = t0;
                long batchNanos = rate > 0 ? seriesCount * 1_000_000_000L / rate : 0;
                long deadline = System.nanoTime();
                try {
                    while (running.get()) {
                        if (batchNanos > 0) {
                            deadline += batchNanos;
                            java.util.concurrent.locks.LockSupport.parkNanos(deadline - System.nanoTime());
                        }
                        SampleBatch.Builder b = SampleBatch.builder(seriesCount);
                        for (int i = 0; i < seriesCount; i++) {
                            level[i] = Math.max(0, level[i] + rnd.nextInt(21) - 10);
                            b.add(keys.get(i), ts, level[i] / 1000.0); // three decimals, like gauges
                        }
                        pipeline.accept(b.build());
                        simulatedNow[0] = ts;
                        ts += 1000;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            double[] latencies = new double[1_000_000];
            int[] queries = {0};
            Thread reader = Thread.ofPlatform().name("bench-reader").start(() -> {
                Random rnd = new Random(2);
                while (running.get()) {
                    SeriesRef ref = store.ref(keys.get(rnd.nextInt(seriesCount)));
                    if (ref == null) {
                        Thread.onSpinWait();
                        continue;
                    }
                    long now = simulatedNow[0];
                    long start = System.nanoTime();
                    query.chart(ref, now - 3_600_000L, now, 300);
                    if (queries[0] < latencies.length) {
                        latencies[queries[0]++] = (System.nanoTime() - start) / 1e6;
                    }
                }
            });
            double[] perSecond = new double[seconds];
            long last = 0;
            long cpuStart = BenchSupport.processCpuNanos();
            for (int s = 0; s < seconds; s++) {
                Thread.sleep(1000);
                long c = pipeline.stats().samplesCommitted();
                perSecond[s] = c - last;
                last = c;
            }
            long cpu = BenchSupport.processCpuNanos() - cpuStart;
            running.set(false);
            producer.join();
            reader.join();
            pipeline.flush();
            // The first seconds warm up the JIT: report the steady part.
            int warm = Math.min(5, seconds / 4);
            double[] steady = java.util.Arrays.copyOfRange(perSecond, warm, seconds);
            System.out.printf("series                   %,d%n", seriesCount);
            System.out.printf("offered                  %s%n", rate > 0 ? String.format("%,d samples/s", rate) : "as fast as accepted");
            System.out.printf("duration                 %d s (first %d s excluded as warm-up)%n", seconds, warm);
            System.out.printf("committed samples/s      median %,.0f  min %,.0f  max %,.0f%n",
                    BenchSupport.percentile(steady, steady.length, 0.5), BenchSupport.percentile(steady, steady.length, 0.0001),
                    BenchSupport.percentile(steady, steady.length, 1.0));
            StringBuilder trace = new StringBuilder();
            for (double v : perSecond) {
                trace.append(Math.round(v / 1000)).append(' ');
            }
            System.out.printf("per second (thousands)   %s%n", trace.toString().trim());
            System.out.printf("samples committed        %,d (rejected %,d)%n", pipeline.stats().samplesCommitted(),
                    pipeline.stats().samplesRejected());
            System.out.printf("reader queries           %,d  p50 %.2f ms  p99 %.2f ms%n", queries[0],
                    BenchSupport.percentile(latencies, queries[0], 0.5), BenchSupport.percentile(latencies, queries[0], 0.99));
            System.out.printf("process CPU              %.2f cores on average%n", cpu / 1e9 / seconds);
            System.out.printf("store compacted until    %s of %s simulated%n",
                    java.time.Instant.ofEpochMilli(store.stats().compactedUntilMs()), java.time.Instant.ofEpochMilli(simulatedNow[0]));
            System.out.printf("heap after GC            %,d MB%n", BenchSupport.heapAfterGc() >> 20);
        }
    }
}
