package io.pharos.engine.incident;

import static io.pharos.engine.incident.ResponseMetrics.CPU;
import static io.pharos.engine.incident.ResponseMetrics.DISK;
import static io.pharos.engine.incident.ResponseMetrics.HOSTS;
import static io.pharos.engine.incident.ResponseMetrics.MEMORY;
import static io.pharos.engine.incident.ResponseMetrics.REQUESTS;
import static io.pharos.engine.incident.ResponseMetrics.REVENUE;
import static io.pharos.engine.incident.ResponseMetrics.USERS;
import static io.pharos.engine.incident.ResponseMetrics.COST;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an action is expected to do, estimated from the current metrics before it runs: utilisation
 * scales with load per host, requests and revenue with the share of traffic kept, a fail-over adds
 * one region's traffic to the other's. Estimates, not promises: saturated hosts hide demand, so CPU
 * after scaling out of saturation may stay higher than estimated; a fail-over away from an outage
 * brings back users the outage had turned away, so the target may get more than estimated.
 *
 * @param current  the metrics read when it was proposed
 * @param expected the estimated values after it ran, for the metrics that can be estimated
 * @param text     the estimate in words
 */
public record ExpectedEffect(Map<String, Double> current, Map<String, Double> expected, String text) {

    public ExpectedEffect {
        current = Map.copyOf(current);
        expected = Map.copyOf(expected);
    }

    /** Estimates the effect of an action from the metrics read now. */
    public static ExpectedEffect estimate(ResponseAction action, Map<String, Double> now) {
        Map<String, Double> out = new LinkedHashMap<>();
        List<String> words = new ArrayList<>();
        switch (action) {
            case ResponseAction.ScaleCompute a -> {
                Double h = now.get(HOSTS);
                if (h != null && h > 0) {
                    double after = h + a.hosts();
                    out.put(HOSTS, after);
                    words.add(a.service() + " in " + a.region() + ": " + Format.number(h) + " → "
                            + Format.number(after) + " hosts");
                    scaled(now, out, words, CPU, h / after, "CPU");
                } else {
                    words.add(a.describe());
                }
            }
            case ResponseAction.ThrottleTraffic a -> {
                double kept = 1 - a.share();
                words.add(a.share() == 0 ? a.region() + " serves every request again"
                        : a.region() + " refuses " + Format.percent(a.share()) + " of requests");
                scaled(now, out, words, REQUESTS, kept, "requests");
                scaled(now, out, words, CPU, kept, "CPU");
                scaled(now, out, words, REVENUE, kept, "revenue");
            }
            case ResponseAction.CleanUpResources a -> {
                String metric = switch (a.resource()) {
                    case "disk" -> DISK;
                    case "memory" -> MEMORY;
                    case "orphaned" -> COST;
                    default -> null;
                };
                Double v = metric == null ? null : now.get(metric);
                words.add(a.describe() + (v == null ? "" : ": " + metric.replace('_', ' ') + " now "
                        + Format.metric(metric, v) + ", expected to fall"));
            }
            case ResponseAction.FailOverRegion a -> {
                Double fromReq = now.get("from." + REQUESTS);
                Double toReq = now.get("to." + REQUESTS);
                Double fromUsers = now.get("from." + USERS);
                Double toUsers = now.get("to." + USERS);
                Double toCpu = now.get("to." + CPU);
                words.add(a.from() + "'s traffic moves to " + a.to());
                if (fromUsers != null && toUsers != null) {
                    out.put("from." + USERS, 0.0);
                    out.put("to." + USERS, toUsers + fromUsers);
                    words.add(Format.number(fromUsers) + " users move: " + a.to() + " " + Format.number(toUsers)
                            + " → " + Format.number(toUsers + fromUsers));
                }
                if (fromReq != null && toReq != null) {
                    out.put("from." + REQUESTS, 0.0);
                    out.put("to." + REQUESTS, toReq + fromReq);
                    words.add(a.to() + " requests " + Format.metric(REQUESTS, toReq) + " → "
                            + Format.metric(REQUESTS, toReq + fromReq));
                    if (toCpu != null && toReq > 0) {
                        double cpu = Math.min(1, toCpu * (toReq + fromReq) / toReq);
                        out.put("to." + CPU, cpu);
                        words.add(a.to() + " CPU about " + Format.percent(toCpu) + " → " + Format.percent(cpu));
                    }
                }
            }
            case ResponseAction.FailBackRegion a -> {
                Double fromReq = now.get("from." + REQUESTS);
                Double homeReq = now.get("to." + REQUESTS);
                words.add(a.region() + "'s traffic comes back from " + a.from());
                if (fromReq != null && homeReq != null) {
                    words.add(a.from() + " serves " + Format.metric(REQUESTS, fromReq) + " now, " + a.region() + " "
                            + Format.metric(REQUESTS, homeReq) + "; how much moves back depends on how much the"
                            + " fail-over moved");
                }
            }
        }
        return new ExpectedEffect(now, out, String.join("; ", words));
    }

    private static void scaled(Map<String, Double> now, Map<String, Double> out, List<String> words, String metric,
            double factor, String label) {
        Double v = now.get(metric);
        if (v != null) {
            double after = metric.equals(CPU) ? Math.min(1, v * factor) : v * factor;
            out.put(metric, after);
            words.add(label + " about " + Format.metric(metric, v) + " → " + Format.metric(metric, after));
        }
    }
}
