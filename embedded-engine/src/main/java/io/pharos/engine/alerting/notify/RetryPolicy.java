package io.pharos.engine.alerting.notify;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When a failed delivery is tried again: the n-th retry waits {@code initialBackoff × 2^(n-1)},
 * at most {@code maxBackoff}, changed by a random factor within ±{@code jitter} (so receivers that
 * failed together do not retry together). A delivery still failing once {@code maxAge} has passed
 * since it was queued is given up, with the reason recorded.
 *
 * @param jitter between 0 (none) and 1
 */
public record RetryPolicy(Duration initialBackoff, Duration maxBackoff, double jitter, Duration maxAge) {

    /** 5 s, doubling up to 5 min, ±20 %, given up after 24 h. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofSeconds(5), Duration.ofMinutes(5), 0.2,
            Duration.ofHours(24));

    public RetryPolicy {
        if (initialBackoff.isNegative() || initialBackoff.isZero() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("the initial back-off must be positive and not above the maximum");
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("jitter must be between 0 and 1, got " + jitter);
        }
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("the maximum age must be positive");
        }
    }

    /** The wait before the retry that follows failed attempt number {@code attempt} (1 for the first). */
    public long backoffMs(int attempt, RandomGenerator random) {
        long initial = initialBackoff.toMillis();
        long max = maxBackoff.toMillis();
        int shift = Math.min(Math.max(attempt - 1, 0), 62);
        long base = initial > (max >> shift) ? max : Math.min(max, initial << shift);
        double factor = 1 + jitter * (2 * random.nextDouble() - 1);
        return Math.max(1, Math.min(max, Math.round(base * factor)));
    }
}
