package io.pharos.engine.forecast;

import io.pharos.engine.alerting.AlertPolicy;
import java.time.Duration;
import java.util.List;

/**
 * The predictive rules measured on the reference fleet (docs/forecasting.md): the default rules'
 * thresholds for CPU, memory and p99 latency, foreseen up to an hour ahead, and the policy they
 * were measured with (fire at once: the confidence already filters; keep firing 10 minutes).
 */
public final class DefaultPredictiveRules {
    public static final AlertPolicy POLICY = AlertPolicy.firingAfter(Duration.ZERO)
            .withKeepFiringFor(Duration.ofMinutes(10));

    private DefaultPredictiveRules() {
    }

    public static List<PredictiveRule> rules() {
        return List.of(
                PredictiveRule.above("PredictedHighCpu", "node_cpu_utilization_ratio", 0.8),
                PredictiveRule.above("PredictedHighMemory", "node_memory_utilization_ratio", 0.85),
                PredictiveRule.above("PredictedHighLatency", "service_latency_p99_seconds", 0.2),
                PredictiveRule.above("PredictedHighRegionLatency", "region_latency_p99_seconds", 0.2));
    }
}
