package io.pharos.bench;

import io.pharos.engine.alerting.AlertLifecycle;
import io.pharos.engine.alerting.AlertPolicy;
import io.pharos.engine.fleet.ReferenceFleet;
import io.pharos.engine.forecast.Direction;
import io.pharos.engine.forecast.ForecastConfig;
import io.pharos.engine.forecast.Forecasters;
import io.pharos.engine.forecast.PredictiveRule;
import io.pharos.engine.forecast.SeriesForecaster;
import io.pharos.engine.model.SeriesKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One forecast cycle over every series of the reference fleet (24,282): each forecaster learns the
 * newest sample and predicts when it crosses a threshold within an hour. Measured per cycle after
 * the forecasters learned a day of history (so they are ready and their profiles full), with the
 * fleet's values computed before the clock starts: the cycle is what the forecasting costs, not the
 * simulation. A second measurement runs the reference predictive rules (CPU, memory, host and region
 * p99) through the stateless evaluation and the alert lifecycle, as the rule evaluator would.
 *
 * Usage: ForecastCycleBench [--cycles 600] [--step-seconds 1] [--history-hours 24]
 */
public final class ForecastCycleBench {
    private ForecastCycleBench() {
    }

    public static void main(String[] args) {
        int cycles = (int) BenchSupport.arg(args, "cycles", 600);
        long stepMs = BenchSupport.arg(args, "step-seconds", 1) * 1000;
        long historyHours = BenchSupport.arg(args, "history-hours", 24);
        ReferenceFleet fleet = new ReferenceFleet(42);
        int n = fleet.size();
        ForecastConfig config = ForecastConfig.defaults();
        long start = java.time.Instant.parse("2025-03-05T00:00:00Z").toEpochMilli();

        SeriesForecaster[] forecasters = new SeriesForecaster[n];
        long heapBefore = BenchSupport.heapAfterGc();
        for (int i = 0; i < n; i++) {
            forecasters[i] = new SeriesForecaster(config);
        }
        long heapAfter = BenchSupport.heapAfterGc();
        // history at 60 s: enough for every knot of the profile and the error checks
        long t0 = System.nanoTime();
        long historyStart = start - historyHours * 3_600_000L;
        double[] column = new double[(int) (historyHours * 60)];
        for (int i = 0; i < n; i++) {
            fleet.fill(i, historyStart, 60_000, column.length, column);
            for (int k = 0; k < column.length; k++) {
                forecasters[i].update(historyStart + k * 60_000L, column[k]);
            }
        }
        System.out.printf("history: %d series x %d h at 60 s learned in %.1f s; %,d bytes per forecaster%n", n,
                historyHours, (System.nanoTime() - t0) / 1e9, (heapAfter - heapBefore) / n);

        // thresholds: the rules' where a rule exists, else 1.5 x the series' level (rarely crossed, still searched)
        List<PredictiveRule> rules = List.of(
                PredictiveRule.above("PredictedHighCpu", "node_cpu_utilization_ratio", 0.8),
                PredictiveRule.above("PredictedHighMemory", "node_memory_utilization_ratio", 0.85),
                PredictiveRule.above("PredictedHighLatency", "service_latency_p99_seconds", 0.2),
                PredictiveRule.above("PredictedHighRegionLatency", "region_latency_p99_seconds", 0.2));
        double[] threshold = new double[n];
        for (int i = 0; i < n; i++) {
            SeriesKey key = fleet.key(i);
            threshold[i] = 1.5 * Math.abs(forecasters[i].lastValue()) + 1;
            for (PredictiveRule r : rules) {
                if (r.watches(key)) {
                    threshold[i] = r.threshold();
                }
            }
        }

        double[] values = new double[n];
        double[] cycleMs = new double[cycles];
        long horizon = Duration.ofHours(1).toMillis();
        int crossings = 0;
        for (int c = -60; c < cycles; c++) { // 60 cycles of warm-up for the JIT
            long t = start + (c + 60L) * stepMs;
            for (int i = 0; i < n; i++) {
                values[i] = fleet.value(i, t);
            }
            long s = System.nanoTime();
            int crossed = 0;
            for (int i = 0; i < n; i++) {
                SeriesForecaster f = forecasters[i];
                f.update(t, values[i]);
                if (f.predictCrossing(threshold[i], Direction.ABOVE, t, t + horizon).isPresent()) {
                    crossed++;
                }
            }
            long e = System.nanoTime();
            if (c >= 0) {
                cycleMs[c] = (e - s) / 1e6;
                crossings += crossed;
            }
        }
        System.out.printf("forecast cycle, %,d series (update + predictCrossing within 1 h), %d cycles at %d s steps: "
                        + "median %.2f ms, p99 %.2f ms, max %.2f ms; %.0f ns per series; %d predicted crossings in all%n",
                n, cycles, stepMs / 1000, BenchSupport.percentile(cycleMs, cycles, 0.5),
                BenchSupport.percentile(cycleMs, cycles, 0.99), BenchSupport.percentile(cycleMs, cycles, 1.0),
                BenchSupport.percentile(cycleMs, cycles, 0.5) * 1e6 / n, crossings);

        // the rule evaluator's cycle: forecasters by key, the four rules, the alert lifecycle
        List<AlertLifecycle> lifecycles = new ArrayList<>();
        for (int r = 0; r < rules.size(); r++) {
            lifecycles.add(new AlertLifecycle(AlertPolicy.firingAfter(Duration.ZERO).withKeepFiringFor(Duration.ofMinutes(10))));
        }
        SeriesKey[] keys = fleet.series().toArray(SeriesKey[]::new);
        forecasters = null; // the keyed set below learns the same day afresh
        Forecasters byKey = new Forecasters(config);
        for (int i = 0; i < n; i++) {
            fleet.fill(i, historyStart, 60_000, column.length, column);
            for (int k = 0; k < column.length; k++) {
                byKey.update(keys[i], historyStart + k * 60_000L, column[k]);
            }
        }
        double[] ruleMs = new double[cycles];
        int holding = 0;
        long base = start;
        for (int c = -60; c < cycles; c++) {
            long t = base + (c + 60L) * stepMs;
            for (int i = 0; i < n; i++) {
                values[i] = fleet.value(i, t);
            }
            long s = System.nanoTime();
            for (int i = 0; i < n; i++) {
                byKey.update(keys[i], t, values[i]);
            }
            int held = 0;
            for (int r = 0; r < rules.size(); r++) {
                var evaluation = rules.get(r).evaluate(byKey, t);
                var map = evaluation.holding();
                held += map.size();
                lifecycles.get(r).evaluate(t, map);
            }
            long e = System.nanoTime();
            if (c >= 0) {
                ruleMs[c] = (e - s) / 1e6;
                holding += held;
            }
        }
        System.out.printf("rule cycle, %,d series learned by key + 4 predictive rules over their %,d series + lifecycle: "
                        + "median %.2f ms, p99 %.2f ms, max %.2f ms; %d holding results in all%n",
                n, countWatched(keys, rules), BenchSupport.percentile(ruleMs, cycles, 0.5),
                BenchSupport.percentile(ruleMs, cycles, 0.99), BenchSupport.percentile(ruleMs, cycles, 1.0), holding);
    }

    private static int countWatched(SeriesKey[] keys, List<PredictiveRule> rules) {
        int n = 0;
        for (SeriesKey k : keys) {
            for (PredictiveRule r : rules) {
                if (r.watches(k)) {
                    n++;
                }
            }
        }
        return n;
    }
}
