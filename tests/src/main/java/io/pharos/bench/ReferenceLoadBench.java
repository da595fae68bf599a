package io.pharos.bench;

import io.pharos.engine.PharosEngine;
import io.pharos.engine.fleet.ReferenceFleet;
import io.pharos.engine.fleet.ReferenceFleetSource;
import io.pharos.engine.ingest.SampleSink;
import io.pharos.engine.store.StoreOptions;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The reference load in real time: 6 regions x 200 hosts x 20 metrics every second.
 * Phase 1: the simulated fleet alone, its batches discarded: what simulating costs.
 * Phase 2: the whole engine (store, ingest, compaction) fed by the fleet: CPU and heap.
 *
 * Usage: ReferenceLoadBench [--fleet-seconds 60] [--engine-seconds 180]
 */
public final class ReferenceLoadBench {
    private ReferenceLoadBench() {
    }

    public static void main(String[] args) throws Exception {
        long fleetSeconds = BenchSupport.arg(args, "fleet-seconds", 60);
        long engineSeconds = BenchSupport.arg(args, "engine-seconds", 180);

        AtomicLong discarded = new AtomicLong();
        SampleSink discard = batch -> discarded.addAndGet(batch.size());
        ReferenceFleetSource alone = new ReferenceFleetSource(new ReferenceFleet(42), Duration.ofSeconds(1),
                InstantSource.system());
        Thread.sleep(2000); // let the JVM settle before measuring
        long cpu0 = BenchSupport.processCpuNanos();
        long t0 = System.nanoTime();
        alone.start(discard);
        Thread.sleep(fleetSeconds * 1000);
        alone.stop();
        double fleetCores = (BenchSupport.processCpuNanos() - cpu0) / (double) (System.nanoTime() - t0);
        System.out.printf("fleet alone              %,d samples in %d s; process CPU %.1f %% of one core%n",
                discarded.get(), fleetSeconds, 100 * fleetCores);

        Path dir = BenchSupport.tempDir("pharos-reference-load");
        long maxHeap = 0;
        try (PharosEngine engine = PharosEngine.open(dir, StoreOptions.defaults())) {
            long cpu1 = BenchSupport.processCpuNanos();
            long t1 = System.nanoTime();
            engine.start(new ReferenceFleetSource(new ReferenceFleet(42), Duration.ofSeconds(1), InstantSource.system()));
            for (long s = 0; s < engineSeconds; s++) {
                Thread.sleep(1000);
                maxHeap = Math.max(maxHeap, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
            }
            double cores = (BenchSupport.processCpuNanos() - cpu1) / (double) (System.nanoTime() - t1);
            var status = engine.status();
            System.out.printf("engine at reference load %,d samples committed in %d s (%,.0f/s); process CPU %.1f %% of one core%n",
                    status.samplesCommitted(), engineSeconds, status.samplesCommitted() / (double) engineSeconds, 100 * cores);
            System.out.printf("heap                     max used %,d MB (before GC), after GC %,d MB; head %,d MB%n",
                    maxHeap >> 20, BenchSupport.heapAfterGc() >> 20, status.headBytes() >> 20);
            System.out.printf("max heap (-Xmx)          %,d MB%n", Runtime.getRuntime().maxMemory() >> 20);
        }
    }
}
