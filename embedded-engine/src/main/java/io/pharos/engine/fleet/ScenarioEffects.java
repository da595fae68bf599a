package io.pharos.engine.fleet;

import java.util.List;

/**
 * The injected scenarios in a form cheap to evaluate per sample: per kind, flat arrays of target and
 * time window. Immutable; the fleet swaps in a new instance when scenarios change.
 * A service index of -1 asks for region-wide series, which only region-wide scenarios touch.
 */
final class ScenarioEffects {
    static final ScenarioEffects NONE = new ScenarioEffects(List.of());
    private static final double INVERSE_HOUR = 1.0 / 3_600_000;

    private final Windows surges;
    private final Windows outages;
    private final Windows leaks;
    private final Windows slowdowns;
    private final Windows costSpikes;
    private final Windows growths;
    /** Operator adjustments (automated incident responses), null when there are none. */
    private final AdjustmentEffects ops;

    ScenarioEffects(List<Scenario> scenarios) {
        this(scenarios, null);
    }

    ScenarioEffects(List<Scenario> scenarios, AdjustmentEffects ops) {
        this.ops = ops;
        surges = Windows.of(scenarios, ScenarioKind.TRAFFIC_SURGE);
        outages = Windows.of(scenarios, ScenarioKind.REGION_OUTAGE);
        leaks = Windows.of(scenarios, ScenarioKind.MEMORY_LEAK);
        slowdowns = Windows.of(scenarios, ScenarioKind.LATENCY_DEGRADATION);
        costSpikes = Windows.of(scenarios, ScenarioKind.COST_SPIKE);
        growths = Windows.of(scenarios, ScenarioKind.TRAFFIC_GROWTH);
    }

    /** Surges multiply demand; growths add their rate per hour since they began, then multiply too. */
    double trafficMultiplier(int region, int service, long t) {
        double m = surges.product(region, service, t);
        Windows w = growths;
        for (int i = 0; i < w.size; i++) {
            if (w.matches(i, region, service, t)) {
                m *= 1 + w.magnitude[i] * (t - w.startMs[i]) * INVERSE_HOUR;
            }
        }
        return m;
    }

    /** The worst matching outage's share of failing requests, 0 when none. */
    double outageSeverity(int region, int service, long t) {
        Windows w = outages;
        double worst = 0;
        for (int i = 0; i < w.size; i++) {
            if (w.matches(i, region, service, t)) {
                worst = Math.max(worst, w.magnitude[i] * w.rampShare(i, t));
            }
        }
        return worst;
    }

    /** Memory ratio added by leaks: grows with the time since each leak began. */
    double leakedMemory(int region, int service, long t) {
        Windows w = leaks;
        double sum = 0;
        for (int i = 0; i < w.size; i++) {
            if (w.matches(i, region, service, t)) {
                // a memory clean-up (restart) frees what the leak had taken so far
                long from = ops == null ? w.startMs[i]
                        : Math.max(w.startMs[i], ops.cleanedAt(region, FleetAdjustment.Cleanup.MEMORY, t));
                sum += w.magnitude[i] * (t - from) * INVERSE_HOUR;
            }
        }
        return sum;
    }

    double latencyMultiplier(int region, int service, long t) {
        return slowdowns.product(region, service, t);
    }

    double costMultiplier(int region, int service, long t) {
        if (ops == null) {
            return costSpikes.product(region, service, t);
        }
        // a clean-up of orphaned resources ends the cost spikes that began before it
        long cleaned = ops.cleanedAt(region, FleetAdjustment.Cleanup.ORPHANED, t);
        Windows w = costSpikes;
        double p = 1;
        for (int i = 0; i < w.size; i++) {
            if (w.matches(i, region, service, t) && cleaned < w.startMs[i]) {
                p *= w.magnitude[i];
            }
        }
        return p;
    }

    // ---- Operator adjustments (FleetAdjustment): the hook automated incident responses act through ----

