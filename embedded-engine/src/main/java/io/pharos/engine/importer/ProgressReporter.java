package io.pharos.engine.importer;

import java.time.Duration;
import java.util.function.LongSupplier;

/** Turns byte counts into {@link ProgressListener} calls: every ~1 % of the file or every second. */
final class ProgressReporter {

    private static final long SECOND_NANOS = 1_000_000_000L;

    private final ProgressListener listener;
    private final long totalBytes;
    private final long step;
    private final LongSupplier nanoClock;
    private final LongSupplier samples;
    private final long startNanos;
    private long nextBytes;
    private long lastNanos;

    ProgressReporter(ProgressListener listener, long totalBytes, LongSupplier nanoClock, LongSupplier samples) {
        this.listener = listener;
        this.totalBytes = totalBytes;
        this.step = Math.max(1, totalBytes / 100);
        this.nanoClock = nanoClock;
        this.samples = samples;
        this.startNanos = nanoClock.getAsLong();
        this.lastNanos = startNanos;
        this.nextBytes = step;
    }

    void bytesRead(long bytes) {
        long now = nanoClock.getAsLong();
        if (bytes >= nextBytes || now - lastNanos >= SECOND_NANOS) {
            report(bytes, now);
        }
    }

    void finish(long bytes) {
        report(bytes, nanoClock.getAsLong());
    }

    Duration elapsed() {
        return Duration.ofNanos(nanoClock.getAsLong() - startNanos);
    }

    private void report(long bytes, long now) {
        nextBytes = bytes + step;
        lastNanos = now;
        listener.onProgress(new ImportProgress(bytes, totalBytes, samples.getAsLong(), Duration.ofNanos(now - startNanos)));
    }
}
