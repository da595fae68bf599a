package io.pharos.engine.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.pharos.engine.model.Durations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads the values of a YAML configuration file (notifications, responses) so that every problem
 * says where it is, such as {@code policy.max_hosts_per_action}, and unknown keys are refused: a
 * misspelt key would otherwise be silently ignored. {@code where} is the path of the mapping read
 * from ("" for the top), and a problem names the key within it.
 */
public final class YamlConfigReader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final String file;

    public YamlConfigReader(String file) {
        this.file = file;
    }

    /** The file's text; a file that cannot be read is a problem that names it. */
    public static String read(Path file) throws ConfigException {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The document's top mapping; an empty file is an empty mapping. */
    public JsonNode root(String text) throws ConfigException {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new ConfigException(file + (line > 0 ? ":" + line : "") + ": not valid YAML: " + e.getOriginalMessage());
        }
        return root == null || root.isMissingNode() || root.isNull() ? YAML.createObjectNode() : root;
    }

    /** Requires a mapping whose keys are all {@code allowed}. */
    public void keys(JsonNode node, String where, Set<String> allowed) throws ConfigException {
        if (!node.isObject()) {
            throw problem(where.isEmpty() ? "the file" : where, "must be a mapping");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw problem(at(where, k), "unknown key; expected one of " + allowed.stream().sorted().toList());
            }
        }
    }

    /** The list at {@code key}; empty when it is not there. */
    public List<JsonNode> list(JsonNode node, String key, String where) throws ConfigException {
        JsonNode v = node.path(key);
        if (v.isMissingNode() || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw problem(at(where, key), "must be a list");
        }
        List<JsonNode> out = new ArrayList<>();
        v.forEach(out::add);
        return out;
    }

    /** The single value at {@code key} as text; null when it is not there and not required. */
    public String text(JsonNode node, String key, String where, boolean required) throws ConfigException {
        JsonNode v = node.path(key);
        if (v.isMissingNode() || v.isNull()) {
            if (required) {
                throw problem(at(where, key), "is required");
            }
            return null;
        }
        if (!v.isValueNode()) {
            throw problem(at(where, key), "must be a single value");
        }
        return v.asText();
    }

    /** A duration as {@link Durations} reads it (30m, 1h30m, PT30M), or null when not there. */
    public Duration optionalDuration(JsonNode node, String key, String where) throws ConfigException {
        String t = text(node, key, where, false);
        if (t == null) {
            return null;
        }
        try {
            return Durations.parse(t);
        } catch (IllegalArgumentException e) {
            throw problem(at(where, key), e.getMessage());
        }
    }

    /** A whole number, or {@code otherwise} when not there. */
    public int optionalInt(JsonNode node, String key, String where, int otherwise) throws ConfigException {
        JsonNode v = node.path(key);
        if (v.isMissingNode() || v.isNull()) {
            return otherwise;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw problem(at(where, key), "must be a whole number, got " + v);
        }
        return v.intValue();
    }

    /** A number, or {@code otherwise} when not there. */
    public double optionalDouble(JsonNode node, String key, String where, double otherwise) throws ConfigException {
        JsonNode v = node.path(key);
        if (v.isMissingNode() || v.isNull()) {
            return otherwise;
        }
        if (!v.isNumber()) {
            throw problem(at(where, key), "must be a number, got " + v);
        }
        return v.doubleValue();
    }

    /** {@code where.key}, or {@code key} at the top. */
    public static String at(String where, String key) {
        return where.isEmpty() ? key : where + "." + key;
    }

    public ConfigException problem(String where, String message) {
        return new ConfigException(file + ": " + where + ": " + message);
    }

    /** A problem of the file as a whole (two settings that do not fit together). */
    public ConfigException problem(String message) {
        return new ConfigException(file + ": " + message);
    }
}
