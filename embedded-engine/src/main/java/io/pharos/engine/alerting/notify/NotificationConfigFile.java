package io.pharos.engine.alerting.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.pharos.engine.model.Matcher;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a {@link NotificationConfig} from YAML (the format is in docs/alerting.md). Every problem is
 * reported with where it is, such as {@code receivers[2].webhook.timeout}, and unknown keys are
 * refused (a misspelt key would otherwise be silently ignored). A webhook's {@code bearer_token} must
 * be a reference ({@code env:NAME} or {@code file:PATH}): a token written into the file is refused.
 */
public final class NotificationConfigFile {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern MATCHER = Pattern.compile("\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"(.*)\"\\s*");

    /** A problem in the file, with where it is. */
    public static final class ConfigException extends Exception {
        public ConfigException(String message) {
            super(message);
        }
    }

    private NotificationConfigFile() {
    }

    public static NotificationConfig load(Path file) throws ConfigException {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    public static NotificationConfig parse(String text, String fileName) throws ConfigException {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new ConfigException(fileName + (line > 0 ? ":" + line : "") + ": not valid YAML: "
                    + e.getOriginalMessage());
        }
        return new Reader(fileName).config(root == null || root.isMissingNode() || root.isNull()
                ? YAML.createObjectNode() : root);
    }

    /** 500ms, 90s, 30m, 2h, 1d, 1h30m, or ISO-8601 (PT30M). */
    static Duration duration(String text) {
        String t = text.strip();
        if (t.startsWith("P") || t.startsWith("p")) {
            return Duration.parse(t);
        }
        Duration d = io.pharos.engine.model.Durations.compound(t);
        if (d == null) {
            throw new IllegalArgumentException("not a duration: \"" + text + "\" (write 500ms, 90s, 30m, 2h, 1d or 1h30m)");
        }
        return d;
    }

