package io.pharos.engine.agent;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A token bucket per client address: {@code perSecond} requests a second on average, {@code burst} at
 * once. The table of addresses is bounded: the least recently seen address is forgotten first (it
 * then starts again with a full bucket), so many addresses cannot fill the agent's memory.
 */
final class RateLimiter {
    private static final int MAX_CLIENTS = 4096;
    private final double perSecond;
    private final int burst;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > MAX_CLIENTS;
        }
    };

    RateLimiter(double perSecond, int burst, LongSupplier nanoTime) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanoTime = nanoTime;
    }

    /** Takes one request from the client's bucket; returns 0 when allowed, else the seconds to wait. */
    synchronized long take(String client) {
        long now = nanoTime.getAsLong();
        Bucket b = buckets.computeIfAbsent(client, c -> new Bucket(burst, now));
        b.tokens = Math.min(burst, b.tokens + (now - b.at) / 1e9 * perSecond);
        b.at = now;
        if (b.tokens >= 1) {
            b.tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - b.tokens) / perSecond));
    }

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }
}
