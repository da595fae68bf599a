package io.pharos.engine.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A what-if event injected into the reference fleet during [start, start + duration). The target is
 * a region, a service, or a service in one region; a null region means every region, a null service
 * every service. Region-wide series (active users) are only touched when the service is null.
 *
 * @param ramp for kinds whose magnitude is a level ({@link ScenarioKind#rampable()}): the effect grows
 *             linearly from nothing at the start to the full magnitude after this long, then holds.
 *             Zero (the default) means at once, as before ramps existed. At most the duration.
 */
public record Scenario(ScenarioKind kind, Instant start, Duration duration, FleetRegion region, FleetService service,
        double magnitude, Duration ramp) {

    public Scenario {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(ramp, "ramp");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive, got " + duration);
        }
        if (ramp.isNegative()) {
            throw new IllegalArgumentException("ramp must not be negative, got " + ramp);
        }
        if (!ramp.isZero() && !kind.rampable()) {
            throw new IllegalArgumentException(kind.id() + " takes no ramp: its magnitude is already a rate per hour");
        }
        if (ramp.compareTo(duration) > 0) {
            throw new IllegalArgumentException("ramp " + ramp + " is longer than the duration " + duration);
        }
        if (region == null && service == null) {
            throw new IllegalArgumentException(kind.id() + " needs a target: a region, a service or both");
        }
        if (kind == ScenarioKind.MEMORY_LEAK && service == null) {
            throw new IllegalArgumentException("memory-leak needs a service (memory leaks in a process, not in a region)");
        }
        if (!kind.validMagnitude(magnitude)) {
            throw new IllegalArgumentException(kind.id() + " magnitude " + magnitude + " is invalid: expected "
                    + kind.magnitudeMeaning());
        }
    }

    /** A scenario that takes effect at once (no ramp). */
    public Scenario(ScenarioKind kind, Instant start, Duration duration, FleetRegion region, FleetService service,
            double magnitude) {
        this(kind, start, duration, region, service, magnitude, Duration.ZERO);
    }

    /** A scenario with the kind's default magnitude. */
    public static Scenario of(ScenarioKind kind, FleetRegion region, FleetService service, Instant start, Duration duration) {
        return new Scenario(kind, start, duration, region, service, kind.defaultMagnitude());
    }

    public static Scenario regionOutage(FleetRegion region, Instant start, Duration duration) {
        return of(ScenarioKind.REGION_OUTAGE, region, null, start, duration);
    }

    public static Scenario trafficSurge(FleetRegion region, Instant start, Duration duration) {
        return of(ScenarioKind.TRAFFIC_SURGE, region, null, start, duration);
    }

    public static Scenario memoryLeak(FleetService service, Instant start, Duration duration) {
        return of(ScenarioKind.MEMORY_LEAK, null, service, start, duration);
    }

    public static Scenario latencyDegradation(FleetRegion region, FleetService service, Instant start, Duration duration) {
        return of(ScenarioKind.LATENCY_DEGRADATION, region, service, start, duration);
    }

    /** Traffic of a region (all services) grows by the default 10 % of normal per hour. */
    public static Scenario trafficGrowth(FleetRegion region, Instant start, Duration duration) {
        return of(ScenarioKind.TRAFFIC_GROWTH, region, null, start, duration);
    }

    public static Scenario costSpike(FleetRegion region, FleetService service, Instant start, Duration duration) {
        return of(ScenarioKind.COST_SPIKE, region, service, start, duration);
    }

    public Scenario withMagnitude(double newMagnitude) {
        return new Scenario(kind, start, duration, region, service, newMagnitude, ramp);
    }

    /** The same scenario reaching its magnitude gradually, over {@code newRamp} from its start. */
    public Scenario withRamp(Duration newRamp) {
        return new Scenario(kind, start, duration, region, service, magnitude, newRamp);
    }

    public Instant end() {
        return start.plus(duration);
    }

    /**
     * E.g. "traffic-surge x10.0 on checkout in us-east-1, 2025-03-01T14:00:00Z for PT1H", with
     * ", ramp PT30M" when the effect ramps.
     */
    public String describe() {
        String target = service == null ? region.id()
                : region == null ? service.id() + " in every region" : service.id() + " in " + region.id();
        return kind.id() + " x" + magnitude + " on " + target + ", " + start + " for " + duration
                + (ramp.isZero() ? "" : ", ramp " + ramp);
    }
}
