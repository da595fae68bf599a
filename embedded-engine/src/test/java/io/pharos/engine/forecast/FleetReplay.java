package io.pharos.engine.forecast;

import io.pharos.engine.alerting.AlertPolicy;
import io.pharos.engine.fleet.ReferenceFleet;
import io.pharos.engine.model.SeriesKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Drives predictive rules with the reference fleet's value function over simulated time: no store,
 * no threads, only the series some rule watches.
 */
final class FleetReplay {
    /** The alerting thresholds the fleet is tuned to stay under on a normal day (see FleetService). */
    static final PredictiveRule CPU = PredictiveRule.above("PredictedHighCpu", "node_cpu_utilization_ratio", 0.8);
    static final PredictiveRule MEMORY = PredictiveRule.above("PredictedHighMemory", "node_memory_utilization_ratio", 0.85);
    static final PredictiveRule LATENCY = PredictiveRule.above("PredictedHighLatency", "service_latency_p99_seconds", 0.2);
    static final PredictiveRule REGION_LATENCY = PredictiveRule.above("PredictedHighRegionLatency",
            "region_latency_p99_seconds", 0.2);
    static final List<PredictiveRule> REFERENCE_RULES = List.of(CPU, MEMORY, LATENCY, REGION_LATENCY);

    private FleetReplay() {
    }

    static PredictiveReplay run(ReferenceFleet fleet, List<PredictiveRule> rules, ForecastConfig config,
            AlertPolicy policy, Instant from, Instant to, Duration step, Duration evaluateEvery) {
        return run(fleet, rules, config, policy, from, from, to, step, evaluateEvery);
    }

    /** Learns from {@code from}, evaluates the rules from {@code evaluateFrom} on (the time before is history). */
    static PredictiveReplay run(ReferenceFleet fleet, List<PredictiveRule> rules, ForecastConfig config,
            AlertPolicy policy, Instant from, Instant evaluateFrom, Instant to, Duration step, Duration evaluateEvery) {
        PredictiveReplay replay = new PredictiveReplay(rules, config, policy);
        List<int[]> watched = new ArrayList<>();
        for (int i = 0; i < fleet.size(); i++) {
            SeriesKey key = fleet.key(i);
            int handle = replay.register(key);
            if (handle >= 0) {
                watched.add(new int[] {i, handle});
            }
        }
        long stepMs = step.toMillis();
        long evalMs = evaluateEvery.toMillis();
        long evalFromMs = evaluateFrom.toEpochMilli();
        for (long t = from.toEpochMilli(); t < to.toEpochMilli(); t += stepMs) {
            for (int[] w : watched) {
                replay.sample(w[1], t, fleet.value(w[0], t));
            }
            if (t >= evalFromMs && t % evalMs == 0) {
                replay.evaluate(t);
            }
        }
        return replay;
    }
}
