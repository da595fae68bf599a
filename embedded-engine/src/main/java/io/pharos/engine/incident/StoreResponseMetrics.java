package io.pharos.engine.incident;

import static io.pharos.engine.incident.ResponseMetrics.CPU;

import io.pharos.engine.rules.EvaluationException;
import io.pharos.engine.rules.Evaluator;
import io.pharos.engine.rules.SeriesSource;
import io.pharos.engine.rules.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads an action's metrics on real systems from stored series, by evaluating each metric's PromQL
 * ({@link ResponseQueries}) at the action's time with the engine's own evaluator. The same metrics
 * as {@link FleetResponseMetrics} for each kind of action: the service's when scaling, the region's
 * otherwise, and for a fail-over or fail-back both regions' with {@code from.} and {@code to.}.
 * A query that returns nothing (no such series in the last five minutes) leaves its metric out; one
 * that returns several series or fails is an error that names the metric, as that is a query to fix.
 */
public final class StoreResponseMetrics implements ResponseMetrics {
    private final SeriesSource series;
    private final ResponseQueries queries;

    public StoreResponseMetrics(SeriesSource series, ResponseQueries queries) {
        this.series = Objects.requireNonNull(series, "series");
        this.queries = Objects.requireNonNull(queries, "queries");
    }

    @Override
    public Map<String, Double> read(ResponseAction action, long t) {
        // one evaluator per read: it is not thread-safe, and shares selections within the instant
        Reading r = new Reading(new Evaluator(series), t);
        switch (action) {
            case ResponseAction.ScaleCompute a -> {
                for (String metric : List.of(HOSTS, CPU, LATENCY_P99, ERRORS, REQUESTS, COST)) {
                    r.put("", metric, a.region(), a.service());
                }
            }
            case ResponseAction.ThrottleTraffic a -> r.edge("", a.region());
            case ResponseAction.CleanUpResources a -> {
                for (String metric : List.of(DISK, MEMORY, COST)) {
                    r.put("", metric, a.region(), null);
                }
            }
            case ResponseAction.FailOverRegion a -> {
                r.edge("from.", a.from());
                r.edge("to.", a.to());
            }
            case ResponseAction.FailBackRegion a -> {
                // as on the fleet: traffic moves from the region that took it to the one it belongs to
                r.edge("from.", a.from());
                r.edge("to.", a.region());
            }
        }
        return r.values;
    }

    @Override
    public int hosts(String region, String service, long t) {
        Double n = new Reading(new Evaluator(series), t).value(HOSTS, region, service);
        return n == null ? -1 : (int) Math.round(n);
    }

    /** The metrics of one read, at one instant. */
    private final class Reading {
        final Evaluator evaluator;
        final long t;
        final Map<String, Double> values = new LinkedHashMap<>();

        Reading(Evaluator evaluator, long t) {
            this.evaluator = evaluator;
            this.t = t;
        }

        /** A region's edge: what its users see. */
        void edge(String prefix, String region) {
            for (String metric : List.of(USERS, REQUESTS, ERRORS, CPU, REVENUE)) {
                put(prefix, metric, region, null);
            }
        }

        void put(String prefix, String metric, String region, String service) {
            Double v = value(metric, region, service);
            if (v != null) {
                values.put(prefix + metric, v);
            }
        }

        /** The query's single value, or null when it returns nothing or no number (0 / 0). */
        Double value(String metric, String region, String service) {
            List<Value.Element> result;
            try {
                result = evaluator.vector(queries.expression(metric, region, service), t);
            } catch (EvaluationException e) {
                throw new IllegalStateException("the " + metric + " query failed: " + e.getMessage() + "; fix it in"
                        + " the responses file (" + queries.query(metric) + ")", e);
            }
            if (result.size() > 1) {
                throw new IllegalStateException("the " + metric + " query returns " + result.size() + " series, and a"
                        + " response metric is one value: aggregate it, e.g. sum(...) or avg(...) ("
                        + queries.query(metric) + ")");
            }
            if (result.isEmpty() || !Double.isFinite(result.getFirst().value())) {
                return null;
            }
            return result.getFirst().value();
        }
    }
}
