package io.pharos.client.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;

/**
 * A Prometheus server's rules (its {@code api/v1/rules} answer) as a Prometheus rule file, which
 * Pharos loads as it loads any rule file: each group with its interval, each rule with its expression,
 * {@code for}, {@code keep_firing_for}, labels and annotations, in the server's order. What Pharos' PromQL
 * subset cannot take is then reported by the loader, rule by rule, as for a file written by hand.
 */
public final class RuleImport {
    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .build());

    private RuleImport() {
    }

    /** The counts of an import. */
    public record Imported(String ruleFile, int groups, int alerting, int recording) {
    }

    /**
     * @param data   the {@code data} of the rules API's answer ({@code {"groups": [...]}})
     * @param header a comment for the file's first lines (where and when it was imported)
     */
    public static Imported ruleFile(JsonNode data, String header) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        ArrayNode groups = root.putArray("groups");
        Set<String> names = new HashSet<>();
        int alerting = 0;
        int recording = 0;
        for (JsonNode g : data.path("groups")) {
            ObjectNode group = groups.addObject();
            String name = g.path("name").asText("");
            String unique = name;
            for (int n = 2; !names.add(unique); n++) {
                unique = name + " #" + n; // Prometheus allows one name in several files, a rule file does not
            }
            group.put("name", unique);
            if (g.path("interval").isNumber() && g.path("interval").asDouble() > 0) {
                group.put("interval", duration(g.path("interval").asDouble()));
            }
            if (g.path("limit").asInt(0) > 0) {
                group.put("limit", g.path("limit").asInt());
            }
            ArrayNode rules = group.putArray("rules");
            for (JsonNode r : g.path("rules")) {
                ObjectNode rule = rules.addObject();
                boolean alert = "alerting".equals(r.path("type").asText());
                rule.put(alert ? "alert" : "record", r.path("name").asText(""));
                rule.put("expr", r.path("query").asText(""));
                if (alert) {
                    alerting++;
                    if (r.path("duration").asDouble(0) > 0) {
                        rule.put("for", duration(r.path("duration").asDouble()));
                    }
                    if (r.path("keepFiringFor").asDouble(0) > 0) {
                        rule.put("keep_firing_for", duration(r.path("keepFiringFor").asDouble()));
                    }
                } else {
                    recording++;
                }
                copyStrings(r.path("labels"), rule, "labels");
                if (alert) {
                    copyStrings(r.path("annotations"), rule, "annotations");
                }
            }
        }
        StringBuilder text = new StringBuilder();
        for (String line : header.split("\n")) {
            text.append("# ").append(line).append('\n');
        }
        try {
            text.append(YAML.writeValueAsString(root));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return new Imported(text.toString(), groups.size(), alerting, recording);
    }

    private static void copyStrings(JsonNode from, ObjectNode rule, String key) {
        if (from.isObject() && !from.isEmpty()) {
            ObjectNode to = rule.putObject(key);
            from.properties().forEach(e -> to.put(e.getKey(), e.getValue().asText()));
        }
    }

    /** Seconds as a Prometheus duration: 300 → 5m, 90 → 1m30s, 0.5 → 500ms. */
    static String duration(double seconds) {
        long ms = Math.round(seconds * 1000);
        StringBuilder out = new StringBuilder();
        long[] units = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};
        String[] names = {"d", "h", "m", "s", "ms"};
        for (int i = 0; i < units.length; i++) {
            if (ms >= units[i]) {
                out.append(ms / units[i]).append(names[i]);
                ms %= units[i];
            }
        }
        return out.isEmpty() ? "0s" : out.toString();
    }
}
