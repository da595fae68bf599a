package io.pharos.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.pharos.engine.config.ConfigException;
import io.pharos.engine.config.YamlConfigReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * sources.yaml as the console edits it: each source as its kind, name and fields in the words of the
 * file (a token file's name, not the token), changed one at a time, checked by {@link SourcesFile} as a
 * hand-written file is, and written back whole (the previous file kept as {@code sources.yaml.bak}).
 * Comments of a hand-written file are not kept: the backup has them.
 */
public final class SourcesDocument {
    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS) // rack: "01" stays a string
            .build());
    /** A query line "record: expr": a metric name, a colon and blank space, then the expression. */
    private static final Pattern RECORD_LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*):\\s+(.+)$");

    /** The kinds of source, with the fields the console's form shows, in the file's words. */
    public enum Kind {
        AGENT("agents", "Pharos agent", List.of(
                field("name", true, "web-1 (its series get instance=\"web-1\")"),
                field("url", true, "https://web-1.example:9470"),
                field("token-file", true, "web-1.token, beside sources.yaml"),
                field("trust", false, "web-1.crt: PEM certificates to trust"),
                field("max-backfill", false, "1d"))),
        PROMETHEUS("prometheus", "Prometheus server", List.of(
                field("name", true, "prom-eu (its series get prometheus=\"prom-eu\")"),
                field("url", true, "http://prometheus.example:9090"),
                Field.lines("queries", true, "one a line: up, or record: expression"),
                field("map-labels", false, "region=cluster, service=job"),
                field("labels", false, "provider=aws"),
                field("interval", false, "15s"),
                field("timeout", false, "10s"),
                field("max-backfill", false, "1h"),
                field("token-file", false, "prom.token"),
                field("trust", false, "prom.crt"),
                field("alerts", false, "true: its firing alerts join the queue"))),
        SCRAPE("scrape", "Exporter, scraped", List.of(
                field("name", true, "node (its series' job label)"),
                field("url", true, "http://10.0.0.5:9100/metrics"),
                field("interval", false, "15s"),
                field("timeout", false, "the interval"),
                field("labels", false, "region=eu-west-1"))),
        ALERTMANAGER("alertmanager", "Alertmanager webhook", List.of(
                field("listen", true, "0.0.0.0:9471"),
                field("token-file", true, "alertmanager.token"),
                field("tls-keystore", false, "console.p12"),
                field("tls-password-file", false, "console.pass"),
                field("stale-after", false, "4h10m")));

        private final String key;
        private final String title;
        private final List<Field> fields;

        Kind(String key, String title, List<Field> fields) {
            this.key = key;
            this.title = title;
            this.fields = fields;
        }

        /** Its key in the file: agents, prometheus, scrape, alertmanager. */
        public String key() {
            return key;
        }

        public String title() {
            return title;
        }

        public List<Field> fields() {
            return fields;
        }

        /** One of it at most (the webhook receiver), named by its listen address. */
        public boolean single() {
            return this == ALERTMANAGER;
        }
    }

    /** A field of a form: {@code lines} for a list (one item a line), {@code hint} an example. */
    public record Field(String key, boolean required, boolean lines, String hint) {
        static Field lines(String key, boolean required, String hint) {
            return new Field(key, required, true, hint);
        }
    }

    private static Field field(String key, boolean required, String hint) {
        return new Field(key, required, false, hint);
    }

    /** A source as the file says it: its fields as text (maps as "a=b, c=d", lists one item a line). */
    public record Entry(Kind kind, Map<String, String> fields) {
        public Entry {
            Objects.requireNonNull(kind, "kind");
            fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }

        /** Its name: the name field, or the webhook's listen address. */
        public String name() {
            return (kind.single() ? fields.getOrDefault("listen", "") : fields.getOrDefault("name", "")).strip();
        }
    }

    private final Path file;
    private final ObjectNode root;

    private SourcesDocument(Path file, ObjectNode root) {
        this.file = file;
        this.root = root;
    }

    /** The file as it is (empty when there is none yet). */
    public static SourcesDocument load(Path file) throws ConfigException {
        if (!Files.exists(file)) {
            return new SourcesDocument(file, JsonNodeFactory.instance.objectNode());
        }
        JsonNode root = new YamlConfigReader(file.toString()).root(YamlConfigReader.read(file));
        if (!root.isObject()) {
            throw new ConfigException(file + ": must be a mapping of agents:, prometheus:, scrape:, alertmanager:");
        }
        return new SourcesDocument(file, (ObjectNode) root.deepCopy());
    }

    public Path file() {
        return file;
    }

    /** Every source of the file, kind by kind, in the file's order. */
    public List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        for (Kind k : Kind.values()) {
            JsonNode node = root.path(k.key());
            if (k.single()) {
                if (node.isObject()) {
                    out.add(entry(k, node));
                }
            } else if (node.isArray()) {
                node.forEach(n -> out.add(entry(k, n)));
            }
        }
        return out;
    }

    private static Entry entry(Kind kind, JsonNode node) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (Field f : kind.fields()) {
            JsonNode v = node.path(f.key());
            if (v.isMissingNode() || v.isNull()) {
                continue;
            }
            if (v.isObject()) {
                List<String> pairs = new ArrayList<>();
                v.properties().forEach(e -> pairs.add(e.getKey() + "=" + quoted(e.getValue().asText())));
                fields.put(f.key(), String.join(", ", pairs));
            } else if (v.isArray()) {
                List<String> lines = new ArrayList<>();
                for (JsonNode item : v) {
                    // one query a line: an expression written over several lines is one line (PromQL ignores them)
                    String expr = (item.isObject() ? item.path("expr").asText() : item.asText()).strip()
                            .replaceAll("\\s*\\n\\s*", " ");
                    String record = item.isObject() ? item.path("record").asText("").strip() : "";
                    lines.add(record.isEmpty() ? expr : record + ": " + expr);
                }
                fields.put(f.key(), String.join("\n", lines));
            } else {
                fields.put(f.key(), v.asText());
            }
        }
        return new Entry(kind, fields);
    }

    /**
     * The document with {@code updated} in place of {@code original} (or added, when original is null),
     * checked as the console reads the file.
     *
     * @throws ConfigException the problem, in the file's words (key and what is wrong)
     */
    public SourcesDocument with(Entry original, Entry updated) throws ConfigException {
        ObjectNode copy = root.deepCopy();
        ObjectNode node = node(updated);
        if (updated.kind().single()) {
            if (original == null && copy.path(updated.kind().key()).isObject()) {
                throw new ConfigException("There is one " + updated.kind().title() + " already: edit it.");
            }
            copy.set(updated.kind().key(), node);
        } else {
            ArrayNode list = copy.path(updated.kind().key()).isArray() ? (ArrayNode) copy.get(updated.kind().key())
                    : copy.putArray(updated.kind().key());
            int at = original == null || original.kind() != updated.kind() ? -1 : indexOf(list, original.name());
            if (at < 0) {
                list.add(node);
            } else {
                list.set(at, node);
            }
            if (original != null && original.kind() != updated.kind()) {
                remove(copy, original);
            }
        }
        return checked(copy);
    }

    /** The document without {@code entry}. */
    public SourcesDocument without(Entry entry) throws ConfigException {
        ObjectNode copy = root.deepCopy();
        remove(copy, entry);
        return checked(copy);
    }

    private static void remove(ObjectNode doc, Entry entry) {
        if (entry.kind().single()) {
            doc.remove(entry.kind().key());
            return;
        }
        JsonNode list = doc.path(entry.kind().key());
        if (list.isArray()) {
            int at = indexOf((ArrayNode) list, entry.name());
            if (at >= 0) {
                ((ArrayNode) list).remove(at);
            }
            if (list.isEmpty()) {
                doc.remove(entry.kind().key());
            }
        }
    }

    private static int indexOf(ArrayNode list, String name) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).path("name").asText().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private SourcesDocument checked(ObjectNode doc) throws ConfigException {
        SourcesDocument d = new SourcesDocument(file, doc);
        d.sources();
        return d;
    }

    /** The sources this document holds, as the console runs them. */
    public SourcesFile.Sources sources() throws ConfigException {
        return SourcesFile.read(text(), file);
    }

    /** The file's new text. */
    public String text() {
        try {
            return root.isEmpty() ? "" : YAML.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Writes the file (the previous one kept as sources.yaml.bak), in one rename. */
    public void save() throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        if (Files.exists(file)) {
            Files.copy(file, file.resolveSibling(file.getFileName() + ".bak"), StandardCopyOption.REPLACE_EXISTING);
        }
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            Files.writeString(tmp, "# Pharos live sources (docs/sources.md). Written by the console; the previous"
                    + " file is " + file.getFileName() + ".bak.\n" + text());
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** A label value for "a=b, c=d": quoted when a comma, a quote or blank space at an end would be lost. */
    private static String quoted(String v) {
        boolean plain = !v.contains(",") && !v.contains("\"") && v.equals(v.strip()) && !v.isEmpty();
        return plain ? v : "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String unquoted(String v) {
        if (v.length() < 2 || !v.startsWith("\"") || !v.endsWith("\"")) {
            return v;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < v.length() - 1; i++) {
            char c = v.charAt(i);
            if (c == '\\' && i + 1 < v.length() - 1) {
                c = v.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }

    /** "a=b, c=\"x, y\"" split at the commas outside quotes. */
    private static List<String> pairs(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inQuotes = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && inQuotes && i + 1 < text.length()) {
                cur.append(c).append(text.charAt(++i));
                continue;
            }
            if (c == '"') {
                inQuotes = !inQuotes;
            }
            if (c == ',' && !inQuotes) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    /** An entry's fields as the file's YAML: maps from "a=b, c=d", lists from lines. */
    private static ObjectNode node(Entry e) throws ConfigException {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        for (Field f : e.kind().fields()) {
            String v = e.fields().getOrDefault(f.key(), "").strip();
            if (v.isEmpty()) {
                if (f.required()) {
                    throw new ConfigException(e.kind().title() + ": " + f.key() + " is required (such as "
                            + f.hint() + ").");
                }
                continue;
            }
            if (f.key().equals("labels") || f.key().equals("map-labels")) {
                ObjectNode map = n.putObject(f.key());
                for (String pair : pairs(v)) {
                    if (pair.isBlank()) {
                        continue;
                    }
                    int eq = pair.indexOf('=');
                    if (eq <= 0) {
                        throw new ConfigException(e.kind().title() + ": " + f.key() + " wants name=value pairs"
                                + " separated by commas, such as " + f.hint() + "; got '" + pair.strip() + "'.");
                    }
                    map.put(pair.substring(0, eq).strip(), unquoted(pair.substring(eq + 1).strip()));
                }
            } else if (f.lines()) {
                ArrayNode list = n.putArray(f.key());
                for (String line : v.split("\n")) {
                    String l = line.strip();
                    if (l.isEmpty()) {
                        continue;
                    }
                    Matcher m = RECORD_LINE.matcher(l);
                    if (m.matches()) {
                        list.addObject().put("record", m.group(1)).put("expr", m.group(2).strip());
                    } else {
                        list.add(l);
                    }
                }
            } else {
                n.put(f.key(), v);
            }
        }
        return n;
    }
}
