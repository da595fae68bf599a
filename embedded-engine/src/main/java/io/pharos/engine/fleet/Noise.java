package io.pharos.engine.fleet;

/**
 * Hash-based value noise: a pure function of (salt, time), so a value never depends on what was
 * generated before it and real-time and history generation agree exactly. Random values sit on a
 * lattice of one per period and are interpolated with a smoothstep, which gives smooth wander
 * without any state.
 */
final class Noise {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private Noise() {
    }

    /** SplitMix64's finaliser: a cheap, well-mixed 64-bit hash. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A salt for one thing (a host, a series) derived from the seed and two identifying numbers. */
    static long salt(long seed, long a, long b) {
        return mix(mix(seed ^ mix(a + GOLDEN)) + b * GOLDEN);
    }

    /** Uniform in [0, 1). */
    static double unit(long hash) {
        return (hash >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [-1, 1). */
    static double signed(long hash) {
        return unit(hash) * 2 - 1;
    }

    /**
     * Smooth noise in [-1, 1) with one random value per period.
     *
     * @param inversePeriod 1 / period in milliseconds (a multiplication is cheaper than a division)
     */
    static double smooth(long salt, long timeMs, double inversePeriod) {
        double x = timeMs * inversePeriod;
        double cell = Math.floor(x);
        double f = x - cell;
        long i = (long) cell;
        double a = signed(mix(salt + i * GOLDEN));
        double b = signed(mix(salt + (i + 1) * GOLDEN));
        return a + (b - a) * (f * f * (3 - 2 * f));
    }

    static double inverse(long periodMs) {
        return 1.0 / periodMs;
    }
}
