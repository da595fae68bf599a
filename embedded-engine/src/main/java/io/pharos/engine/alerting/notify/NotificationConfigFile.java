package io.pharos.engine.alerting.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.pharos.engine.config.ConfigException;
import io.pharos.engine.config.YamlConfigReader;
import io.pharos.engine.model.Matcher;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
    private static final Pattern MATCHER = Pattern.compile("\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"(.*)\"\\s*");

    private NotificationConfigFile() {
    }

    public static NotificationConfig load(Path file) throws ConfigException {
        return parse(YamlConfigReader.read(file), file.toString());
    }

    public static NotificationConfig parse(String text, String fileName) throws ConfigException {
        YamlConfigReader yaml = new YamlConfigReader(fileName);
        return new Reader(yaml).config(yaml.root(text));
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
        private final YamlConfigReader yaml;

        Reader(YamlConfigReader yaml) {
            this.yaml = yaml;
        }

        NotificationConfig config(JsonNode root) throws ConfigException {
            yaml.keys(root, "", Set.of("receivers", "escalation_policies", "routes", "retry", "external_url",
                    "delivery_log_retention"));
            Duration logRetention = yaml.optionalDuration(root, "delivery_log_retention", "");
            if (logRetention != null && (logRetention.isZero() || logRetention.isNegative())) {
                throw problem("delivery_log_retention", "must be longer than zero, such as 30d");
            }
            List<Receiver> receivers = new ArrayList<>();
            int i = 0;
            for (JsonNode r : yaml.list(root, "receivers", "")) {
                receivers.add(receiver(r, "receivers[" + i++ + "]"));
            }
            List<EscalationPolicy> policies = new ArrayList<>();
            i = 0;
            for (JsonNode p : yaml.list(root, "escalation_policies", "")) {
                policies.add(policy(p, "escalation_policies[" + i++ + "]"));
            }
            List<Route> routes = new ArrayList<>();
            i = 0;
            for (JsonNode r : yaml.list(root, "routes", "")) {
                String where = "routes[" + i++ + "]";
                yaml.keys(r, where, Set.of("match", "policy"));
                List<Matcher> matchers = new ArrayList<>();
                for (JsonNode m : yaml.list(r, "match", where)) {
                    try {
                        matchers.add(matcher(m.asText()));
                    } catch (IllegalArgumentException e) {
                        throw problem(where + ".match", e.getMessage());
                    }
                }
                routes.add(new Route(matchers, yaml.text(r, "policy", where, true)));
            }
            if (routes.isEmpty() && policies.isEmpty() && !receivers.isEmpty()) {
                // Receivers alone: every group to all of them.
                return NotificationConfig.simple(receivers).withRetry(retry(root.path("retry")))
                        .withExternalUrl(yaml.text(root, "external_url", "", false)).withLogRetention(logRetention);
            }
            try {
                return new NotificationConfig(receivers, policies, routes, retry(root.path("retry")),
                        yaml.text(root, "external_url", "", false), logRetention);
            } catch (IllegalArgumentException e) {
                throw yaml.problem(e.getMessage());
            }
        }

        private Receiver receiver(JsonNode r, String where) throws ConfigException {
            yaml.keys(r, where, Set.of("name", "webhook", "command", "desktop"));
            String name = yaml.text(r, "name", where, true);
            int kinds = (r.has("webhook") ? 1 : 0) + (r.has("command") ? 1 : 0) + (r.has("desktop") ? 1 : 0);
            if (kinds != 1) {
                throw problem(where, "a receiver needs exactly one of webhook, command or desktop");
            }
            try {
                if (r.has("webhook")) {
                    JsonNode w = r.get("webhook");
                    String at = where + ".webhook";
                    yaml.keys(w, at, Set.of("url", "bearer_token", "timeout"));
                    String token = yaml.text(w, "bearer_token", at, false);
                    if (token != null && !SecretResolver.isReference(token)) {
                        // Not echoed: it may be the token itself.
                        throw problem(at + ".bearer_token", "must be a reference, env:NAME or file:PATH, not the token");
                    }
                    URI url;
                    try {
                        url = URI.create(yaml.text(w, "url", at, true));
                    } catch (IllegalArgumentException e) {
                        throw problem(at + ".url", "not a URL");
                    }
                    return new Receiver.Webhook(name, url, token, yaml.optionalDuration(w, "timeout", at));
                }
                if (r.has("command")) {
                    JsonNode c = r.get("command");
                    String at = where + ".command";
                    yaml.keys(c, at, Set.of("argv", "dir", "timeout"));
                    List<String> argv = new ArrayList<>();
                    for (JsonNode a : yaml.list(c, "argv", at)) {
                        argv.add(a.asText());
                    }
                    String dir = yaml.text(c, "dir", at, false);
                    return new Receiver.Command(name, argv, dir == null ? null : Path.of(dir),
                            yaml.optionalDuration(c, "timeout", at));
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
            yaml.keys(p, where, Set.of("name", "levels"));
            String name = yaml.text(p, "name", where, true);
            List<EscalationPolicy.Level> levels = new ArrayList<>();
            int i = 0;
            for (JsonNode l : yaml.list(p, "levels", where)) {
                String at = where + ".levels[" + i++ + "]";
                yaml.keys(l, at, Set.of("receivers", "timeout"));
                List<String> receivers = new ArrayList<>();
                for (JsonNode r : yaml.list(l, "receivers", at)) {
                    receivers.add(r.asText());
                }
                Duration timeout = yaml.optionalDuration(l, "timeout", at);
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
            yaml.keys(r, "retry", Set.of("initial_backoff", "max_backoff", "jitter", "max_age"));
            RetryPolicy d = RetryPolicy.DEFAULT;
            Duration initial = yaml.optionalDuration(r, "initial_backoff", "retry");
            Duration max = yaml.optionalDuration(r, "max_backoff", "retry");
            Duration age = yaml.optionalDuration(r, "max_age", "retry");
            try {
                return new RetryPolicy(initial == null ? d.initialBackoff() : initial, max == null ? d.maxBackoff() : max,
                        r.has("jitter") ? r.get("jitter").asDouble(-1) : d.jitter(), age == null ? d.maxAge() : age);
            } catch (IllegalArgumentException e) {
                throw problem("retry", e.getMessage());
            }
        }

        private ConfigException problem(String where, String message) {
            return yaml.problem(where, message);
        }
    }
}
