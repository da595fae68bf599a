package io.pharos.engine.host;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Turns monotonically increasing counters (bytes read, bytes received) into per-second rates
 * between two rounds of reads. Not thread-safe: one reader thread owns it.
 */
final class CounterRates {
    private record Point(long value, long nanos) {
    }

    private Map<String, Point> previous = new HashMap<>();
    private Map<String, Point> current = new HashMap<>();

    /**
     * Records this round's counter value and returns the rate since the previous round; empty on the
     * first sight of a key, when no time passed, or when the counter went backwards (wrapped or reset).
     */
    OptionalDouble rate(String key, long value, long nanos) {
        current.put(key, new Point(value, nanos));
        Point before = previous.get(key);
        if (before == null) {
            return OptionalDouble.empty();
        }
        long elapsedNanos = nanos - before.nanos();
        long delta = value - before.value();
        if (elapsedNanos <= 0 || delta < 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(delta * 1e9 / elapsedNanos);
    }

    /** Ends a round: keys not seen in it (a removed interface, say) are forgotten. */
    void endRound() {
        previous = current;
        current = new HashMap<>();
    }
}
