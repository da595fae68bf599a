package io.pharos.engine.incident;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pharos.engine.model.Labels;
import io.pharos.engine.store.StateJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The JSON this package stores in the state file and hands to commands. Field names are the format. */
final class IncidentJson {
    static final ObjectMapper MAPPER = StateJson.MAPPER;
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private IncidentJson() {
    }

    static ObjectNode object() {
        return F.objectNode();
    }

    static String text(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not readable JSON: " + e.getOriginalMessage(), e);
        }
    }

    // ---- incidents ----

    static ObjectNode incident(Incident i) {
        ObjectNode o = object();
        o.put("v", 1);
        o.put("id", i.id());
        o.put("title", i.title());
        o.put("severity", i.severity().name());
        o.put("status", i.status().id());
        o.put("commander", i.commander());
        o.put("createdBy", i.createdBy());
        o.put("createdAt", i.createdAtMs());
        o.put("acknowledgedAt", i.acknowledgedAtMs());
        o.put("mitigatingAt", i.mitigatingAtMs());
        o.put("resolvedAt", i.resolvedAtMs());
        o.put("closedAt", i.closedAtMs());
        o.put("alertGroup", i.alertGroup());
        ArrayNode alerts = o.putArray("alerts");
        for (LinkedAlert a : i.alerts()) {
            ObjectNode n = alerts.addObject();
            n.set("labels", labels(a.labels()));
            n.put("firingSince", a.firingSinceMs());
            n.put("linkedAt", a.linkedAtMs());
            n.put("linkedBy", a.linkedBy());
            n.put("resolvedAt", a.resolvedAtMs());
        }
        ArrayNode runbooks = o.putArray("runbooks");
        for (RunbookLink r : i.runbooks()) {
            runbooks.addObject().put("title", r.title()).put("url", r.url()).put("addedBy", r.addedBy())
                    .put("addedAt", r.addedAtMs());
        }
        ArrayNode regions = o.putArray("regions");
        i.regions().forEach(regions::add);
        if (i.postmortem() != null) {
            o.set("postmortem", postmortem(i.postmortem()));
        }
        o.put("updatedAt", i.updatedAtMs());
        o.put("timelineSize", i.timelineSize());
        o.put("timelineHead", i.timelineHead());
        o.put("actionCount", i.actionCount());
        return o;
    }

    static Incident incident(JsonNode o) {
        List<LinkedAlert> alerts = new ArrayList<>();
        for (JsonNode n : o.path("alerts")) {
            alerts.add(new LinkedAlert(labels(n.path("labels")), n.path("firingSince").asLong(),
                    n.path("linkedAt").asLong(), str(n, "linkedBy"), n.path("resolvedAt").asLong()));
        }
        List<RunbookLink> runbooks = new ArrayList<>();
        for (JsonNode n : o.path("runbooks")) {
            runbooks.add(new RunbookLink(str(n, "title"), str(n, "url"), str(n, "addedBy"), n.path("addedAt").asLong()));
        }
        List<String> regions = new ArrayList<>();
        o.path("regions").forEach(n -> regions.add(n.asText()));
        return new Incident(str(o, "id"), str(o, "title"), Severity.valueOf(str(o, "severity")),
                IncidentStatus.byId(str(o, "status")), str(o, "commander"), str(o, "createdBy"),
                o.path("createdAt").asLong(), o.path("acknowledgedAt").asLong(), o.path("mitigatingAt").asLong(),
                o.path("resolvedAt").asLong(), o.path("closedAt").asLong(), str(o, "alertGroup"), alerts, runbooks,
                regions, o.hasNonNull("postmortem") ? postmortem(o.get("postmortem")) : null,
                o.path("updatedAt").asLong(), o.path("timelineSize").asInt(), str(o, "timelineHead"),
                o.path("actionCount").asInt());
    }

    static ObjectNode postmortem(Postmortem p) {
        ObjectNode o = object();
        o.put("summary", p.summary());
        o.put("rootCause", p.rootCause());
        ArrayNode f = o.putArray("followUps");
        for (Postmortem.FollowUp u : p.followUps()) {
            f.addObject().put("text", u.text()).put("owner", u.owner());
        }
        o.put("author", p.author());
        o.put("writtenAt", p.writtenAtMs());
        return o;
    }

    static Postmortem postmortem(JsonNode o) {
        List<Postmortem.FollowUp> f = new ArrayList<>();
        for (JsonNode n : o.path("followUps")) {
            f.add(new Postmortem.FollowUp(str(n, "text"), str(n, "owner")));
        }
        return new Postmortem(str(o, "summary"), str(o, "rootCause"), f, str(o, "author"), o.path("writtenAt").asLong());
    }

    static ObjectNode labels(Labels labels) {
        ObjectNode o = object();
        labels.toMap().forEach(o::put);
        return o;
    }

    static Labels labels(JsonNode o) {
        Map<String, String> m = new TreeMap<>();
        o.properties().forEach(e -> m.put(e.getKey(), e.getValue().asText()));
        return Labels.of(m);
    }

    // ---- actions ----

    /** {"kind":"scale-compute","region":"us-east-1","service":"checkout","hosts":6}: also a command's stdin. */
    static ObjectNode action(ResponseAction a) {
        ObjectNode o = object();
        o.put("kind", a.kind().id());
        switch (a) {
            case ResponseAction.ScaleCompute s -> o.put("region", s.region()).put("service", s.service())
                    .put("hosts", s.hosts());
            case ResponseAction.ThrottleTraffic t -> o.put("region", t.region()).put("share", t.share());
            case ResponseAction.CleanUpResources c -> o.put("region", c.region()).put("resource", c.resource());
            case ResponseAction.FailOverRegion f -> o.put("from", f.from()).put("to", f.to());
            case ResponseAction.FailBackRegion b -> o.put("region", b.region()).put("from", b.from());
        }
        return o;
    }

    static ResponseAction action(JsonNode o) {
        return switch (ActionKind.byId(str(o, "kind"))) {
            case SCALE_COMPUTE -> new ResponseAction.ScaleCompute(str(o, "region"), str(o, "service"),
                    o.path("hosts").asInt());
            case THROTTLE_TRAFFIC -> new ResponseAction.ThrottleTraffic(str(o, "region"), o.path("share").asDouble());
            case CLEAN_UP_RESOURCES -> new ResponseAction.CleanUpResources(str(o, "region"), str(o, "resource"));
            case FAIL_OVER_REGION -> new ResponseAction.FailOverRegion(str(o, "from"), str(o, "to"));
            case FAIL_BACK_REGION -> new ResponseAction.FailBackRegion(str(o, "region"), str(o, "from"));
        };
    }

    static ObjectNode metrics(Map<String, Double> m) {
        ObjectNode o = object();
        new TreeMap<>(m).forEach((k, v) -> {
            if (v != null && Double.isFinite(v)) {
                o.put(k, v.doubleValue());
            }
        });
        return o;
    }

    static Map<String, Double> metrics(JsonNode o) {
        Map<String, Double> m = new TreeMap<>();
        o.properties().forEach(e -> m.put(e.getKey(), e.getValue().asDouble()));
        return m;
    }

    static ObjectNode expected(ExpectedEffect e) {
        ObjectNode o = object();
        o.set("current", metrics(e.current()));
        o.set("expected", metrics(e.expected()));
        o.put("text", e.text());
        return o;
    }

    static ExpectedEffect expected(JsonNode o) {
        return new ExpectedEffect(metrics(o.path("current")), metrics(o.path("expected")), str(o, "text"));
    }

    static ObjectNode verdict(PolicyVerdict v) {
        ObjectNode o = object();
        o.put("decision", v.decision().name().toLowerCase(java.util.Locale.ROOT));
        ArrayNode r = o.putArray("reasons");
        v.reasons().forEach(r::add);
        if (Double.isFinite(v.fleetShare())) {
            o.put("fleetShare", v.fleetShare());
        }
        return o;
    }

    static PolicyVerdict verdict(JsonNode o) {
        List<String> reasons = new ArrayList<>();
        o.path("reasons").forEach(n -> reasons.add(n.asText()));
        return new PolicyVerdict(PolicyVerdict.Decision.valueOf(str(o, "decision").toUpperCase(java.util.Locale.ROOT)),
                reasons, o.has("fleetShare") ? o.get("fleetShare").asDouble() : Double.NaN);
    }

    static ObjectNode actionRecord(ActionRecord r) {
        ObjectNode o = object();
        o.put("v", 1);
        o.put("id", r.id());
        o.put("incident", r.incidentId());
        o.set("action", action(r.action()));
        o.put("status", r.status().id());
        o.put("proposedBy", r.proposedBy());
        o.put("proposedAt", r.proposedAtMs());
        o.set("expected", expected(r.expected()));
        o.set("verdict", verdict(r.verdict()));
        o.put("decidedBy", r.decidedBy());
        o.put("decidedAt", r.decidedAtMs());
        o.put("decisionNote", r.decisionNote());
        o.put("startedAt", r.startedAtMs());
        o.put("finishedAt", r.finishedAtMs());
        o.set("before", metrics(r.before()));
        o.set("after", metrics(r.after()));
        o.put("output", r.output());
        o.put("error", r.error());
        o.put("executor", r.executor());
        o.put("simulated", r.simulated());
        return o;
    }

    static ActionRecord actionRecord(JsonNode o) {
        return new ActionRecord(str(o, "id"), str(o, "incident"), action(o.path("action")),
                ActionStatus.valueOf(str(o, "status").toUpperCase(java.util.Locale.ROOT)), str(o, "proposedBy"),
                o.path("proposedAt").asLong(), expected(o.path("expected")), verdict(o.path("verdict")),
                str(o, "decidedBy"), o.path("decidedAt").asLong(), str(o, "decisionNote"), o.path("startedAt").asLong(),
                o.path("finishedAt").asLong(), metrics(o.path("before")), metrics(o.path("after")), str(o, "output"),
                str(o, "error"), str(o, "executor"), o.path("simulated").asBoolean());
    }

    /** A string member, null when absent or null. */
    static String str(JsonNode o, String name) {
        JsonNode n = o.get(name);
        return n == null || n.isNull() ? null : n.asText();
    }
}