    /**
     * Demand offered to a region's hosts of a service (service -1: the region's users), relative to
     * the region's own peak: its traffic times surges, less what failed over elsewhere, plus what
     * failed over to it, less what is throttled at its edge.
     */
    double offered(double level, int region, int service, long t) {
        double own = level * trafficMultiplier(region, service, t);
        if (ops == null) {
            return own;
        }
        return moved(own, region, service, t, false) * (1 - ops.throttledShare(region, t));
    }

    /** The region's active users relative to its own peak: users move with a fail-over, throttled ones stay. */
    double users(double level, int region, long t) {
        double own = level * trafficMultiplier(region, -1, t);
        return ops == null ? own : moved(own, region, -1, t, true);
    }

    private double moved(double own, int region, int service, long t, boolean users) {
        FleetAdjustment.FailOver out = ops.failOver(region, t);
        double v = own * (out == null ? 1 : 1 - out.share());
        FleetRegion[] regions = FleetRegion.values();
        for (int f = 0; f < regions.length; f++) {
            if (f == region) {
                continue;
            }
            FleetAdjustment.FailOver in = ops.failOver(f, t);
            if (in != null && in.to().ordinal() == region && in.share() > 0) {
                double weight = users ? regions[f].peakActiveUsers() / (double) regions[region].peakActiveUsers() : 1;
                v += in.share() * ops.level(f, t) * trafficMultiplier(f, service, t) * weight;
            }
        }
        return v;
    }

    /** Hosts of the service now over the layout's count (1 without adjustments). */
    double capacity(int region, int service, long t) {
        return ops == null ? 1 : ops.capacity(region, service, t);
    }

    /** When the region's disks were last cleaned up, or Long.MIN_VALUE. */
    long diskCleanedAt(int region, long t) {
        return ops == null ? Long.MIN_VALUE : ops.cleanedAt(region, FleetAdjustment.Cleanup.DISK, t);
    }

    /** Struct-of-arrays of the scenarios of one kind. */
    private static final class Windows {
        final int size;
        final int[] region;
        final int[] service;
        final long[] startMs;
        final long[] endMs;
        final double[] magnitude;
        /** 1 / ramp in ms, 0 when the scenario takes effect at once. */
        final double[] inverseRamp;

        private Windows(int size) {
            this.size = size;
            region = new int[size];
            service = new int[size];
            startMs = new long[size];
            endMs = new long[size];
            magnitude = new double[size];
            inverseRamp = new double[size];
        }

        static Windows of(List<Scenario> scenarios, ScenarioKind kind) {
            List<Scenario> mine = scenarios.stream().filter(s -> s.kind() == kind).toList();
            Windows w = new Windows(mine.size());
            for (int i = 0; i < mine.size(); i++) {
                Scenario s = mine.get(i);
                w.region[i] = s.region() == null ? -1 : s.region().ordinal();
                w.service[i] = s.service() == null ? -1 : s.service().ordinal();
                w.startMs[i] = s.start().toEpochMilli();
                w.endMs[i] = s.end().toEpochMilli();
                w.magnitude[i] = s.magnitude();
                w.inverseRamp[i] = s.ramp().isZero() ? 0 : 1.0 / s.ramp().toMillis();
            }
            return w;
        }

        boolean matches(int i, int r, int s, long t) {
            return t >= startMs[i] && t < endMs[i] && (region[i] < 0 || region[i] == r)
                    && (service[i] < 0 || service[i] == s);
        }

        /** How much of its magnitude a matching scenario has reached: 1, or less while it ramps. */
        double rampShare(int i, long t) {
            return inverseRamp[i] == 0 ? 1 : Math.min(1, (t - startMs[i]) * inverseRamp[i]);
        }

        /** The product of the matching multipliers, each moved from 1 towards its magnitude by its ramp. */
        double product(int r, int s, long t) {
            double p = 1;
            for (int i = 0; i < size; i++) {
                if (matches(i, r, s, t)) {
                    p *= 1 + (magnitude[i] - 1) * rampShare(i, t);
                }
            }
            return p;
        }
    }
}
