package io.pharos.engine.snapshot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pharos.engine.dashboard.Basis;
import io.pharos.engine.dashboard.ExecutiveSummary;
import io.pharos.engine.dashboard.Health;
import io.pharos.engine.dashboard.Kpi;
import io.pharos.engine.dashboard.Objective;
import io.pharos.engine.dashboard.RegionFigures;
import io.pharos.engine.dashboard.RegionHealth;
import io.pharos.engine.incident.Severity;
import io.pharos.engine.store.PrintableText;
import io.pharos.engine.store.StateStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The executive figures over a snapshot's range as the console computed them at export, from the
 * whole store (kind {@value #KIND}, key {@value #KEY}): the trends' previous period and the error
 * budget's 30-day window lie before the range, outside the file, so a console opening the snapshot
 * shows these rather than figures it could not compute. {@code OpenedSnapshot.summary()} still
 * computes them from the file (what `snapshot diff` compares); a test keeps the two equal over the
 * range. JSON a tool reads without Pharos; read back with limits, as anything from the file.
 */
public final class SnapshotSummary {
    public static final String KIND = "snapshot.summary";
    public static final String KEY = "executive";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SnapshotSummary.class);
    private static final ObjectMapper JSON = JsonMapper.builder(ManifestJson.bounded()).build();
    private static final int MAX_REGIONS = 1_000;

    private SnapshotSummary() {
    }

    static StateStore.Record record(ExecutiveSummary s, long nowMs) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("fromMs", s.fromMs());
        doc.put("toMs", s.toMs());
        doc.put("previousFromMs", s.previousFromMs());
        doc.put("objectiveTarget", s.objective().target());
        doc.put("objectiveWindowMs", s.objective().window().toMillis());
        doc.put("simulated", s.simulated());
        ArrayNode kpis = doc.putArray("kpis");
        for (Kpi k : s.kpis()) {
            ObjectNode n = kpis.addObject();
            n.put("id", k.id());
            n.put("unit", k.unit());
            n.put("basis", k.basis().name());
            n.put("higherIsBetter", k.higherIsBetter());
            number(n, "value", k.value());
            number(n, "previous", k.previous());
            n.put("reason", k.reason().orElse(null));
            n.put("previousReason", k.previousReason().orElse(null));
            n.put("note", k.note());
            n.put("steadyWithin", k.steadyWithin());
            n.put("caveat", k.caveat());
        }
        ObjectNode open = doc.putObject("openBySeverity");
        s.openBySeverity().forEach((sev, n) -> open.put(sev.name(), n));
        ArrayNode regions = doc.putArray("regions");
        for (RegionHealth r : s.regions()) {
            ObjectNode n = regions.addObject();
            n.put("region", r.region());
            n.put("provider", r.provider());
            n.put("health", r.health().name());
            ArrayNode reasons = n.putArray("reasons");
            r.reasons().forEach(reasons::add);
            n.put("simulated", r.simulated());
            RegionFigures f = r.figures();
            ObjectNode fig = n.putObject("figures");
            number(fig, "responseTimeSeconds", f.responseTimeSeconds());
            number(fig, "successRatio", f.successRatio());
            number(fig, "requestsPerSecond", f.requestsPerSecond());
            number(fig, "latencyP95Seconds", f.latencyP95Seconds());
            number(fig, "latencyP99Seconds", f.latencyP99Seconds());
            number(fig, "errorRatio", f.errorRatio());
            number(fig, "activeUsers", f.activeUsers());
            number(fig, "revenuePerMinute", f.revenuePerMinute());
            number(fig, "costPerHour", f.costPerHour());
            number(fig, "cpuHeadroom", f.cpuHeadroom());
        }
        try {
            return new StateStore.Record(KIND, KEY, nowMs, JSON.writeValueAsString(doc));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serialises", e);
        }
    }

    private static void number(ObjectNode n, String name, OptionalDouble v) {
        if (v.isPresent()) {
            n.put(name, v.getAsDouble());
        } else {
            n.putNull(name);
        }
    }

    /** The figures a snapshot recorded; empty when it holds none or they cannot be read (logged). */
    static Optional<ExecutiveSummary> read(StateStore.Reader reader, String where) {
        return reader.get(KIND, KEY).flatMap(rec -> {
            try {
                return Optional.of(parse(JSON.readTree(rec.body())));
            } catch (JsonProcessingException | RuntimeException e) {
                LOG.warn("The executive figures recorded in {} cannot be read; they are computed from its data instead"
                        + " (no trends): {}", where, PrintableText.of(e.getMessage(), 300));
                return Optional.empty();
            }
        });
    }

    private static ExecutiveSummary parse(JsonNode doc) {
        Map<String, Kpi> kpis = new java.util.HashMap<>();
        for (JsonNode n : array(doc, "kpis", 100)) {
            Kpi k = new Kpi(text(n, "id"), text(n, "unit"), Basis.valueOf(text(n, "basis")),
                    n.path("higherIsBetter").asBoolean(), number(n, "value"), number(n, "previous"),
                    optionalText(n, "reason"), optionalText(n, "previousReason"), text(n, "note"),
                    n.path("steadyWithin").asDouble(), text(n, "caveat"));
            kpis.put(k.id(), k);
        }
        Map<Severity, Integer> open = new EnumMap<>(Severity.class);
        doc.path("openBySeverity").properties().forEach(e -> open.put(Severity.valueOf(e.getKey()), e.getValue().asInt()));
        List<RegionHealth> regions = new ArrayList<>();
        for (JsonNode n : array(doc, "regions", MAX_REGIONS)) {
            JsonNode f = n.path("figures");
            List<String> reasons = new ArrayList<>();
            array(n, "reasons", 100).forEach(r -> reasons.add(PrintableText.of(r.asText(), 2_000)));
            regions.add(new RegionHealth(text(n, "region"), text(n, "provider"), Health.valueOf(text(n, "health")),
                    reasons, new RegionFigures(number(f, "responseTimeSeconds"), number(f, "successRatio"),
                    number(f, "requestsPerSecond"), number(f, "latencyP95Seconds"), number(f, "latencyP99Seconds"),
                    number(f, "errorRatio"), number(f, "activeUsers"), number(f, "revenuePerMinute"),
                    number(f, "costPerHour"), number(f, "cpuHeadroom")), n.path("simulated").asBoolean()));
        }
        return new ExecutiveSummary(doc.path("fromMs").asLong(), doc.path("toMs").asLong(),
                doc.path("previousFromMs").asLong(), new Objective(doc.path("objectiveTarget").asDouble(),
                Duration.ofMillis(doc.path("objectiveWindowMs").asLong())), doc.path("simulated").asBoolean(),
                kpi(kpis, ExecutiveSummary.AVAILABILITY), kpi(kpis, ExecutiveSummary.ERROR_BUDGET_REMAINING),
                kpi(kpis, ExecutiveSummary.ACTIVE_USERS), kpi(kpis, ExecutiveSummary.REQUESTS_PER_SECOND),
                kpi(kpis, ExecutiveSummary.LATENCY_P95), kpi(kpis, ExecutiveSummary.LATENCY_P99),
                kpi(kpis, ExecutiveSummary.ERROR_RATE), kpi(kpis, ExecutiveSummary.REVENUE_PER_MINUTE),
                kpi(kpis, ExecutiveSummary.REVENUE_AT_RISK), kpi(kpis, ExecutiveSummary.COST_PER_HOUR),
                kpi(kpis, ExecutiveSummary.MONTHLY_RUN_RATE), kpi(kpis, ExecutiveSummary.CPU_HEADROOM),
                kpi(kpis, ExecutiveSummary.OPEN_INCIDENTS), kpi(kpis, ExecutiveSummary.MEAN_TIME_TO_ACKNOWLEDGE),
                kpi(kpis, ExecutiveSummary.MEAN_TIME_TO_RESOLVE), open, regions);
    }

    private static Kpi kpi(Map<String, Kpi> kpis, String id) {
        Kpi k = kpis.get(id);
        if (k == null) {
            throw new IllegalArgumentException("the figure " + id + " is missing");
        }
        return k;
    }

    private static List<JsonNode> array(JsonNode doc, String name, int max) {
        JsonNode a = doc.path(name);
        if (!a.isArray() || a.size() > max) {
            throw new IllegalArgumentException(name + " must be a list of at most " + max);
        }
        List<JsonNode> out = new ArrayList<>();
        a.forEach(out::add);
        return out;
    }

    /** Text from the file, kept printable: it is shown as it is on the executive screen. */
    private static String text(JsonNode n, String name) {
        JsonNode v = n.get(name);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException(name + " must be text");
        }
        return PrintableText.of(v.asText(), 2_000);
    }

    private static Optional<String> optionalText(JsonNode n, String name) {
        JsonNode v = n.get(name);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(PrintableText.of(v.asText(), 2_000));
    }

    private static OptionalDouble number(JsonNode n, String name) {
        JsonNode v = n.get(name);
        if (v == null || v.isNull()) {
            return OptionalDouble.empty();
        }
        if (!v.isNumber()) {
            throw new IllegalArgumentException(name + " must be a number");
        }
        return OptionalDouble.of(v.asDouble());
    }
}
