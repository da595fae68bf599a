package io.pharos.engine.store;

import java.time.Clock;
import java.time.Duration;

/**
 * Tunables of the store. Defaults: raw samples kept 15 days, rollups 400 days, 10-minute chunks,
 * 1-minute rollups, compaction checked every 30 s.
 *
 * @param chunkWindow   length of one chunk; the head keeps the open window of each series in memory
 * @param compactionGrace how long after a window ends late samples may still arrive before it is compacted
 * @param fullSync      fsync on every commit (survives power loss) instead of only process crashes
 * @param maxPageCount  0 for no limit; tests use it to simulate a full disk
 */
public record StoreOptions(
        Duration rawRetention,
        Duration rollupRetention,
        Duration chunkWindow,
        Duration rollupResolution,
        Duration compactionInterval,
        Duration compactionGrace,
        boolean fullSync,
        long maxPageCount,
        Clock clock) {

    public static StoreOptions defaults() {
        return new StoreOptions(Duration.ofDays(15), Duration.ofDays(400), Duration.ofMinutes(10),
                Duration.ofMinutes(1), Duration.ofSeconds(30), Duration.ofMinutes(1), false, 0, Clock.systemUTC());
    }

    public StoreOptions withRetention(Duration raw, Duration rollups) {
        return new StoreOptions(raw, rollups, chunkWindow, rollupResolution, compactionInterval, compactionGrace,
                fullSync, maxPageCount, clock);
    }

    public StoreOptions withCompaction(Duration interval, Duration grace) {
        return new StoreOptions(rawRetention, rollupRetention, chunkWindow, rollupResolution, interval, grace,
                fullSync, maxPageCount, clock);
    }

    public StoreOptions withMaxPageCount(long pages) {
        return new StoreOptions(rawRetention, rollupRetention, chunkWindow, rollupResolution, compactionInterval,
                compactionGrace, fullSync, pages, clock);
    }

    public StoreOptions withClock(Clock c) {
        return new StoreOptions(rawRetention, rollupRetention, chunkWindow, rollupResolution, compactionInterval,
                compactionGrace, fullSync, maxPageCount, c);
    }

    public StoreOptions withFullSync(boolean sync) {
        return new StoreOptions(rawRetention, rollupRetention, chunkWindow, rollupResolution, compactionInterval,
                compactionGrace, sync, maxPageCount, clock);
    }

    long windowMs() {
        return chunkWindow.toMillis();
    }

    long rollupMs() {
        return rollupResolution.toMillis();
    }
}
