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

    ScenarioEffects(List<Scenario> scenarios) {
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
                sum += w.magnitude[i] * (t - w.startMs[i]) * INVERSE_HOUR;
            }
        }
        return sum;
    }

    double latencyMultiplier(int region, int service, long t) {
        return slowdowns.product(region, service, t);
    }

    double costMultiplier(int region, int service, long t) {
        return costSpikes.product(region, service, t);
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
