package io.pharos.engine.snapshot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.pharos.engine.dashboard.DashboardConfig;
import io.pharos.engine.rules.Rule;
import io.pharos.engine.rules.RuleGroup;
import io.pharos.engine.store.PrintableText;
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
    /** Longer than any rule written by hand; what a snapshot's rule may hold before it is parsed. */
    static final int MAX_EXPRESSION_CHARS = 8_192;
    static final int MAX_GROUPS = 1_000;
    static final int MAX_RULES_PER_GROUP = 1_000;
    private static final ObjectMapper JSON = JsonMapper.builder(ManifestJson.bounded()).build();
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SnapshotSettings.class);

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
            out.add(new StateStore.Record(RULES_KIND, key, nowMs, group(g, out.size())));
        }
        if (s.dashboard() != null) {
            out.add(new StateStore.Record(DASHBOARD_KIND, "executive", nowMs, dashboard(s.dashboard())));
        }
        return out;
    }

    /** @param position the group's place in the order they are evaluated (records are kept by key) */
    static String group(RuleGroup g, int position) {
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
        doc.put("position", position);
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
        return rulesOf(r.list(RULES_KIND));
    }

    /** The rules of groups in use, as a snapshot of them would store them (to compare with one). */
    public static Map<String, String> rulesInUse(List<RuleGroup> groups) {
        return rulesOf(records(new InUse(groups, null), 0));
    }

    private static Map<String, String> rulesOf(List<StateStore.Record> records) {
        Map<String, String> out = new TreeMap<>();
        for (StateStore.Record rec : records) {
            if (!rec.kind().equals(RULES_KIND)) {
                continue;
            }
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

    /**
     * The rule groups a snapshot holds, their expressions parsed again (an alert's chart reads its
     * condition's series); a group or rule that cannot be read is logged and left out.
     */
    public static List<RuleGroup> ruleGroups(StateStore.Reader r, String where) {
        List<Map.Entry<Integer, RuleGroup>> out = new ArrayList<>();
        for (StateStore.Record rec : r.list(RULES_KIND)) {
            try {
                var doc = JSON.readTree(rec.body());
                List<Rule> rules = new ArrayList<>();
                if (doc.path("rules").size() > MAX_RULES_PER_GROUP || out.size() >= MAX_GROUPS) {
                    throw new IllegalArgumentException("more rules or groups than a snapshot writes");
                }
                for (var rule : doc.path("rules")) {
                    try {
                        rules.add(rule(rule, where));
                    } catch (RuntimeException e) {
                        LOG.warn("A rule of group {} in {} cannot be read and is left out: {}",
                                PrintableText.of(rec.key(), 200), where, PrintableText.of(e.getMessage(), 300));
                    }
                }
                long interval = doc.path("intervalMs").asLong(0);
                out.add(Map.entry(doc.path("position").asInt(Integer.MAX_VALUE),
                        new RuleGroup(doc.path("name").asText(rec.key()), interval > 0 ? interval : 60_000, rules)));
            } catch (JsonProcessingException | RuntimeException e) {
                LOG.warn("Rule group {} in {} cannot be read and is left out: {}", PrintableText.of(rec.key(), 200),
                        where, PrintableText.of(e.getMessage(), 300));
            }
        }
        // Sorted stably: groups of a file without positions stay in the order of their keys.
        return out.stream().sorted(Map.Entry.comparingByKey()).map(Map.Entry::getValue).toList();
    }

    private static Rule rule(com.fasterxml.jackson.databind.JsonNode rule, String where) {
        String exprText = rule.path("expr").asText("");
        if (exprText.length() > MAX_EXPRESSION_CHARS) {
            throw new IllegalArgumentException("its expression is longer than " + MAX_EXPRESSION_CHARS + " characters");
        }
        io.pharos.engine.rules.Expr expr;
        try {
            expr = io.pharos.engine.rules.Parser.parse(exprText);
        } catch (StackOverflowError e) {
            // The parser recurses per nesting level; a crafted file nests deeper than any rule would.
            throw new IllegalArgumentException("its expression nests too deeply");
        }
        Map<String, String> labels = strings(rule.path("labels"));
        if (rule.has("alert")) {
            return new Rule.Alerting(rule.path("alert").asText(), expr, exprText, rule.path("forMs").asLong(0),
                    rule.path("keepFiringForMs").asLong(0), labels, strings(rule.path("annotations")), where);
        }
        return new Rule.Recording(rule.path("record").asText(), expr, exprText, labels, where);
    }

    private static Map<String, String> strings(com.fasterxml.jackson.databind.JsonNode object) {
        Map<String, String> out = new TreeMap<>();
        object.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
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
