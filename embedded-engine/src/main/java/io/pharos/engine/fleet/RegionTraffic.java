package io.pharos.engine.fleet;

/**
 * Demand on a region relative to its weekday afternoon peak: the local-time traffic curve plus a
 * slow regional wander of a few percent (weather, news, marketing) so regions do not move in lockstep.
 */
final class RegionTraffic {
    private static final double WANDER = 0.04;
    private static final double INVERSE_WANDER_PERIOD = Noise.inverse(20 * 60_000);

    private final TrafficCurve curve = new TrafficCurve();
    private final long[] offsetMs;
    private final long[] salt;

    RegionTraffic(long seed) {
        FleetRegion[] regions = FleetRegion.values();
        offsetMs = new long[regions.length];
        salt = new long[regions.length];
        for (FleetRegion r : regions) {
            offsetMs[r.ordinal()] = r.utcOffsetHours() * 3_600_000L;
            salt[r.ordinal()] = Noise.salt(seed, 0x5E610A, r.ordinal());
        }
    }

    /**
     * Every host series of a region asks for the same levels (4,000 series per region), so each thread
     * remembers recent (region, time) results: a cache, the values stay a pure function of their inputs.
     */
    private final ThreadLocal<LevelCache> cache = ThreadLocal.withInitial(LevelCache::new);

    double level(int region, long timeMs) {
        LevelCache c = cache.get();
        int slot = (int) ((timeMs / 1000 * 31 + region) & (LevelCache.SLOTS - 1));
        if (c.times[slot] == timeMs && c.regions[slot] == region) {
            return c.levels[slot];
        }
        double wander = 1 + WANDER * Noise.smooth(salt[region], timeMs, INVERSE_WANDER_PERIOD);
        double level = curve.level(timeMs + offsetMs[region]) * wander;
        c.times[slot] = timeMs;
        c.regions[slot] = region;
        c.levels[slot] = level;
        return level;
    }

    private static final class LevelCache {
        static final int SLOTS = 1 << 16;
        final long[] times = new long[SLOTS];
        final int[] regions = new int[SLOTS];
        final double[] levels = new double[SLOTS];

        LevelCache() {
            java.util.Arrays.fill(times, Long.MIN_VALUE);
        }
    }
}
