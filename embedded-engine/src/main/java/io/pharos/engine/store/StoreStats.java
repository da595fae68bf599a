package io.pharos.engine.store;

/** Counters of the store for the status screen and benchmarks. */
public record StoreStats(int series, long samplesAccepted, long rejectedOutOfOrder, long rejectedTooOld,
                         long damagedChunks, long headBytes, long compactedUntilMs, long fileBytes) {
}
