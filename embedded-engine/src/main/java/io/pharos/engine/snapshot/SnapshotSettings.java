package io.pharos.engine.snapshot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.pharos.engine.dashboard.DashboardConfig;
import io.pharos.engine.rules.Rule;
import io.pharos.engine.rules.RuleGroup;
import io.pharos.engine.store.StateStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The settings in use that a snapshot carries beside its data (docs/snapshots.md): the alerting rules,
 * a record per group (kind {@value #RULES_KIND}, key the group's name), and the dashboard's settings
 * (kind {@value #DASHBOARD_KIND}, key "executive"), as JSON a tool reads without Pharos. The rule's
 * expression is kept as written.
 */
public final class SnapshotSettings {
    public static final String RULES_KIND = "snapshot.rules";
    public static final String DASHBOARD_KIND = "snapshot.dashboard";
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private SnapshotSettings() {
    }

    /** The settings in use at export: the rule groups alerting evaluates and the dashboard's settings. */
    public record InUse(List<RuleGroup> rules, DashboardConfig dashboard) {
        public static final InUse NONE = new InUse(List.of(), null);

        public InUse {
            rules = List.copyOf(rules);
        }
    }

    /** The records of the settings, kind and key to body. */
    static List<StateStore.Record> records(InUse s, long nowMs) {
        List<StateStore.Record> out = new ArrayList<>();
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (RuleGroup g : s.rules()) {
            String key = g.name();
            for (int n = 2; !keys.add(key); n++) {
                key = g.name() + " #" + n; // two files may name a group alike
            }
            out.add(new StateStore.Record(RULES_KIND, key, nowMs, group(g)));
        }
        if (s.dashboard() != null) {
            out.add(new StateStore.Record(DASHBOARD_KIND, "executive", nowMs, dashboard(s.dashboard())));
        }
        return out;
    }

    static String group(RuleGroup g) {
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Rule r : g.rules()) {
            Map<String, Object> m = new LinkedHashMap<>();
            switch (r) {
                case Rule.Alerting a -> {
                    m.put("alert", a.name());
                    m.put("expr", a.exprText());
                    m.put("forMs", a.forMs());
                    m.put("keepFiringForMs", a.keepFiringForMs());
                    m.put("labels", new TreeMap<>(a.labels()));
                    m.put("annotations", new TreeMap<>(a.annotations()));
                }
                case Rule.Recording rec -> {
                    m.put("record", rec.name());
                    m.put("expr", rec.exprText());
                    m.put("labels", new TreeMap<>(rec.labels()));
                }
            }
            rules.add(m);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", g.name());
        doc.put("intervalMs", g.intervalMs());
        doc.put("rules", rules);
        return write(doc);
    }

    static String dashboard(DashboardConfig c) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("objectiveTarget", c.objective().target());
        doc.put("objectiveWindowMs", c.objective().window().toMillis());
        doc.put("healthyResponseSeconds", c.health().healthyResponseSeconds());
        doc.put("healthySuccessRatio", c.health().healthySuccessRatio());
        doc.put("degradedResponseSeconds", c.health().degradedResponseSeconds());
        doc.put("degradedSuccessRatio", c.health().degradedSuccessRatio());
        doc.put("backendServices", c.backendServices());
        doc.put("scope", c.scope().stream().map(Object::toString).toList());
        doc.put("nowWindowMs", c.nowWindow().toMillis());
        doc.put("points", c.points());
        return write(doc);
    }

    /**
     * The rules a snapshot holds, each as "group/name" to its definition as stored (for comparing two);
     * a record that is not readable counts under its group with its whole text.
     */
    public static Map<String, String> rules(StateStore.Reader r) {
        Map<String, String> out = new TreeMap<>();
        for (StateStore.Record rec : r.list(RULES_KIND)) {
            try {
                var doc = JSON.readTree(rec.body());
                for (var rule : doc.path("rules")) {
                    String name = rule.has("alert") ? rule.path("alert").asText() : rule.path("record").asText();
                    out.put(rec.key() + "/" + name, rule.toString());
                }
            } catch (JsonProcessingException e) {
                out.put(rec.key() + "/(not readable)", rec.body());
            }
        }
        return out;
    }

    private static String write(Object doc) {
        try {
            return JSON.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps of strings and numbers always serialise", e);
        }
    }
}
