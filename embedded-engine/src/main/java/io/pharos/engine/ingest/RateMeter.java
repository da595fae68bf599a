package io.pharos.engine.ingest;

import java.util.ArrayDeque;

/** Turns a growing counter into a rate per second over a sliding window of observations. */
public final class RateMeter {
    private final long windowMs;
    private final ArrayDeque<long[]> points = new ArrayDeque<>();

    public RateMeter(long windowMs) {
        this.windowMs = windowMs;
    }

    /** Records the counter's value at a time and returns the rate per second over the window. */
    public synchronized double observe(long timeMs, long counter) {
        points.addLast(new long[] {timeMs, counter});
        while (points.size() > 2 && points.peekFirst()[0] < timeMs - windowMs) {
            points.removeFirst();
        }
        long[] first = points.peekFirst();
        long dt = timeMs - first[0];
        return dt <= 0 ? 0 : (counter - first[1]) * 1000.0 / dt;
    }
}
