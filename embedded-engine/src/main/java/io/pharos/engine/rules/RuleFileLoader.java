package io.pharos.engine.rules;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads Prometheus rule files (groups of alerting and recording rules) as they are. Each rule is
 * checked on its own: a rule Pharos cannot take is reported with file, line and column, and the
 * rest of the file loads. YAML is composed into nodes only (no objects are constructed), with
 * limits on size and aliases, so a hostile file cannot run code or exhaust memory.
 */
public final class RuleFileLoader {
    /** Prometheus' default group interval. */
    public static final long DEFAULT_INTERVAL_MS = 60_000;
    private static final int MAX_FILE_BYTES = 16 * 1024 * 1024;
    private static final Set<String> GROUP_KEYS = Set.of("name", "interval", "rules", "limit", "query_offset");
    private static final Set<String> RULE_KEYS = Set.of("alert", "record", "expr", "for", "keep_firing_for",
            "labels", "annotations");

    private final long defaultIntervalMs;

    public RuleFileLoader() {
        this(DEFAULT_INTERVAL_MS);
    }

    public RuleFileLoader(long defaultIntervalMs) {
        this.defaultIntervalMs = defaultIntervalMs;
    }

    /** Loads several files; groups and problems of all of them together. */
    public LoadedRules load(List<Path> files) {
        List<RuleGroup> groups = new ArrayList<>();
        List<RuleProblem> problems = new ArrayList<>();
        for (Path f : files) {
            LoadedRules one = load(f);
            groups.addAll(one.groups());
            problems.addAll(one.problems());
        }
        return new LoadedRules(groups, problems);
    }

