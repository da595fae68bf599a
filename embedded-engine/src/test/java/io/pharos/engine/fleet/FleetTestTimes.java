package io.pharos.engine.fleet;

import java.time.Instant;

/** Fixed times the fleet tests share. */
final class FleetTestTimes {
    /** Wednesday 2025-03-05 00:00 UTC. */
    static final Instant WEDNESDAY = Instant.parse("2025-03-05T00:00:00Z");
    /** Saturday 2025-03-08 00:00 UTC. */
    static final Instant SATURDAY = Instant.parse("2025-03-08T00:00:00Z");

    private FleetTestTimes() {
    }

    /** Epoch ms of a local hour on the given UTC day in the region's time zone. */
    static long localHour(Instant utcDay, FleetRegion region, double hour) {
        return utcDay.toEpochMilli() + (long) ((hour - region.utcOffsetHours()) * 3_600_000L);
    }
}