    /** {@code name="value"}, with =, !=, =~ or !~, as in PromQL. */
    static Matcher matcher(String text) {
        var m = MATCHER.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a matcher: " + text + " (write severity=\"critical\", or with !=, =~, !~)");
        }
        String value = m.group(3).replace("\\\"", "\"").replace("\\\\", "\\");
        return switch (m.group(2)) {
            case "=" -> Matcher.eq(m.group(1), value);
            case "!=" -> Matcher.neq(m.group(1), value);
            case "=~" -> Matcher.regex(m.group(1), value);
            default -> Matcher.notRegex(m.group(1), value);
        };
    }

    private static final class Reader {
        private final String file;

        Reader(String file) {
            this.file = file;
        }

        NotificationConfig config(JsonNode root) throws ConfigException {
            keys(root, "", Set.of("receivers", "escalation_policies", "routes", "retry", "external_url",
                    "delivery_log_retention"));
            Duration logRetention = optionalDuration(root, "delivery_log_retention", "");
            if (logRetention != null && (logRetention.isZero() || logRetention.isNegative())) {
                throw problem("delivery_log_retention", "must be longer than zero, such as 30d");
            }
            List<Receiver> receivers = new ArrayList<>();
            int i = 0;
            for (JsonNode r : list(root, "receivers", "")) {
                receivers.add(receiver(r, "receivers[" + i++ + "]"));
            }
            List<EscalationPolicy> policies = new ArrayList<>();
            i = 0;
            for (JsonNode p : list(root, "escalation_policies", "")) {
                policies.add(policy(p, "escalation_policies[" + i++ + "]"));
            }
            List<Route> routes = new ArrayList<>();
            i = 0;
            for (JsonNode r : list(root, "routes", "")) {
                String where = "routes[" + i++ + "]";
                keys(r, where, Set.of("match", "policy"));
                List<Matcher> matchers = new ArrayList<>();
                for (JsonNode m : list(r, "match", where)) {
                    try {
                        matchers.add(matcher(m.asText()));
                    } catch (IllegalArgumentException e) {
                        throw problem(where + ".match", e.getMessage());
                    }
                }
                routes.add(new Route(matchers, text(r, "policy", where, true)));
            }
            if (routes.isEmpty() && policies.isEmpty() && !receivers.isEmpty()) {
                // Receivers alone: every group to all of them.
                return NotificationConfig.simple(receivers).withRetry(retry(root.path("retry")))
                        .withExternalUrl(text(root, "external_url", "", false)).withLogRetention(logRetention);
            }
            try {
                return new NotificationConfig(receivers, policies, routes, retry(root.path("retry")),
                        text(root, "external_url", "", false), logRetention);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(file + ": " + e.getMessage());
            }
        }

        private Receiver receiver(JsonNode r, String where) throws ConfigException {
            keys(r, where, Set.of("name", "webhook", "command", "desktop"));
            String name = text(r, "name", where, true);
            int kinds = (r.has("webhook") ? 1 : 0) + (r.has("command") ? 1 : 0) + (r.has("desktop") ? 1 : 0);
            if (kinds != 1) {
                throw problem(where, "a receiver needs exactly one of webhook, command or desktop");
            }
            try {
                if (r.has("webhook")) {
                    JsonNode w = r.get("webhook");
                    String at = where + ".webhook";
                    keys(w, at, Set.of("url", "bearer_token", "timeout"));
                    String token = text(w, "bearer_token", at, false);
                    if (token != null && !SecretResolver.isReference(token)) {
                        // Not echoed: it may be the token itself.
                        throw problem(at + ".bearer_token", "must be a reference, env:NAME or file:PATH, not the token");
                    }
                    URI url;
                    try {
                        url = URI.create(text(w, "url", at, true));
                    } catch (IllegalArgumentException e) {
                        throw problem(at + ".url", "not a URL");
                    }
                    return new Receiver.Webhook(name, url, token, optionalDuration(w, "timeout", at));
                }
                if (r.has("command")) {
                    JsonNode c = r.get("command");
                    String at = where + ".command";
                    keys(c, at, Set.of("argv", "dir", "timeout"));
                    List<String> argv = new ArrayList<>();
                    for (JsonNode a : list(c, "argv", at)) {
                        argv.add(a.asText());
                    }
                    String dir = text(c, "dir", at, false);
                    return new Receiver.Command(name, argv, dir == null ? null : Path.of(dir),
                            optionalDuration(c, "timeout", at));
                }
                JsonNode d = r.get("desktop");
                if (!(d.isNull() || d.isObject() && d.isEmpty() || d.isBoolean() && d.asBoolean())) {
                    throw problem(where + ".desktop", "takes no settings: write desktop: {}");
                }
                return new Receiver.Desktop(name);
            } catch (IllegalArgumentException e) {
                throw problem(where, e.getMessage());
            }
        }

        private EscalationPolicy policy(JsonNode p, String where) throws ConfigException {
            keys(p, where, Set.of("name", "levels"));
            String name = text(p, "name", where, true);
            List<EscalationPolicy.Level> levels = new ArrayList<>();
            int i = 0;
            for (JsonNode l : list(p, "levels", where)) {
                String at = where + ".levels[" + i++ + "]";
                keys(l, at, Set.of("receivers", "timeout"));
                List<String> receivers = new ArrayList<>();
                for (JsonNode r : list(l, "receivers", at)) {
                    receivers.add(r.asText());
                }
                Duration timeout = optionalDuration(l, "timeout", at);
                try {
                    levels.add(new EscalationPolicy.Level(timeout == null ? Duration.ofDays(365) : timeout, receivers));
                } catch (IllegalArgumentException e) {
                    throw problem(at, e.getMessage());
                }
            }
            try {
                return new EscalationPolicy(name, levels);
            } catch (IllegalArgumentException e) {
                throw problem(where, e.getMessage());
            }
        }

        private RetryPolicy retry(JsonNode r) throws ConfigException {
            if (r.isMissingNode() || r.isNull()) {
                return RetryPolicy.DEFAULT;
            }
            keys(r, "retry", Set.of("initial_backoff", "max_backoff", "jitter", "max_age"));
            RetryPolicy d = RetryPolicy.DEFAULT;
            Duration initial = optionalDuration(r, "initial_backoff", "retry");
            Duration max = optionalDuration(r, "max_backoff", "retry");
            Duration age = optionalDuration(r, "max_age", "retry");
            try {
                return new RetryPolicy(initial == null ? d.initialBackoff() : initial, max == null ? d.maxBackoff() : max,
                        r.has("jitter") ? r.get("jitter").asDouble(-1) : d.jitter(), age == null ? d.maxAge() : age);
            } catch (IllegalArgumentException e) {
                throw problem("retry", e.getMessage());
            }
        }

        private void keys(JsonNode node, String where, Set<String> allowed) throws ConfigException {
            if (!node.isObject()) {
                throw problem(where.isEmpty() ? "the file" : where, "must be a mapping");
            }
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!allowed.contains(k)) {
                    throw problem(where.isEmpty() ? k : where + "." + k, "unknown key; expected one of "
                            + allowed.stream().sorted().toList());
                }
            }
        }

        private List<JsonNode> list(JsonNode node, String key, String where) throws ConfigException {
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

        private String text(JsonNode node, String key, String where, boolean required) throws ConfigException {
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

        private Duration optionalDuration(JsonNode node, String key, String where) throws ConfigException {
            String t = text(node, key, where, false);
            if (t == null) {
                return null;
            }
            try {
                return duration(t);
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw problem(at(where, key), e.getMessage());
            }
        }

        private static String at(String where, String key) {
            return where.isEmpty() ? key : where + "." + key;
        }

        private ConfigException problem(String where, String message) {
            return new ConfigException(file + ": " + where + ": " + message);
        }
    }
}