    public LoadedRules load(Path file) {
        String name = file.toString();
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                return fileProblem(name, "the file is larger than 16 MB; split it into several rule files");
            }
            return parse(Files.readString(file, StandardCharsets.UTF_8), name);
        } catch (IOException e) {
            return fileProblem(name, "cannot read the file: " + e.getMessage());
        }
    }

    private static LoadedRules fileProblem(String file, String message) {
        return new LoadedRules(List.of(), List.of(new RuleProblem(file, 0, 0, null, message)));
    }

    /** Parses rule file text; {@code fileName} is used in problem reports. */
    public LoadedRules parse(String text, String fileName) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(50);
        options.setAllowRecursiveKeys(false);
        options.setCodePointLimit(MAX_FILE_BYTES);
        Node root;
        try {
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark();
            String why = e.getProblem() == null ? e.getMessage() : e.getProblem();
            return new LoadedRules(List.of(), List.of(new RuleProblem(fileName, m == null ? 0 : m.getLine() + 1,
                    m == null ? 0 : m.getColumn() + 1, null, "not valid YAML: " + why)));
        } catch (RuntimeException e) {
            return fileProblem(fileName, "not valid YAML: " + e.getMessage());
        }
        Context ctx = new Context(fileName, text);
        List<RuleGroup> groups = new ArrayList<>();
        if (root == null) {
            return new LoadedRules(List.of(), List.of(new RuleProblem(fileName, 0, 0, null,
                    "the file is empty; a rule file has a top-level 'groups:' list")));
        }
        if (!(root instanceof MappingNode top)) {
            ctx.problem(root, null, "a rule file is a mapping with a 'groups:' list");
            return ctx.result(groups);
        }
        Node groupsNode = null;
        for (NodeTuple t : top.getValue()) {
            String key = scalar(t.getKeyNode());
            if ("groups".equals(key)) {
                groupsNode = t.getValueNode();
            } else {
                ctx.problem(t.getKeyNode(), null, "unknown top-level key '" + key + "' (only 'groups' is allowed)");
            }
        }
        if (!(groupsNode instanceof SequenceNode list)) {
            ctx.problem(groupsNode == null ? root : groupsNode, null, "'groups:' must be a list of rule groups");
            return ctx.result(groups);
        }
        Set<String> groupNames = new HashSet<>();
        for (Node g : list.getValue()) {
            RuleGroup group = group(ctx, g, groupNames);
            if (group != null) {
                groups.add(group);
            }
        }
        return ctx.result(groups);
    }

    private RuleGroup group(Context ctx, Node node, Set<String> names) {
        if (!(node instanceof MappingNode map)) {
            ctx.problem(node, null, "a group is a mapping with name, rules and an optional interval");
            return null;
        }
        String name = null;
        long interval = defaultIntervalMs;
        Node rulesNode = null;
        for (NodeTuple t : map.getValue()) {
            String key = scalar(t.getKeyNode());
            Node value = t.getValueNode();
            switch (key == null ? "" : key) {
                case "name" -> name = scalar(value);
                case "interval" -> {
                    try {
                        interval = PromDuration.parseMillis(scalar(value));
                    } catch (IllegalArgumentException e) {
                        ctx.problem(value, null, "group interval: " + e.getMessage() + "; using "
                                + defaultIntervalMs / 1000 + "s");
                    }
                }
                case "rules" -> rulesNode = value;
                default -> {
                    if (!GROUP_KEYS.contains(key)) {
                        ctx.problem(t.getKeyNode(), null, "unknown group key '" + key + "'");
                    }
                }
            }
        }
        if (name == null || name.isBlank()) {
            ctx.problem(node, null, "a group needs a name");
            return null;
        }
        if (!names.add(name)) {
            ctx.problem(node, null, "group name '" + name + "' is used twice in this file");
            return null;
        }
        if (interval <= 0) {
            interval = defaultIntervalMs;
        }
        List<Rule> rules = new ArrayList<>();
        if (rulesNode instanceof SequenceNode seq) {
            for (Node r : seq.getValue()) {
                Rule rule = rule(ctx, r);
                if (rule != null) {
                    rules.add(rule);
                }
            }
        } else if (rulesNode != null && !(rulesNode instanceof ScalarNode s && s.getValue().isEmpty())) {
            ctx.problem(rulesNode, null, "'rules:' must be a list");
        }
        return new RuleGroup(name, interval, rules);
    }

    private Rule rule(Context ctx, Node node) {
        if (!(node instanceof MappingNode map)) {
            ctx.problem(node, null, "a rule is a mapping with alert or record, and expr");
            return null;
        }
        Map<String, NodeTuple> fields = new LinkedHashMap<>();
        List<NodeTuple> unknown = new ArrayList<>();
        for (NodeTuple t : map.getValue()) {
            String key = scalar(t.getKeyNode());
            if (key == null || !RULE_KEYS.contains(key)) {
                unknown.add(t);
            } else if (fields.put(key, t) != null) {
                unknown.add(t);
            }
        }
        String alert = value(fields, "alert");
        String record = value(fields, "record");
        String ruleName = alert != null ? alert : record;
        if (!unknown.isEmpty()) {
            // A typo such as "label:" would silently drop the severity: the rule is refused, not half-loaded.
            for (NodeTuple t : unknown) {
                String key = scalar(t.getKeyNode());
                ctx.problem(t.getKeyNode(), ruleName, fields.get(key) != null && RULE_KEYS.contains(key)
                        ? "key '" + key + "' given twice" : "unknown rule key '" + key + "'");
            }
            return null;
        }
        if ((alert == null) == (record == null)) {
            ctx.problem(node, ruleName, "a rule has exactly one of 'alert' and 'record'");
            return null;
        }
        if (ruleName.isBlank()) {
            ctx.problem(fields.get(alert != null ? "alert" : "record").getValueNode(), null, "the rule's name is empty");
            return null;
        }
        NodeTuple exprField = fields.get("expr");
        if (exprField == null || !(exprField.getValueNode() instanceof ScalarNode exprNode)
                || exprNode.getValue().isBlank()) {
            ctx.problem(node, ruleName, "the rule has no expr");
            return null;
        }
        String exprText = exprNode.getValue();
        Expr expr;
        try {
            expr = Parser.parse(exprText);
        } catch (RuleSyntaxException e) {
            int[] at = ctx.positionIn(exprNode, e.offset());
            ctx.problems.add(new RuleProblem(ctx.file, at[0], at[1], ruleName, e.reason()));
            return null;
        }
        Map<String, String> labels = stringMap(ctx, fields.get("labels"), ruleName, true);
        Map<String, String> annotations = stringMap(ctx, fields.get("annotations"), ruleName, false);
        if (labels == null || annotations == null) {
            return null;
        }
        String location = ctx.file + ":" + (node.getStartMark().getLine() + 1);
        if (record != null) {
            if (!validMetricName(record)) {
                ctx.problem(fields.get("record").getValueNode(), record, "'" + record + "' is not a valid metric name");
                return null;
            }
            for (String k : List.of("for", "keep_firing_for", "annotations")) {
                if (fields.containsKey(k)) {
                    ctx.problem(fields.get(k).getKeyNode(), record, "'" + k + "' only applies to alerting rules");
                    return null;
                }
            }
            return new Rule.Recording(record, expr, exprText, labels, location);
        }
        long forMs = duration(ctx, fields.get("for"), alert);
        long keepMs = duration(ctx, fields.get("keep_firing_for"), alert);
        if (forMs < 0 || keepMs < 0) {
            return null;
        }
        return new Rule.Alerting(alert, expr, exprText, forMs, keepMs, labels, annotations, location);
    }

    private static long duration(Context ctx, NodeTuple field, String rule) {
        if (field == null) {
            return 0;
        }
        try {
            return PromDuration.parseMillis(scalar(field.getValueNode()));
        } catch (IllegalArgumentException e) {
            ctx.problem(field.getValueNode(), rule, "'" + scalar(field.getKeyNode()) + "': " + e.getMessage());
            return -1;
        }
    }

    private static Map<String, String> stringMap(Context ctx, NodeTuple field, String rule, boolean labelNames) {
        Map<String, String> out = new LinkedHashMap<>();
        if (field == null) {
            return out;
        }
        Node v = field.getValueNode();
        if (v instanceof ScalarNode s && s.getValue().isEmpty()) {
            return out;
        }
        if (!(v instanceof MappingNode m)) {
            ctx.problem(v, rule, "'" + scalar(field.getKeyNode()) + "' must be a mapping of names to text");
            return null;
        }
        for (NodeTuple t : m.getValue()) {
            String k = scalar(t.getKeyNode());
            String value = scalar(t.getValueNode());
            if (k == null || value == null) {
                ctx.problem(t.getKeyNode(), rule, "'" + scalar(field.getKeyNode()) + "' values must be text");
                return null;
            }
            if (labelNames && !validLabelName(k)) {
                ctx.problem(t.getKeyNode(), rule, "'" + k + "' is not a valid label name");
                return null;
            }
            out.put(k, value);
        }
        return out;
    }

    private static String value(Map<String, NodeTuple> fields, String key) {
        NodeTuple t = fields.get(key);
        return t == null ? null : scalar(t.getValueNode());
    }

    private static String scalar(Node n) {
        return n instanceof ScalarNode s ? s.getValue() : null;
    }

    static boolean validMetricName(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c == '_' || c == ':' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && c >= '0' && c <= '9');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static boolean validLabelName(String s) {
        return validMetricName(s) && s.indexOf(':') < 0 && !s.startsWith("__");
    }

    /** Problems collected while reading one file, and the file's lines for positions inside values. */
    private static final class Context {
        final String file;
        final String[] lines;
        final List<RuleProblem> problems = new ArrayList<>();

        Context(String file, String text) {
            this.file = file;
            this.lines = text.split("\n", -1);
        }

        void problem(Node node, String rule, String message) {
            Mark m = node.getStartMark();
            problems.add(new RuleProblem(file, m.getLine() + 1, m.getColumn() + 1, rule, message));
        }

        LoadedRules result(List<RuleGroup> groups) {
            return new LoadedRules(groups, problems);
        }

        /**
         * The file line and column of an offset inside a scalar's value: block scalars (| and >)
         * start on the next line at their indentation; other scalars where the mark is. Each line
         * break or fold of the value counts one character, as in the value itself.
         */
        int[] positionIn(ScalarNode node, int offset) {
            Mark mark = node.getStartMark();
            DumperOptions.ScalarStyle style = node.getScalarStyle();
            boolean block = style == DumperOptions.ScalarStyle.LITERAL || style == DumperOptions.ScalarStyle.FOLDED;
            boolean quoted = style == DumperOptions.ScalarStyle.SINGLE_QUOTED
                    || style == DumperOptions.ScalarStyle.DOUBLE_QUOTED;
            int line = block ? mark.getLine() + 1 : mark.getLine();
            int firstColumn = block ? -1 : mark.getColumn() + (quoted ? 1 : 0);
            // A block keeps the spaces beyond its own indentation (that of its first line) as content.
            int blockIndent = block && line < lines.length ? indent(lines[line]) : 0;
            int remaining = offset;
            for (int i = line; i < lines.length; i++) {
                String l = lines[i];
                int start = block ? Math.min(blockIndent, l.length()) : i == line ? firstColumn : indent(l);
                int length = Math.max(0, l.length() - start);
                if (remaining <= length) {
                    return new int[] {i + 1, start + remaining + 1};
                }
                remaining -= length + 1;
            }
            return new int[] {mark.getLine() + 1, mark.getColumn() + 1};
        }

        private static int indent(String l) {
            int i = 0;
            while (i < l.length() && l.charAt(i) == ' ') {
                i++;
            }
            return i;
        }
    }
}
