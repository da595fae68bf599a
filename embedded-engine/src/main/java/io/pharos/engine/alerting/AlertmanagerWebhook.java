package io.pharos.engine.alerting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pharos.engine.model.Labels;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads Alertmanager's webhook message (version 4: {@code {"version":"4","receiver":…,"status":…,
 * "alerts":[{"status":"firing","labels":{…},"annotations":{…},"startsAt":…,"endsAt":…,
 * "generatorURL":…}]}}) into received alerts. A message that is not one is refused whole, with why.
 */
public final class AlertmanagerWebhook {
    public static final int MAX_ALERTS = 10_000;
    private static final int MAX_LABELS = 128;
    private static final ObjectMapper JSON = new ObjectMapper();

    private AlertmanagerWebhook() {
    }

    /** Thrown for a message that is not Alertmanager's webhook; its message says what is wrong. */
    public static final class NotAWebhook extends Exception {
        NotAWebhook(String message) {
            super(message, null, false, false);
        }
    }

    /** The alerts of a message received at {@code nowMs}. */
    public static List<ReceivedAlert> parse(byte[] body, long nowMs) throws NotAWebhook {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new NotAWebhook("the body is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject()) {
            throw new NotAWebhook("the body is not a JSON object");
        }
        String version = root.path("version").asText("");
        if (!version.equals("4")) {
            throw new NotAWebhook("version \"" + version + "\" is not Alertmanager's webhook version 4");
        }
        JsonNode alerts = root.path("alerts");
        if (!alerts.isArray()) {
            throw new NotAWebhook("\"alerts\" is not an array");
        }
        if (alerts.size() > MAX_ALERTS) {
            throw new NotAWebhook("more than " + MAX_ALERTS + " alerts in one message; set max_alerts in the"
                    + " webhook's configuration");
        }
        String receiver = root.path("receiver").asText("");
        String origin = "Alertmanager" + (receiver.isEmpty() ? "" : ", receiver " + receiver);
        List<ReceivedAlert> out = new ArrayList<>(alerts.size());
        int i = 0;
        for (JsonNode a : alerts) {
            String where = "alerts[" + i++ + "]";
            Map<String, String> labels = new LinkedHashMap<>();
            // Prometheus 3 allows any UTF-8 in label names (service.name); the console's are Prometheus'
            // classic ones, so such a name is written as Prometheus' own translation does: service_name
            strings(a.path("labels"), where + ".labels").forEach((k, v) -> labels.put(classicName(k), v));
            if (labels.isEmpty() || !labels.containsKey(ReceivedAlert.ALERTNAME)) {
                throw new NotAWebhook(where + " has no alertname label");
            }
            Map<String, String> annotations = strings(a.path("annotations"), where + ".annotations");
            String status = a.path("status").asText("");
            if (!status.equals("firing") && !status.equals("resolved")) {
                throw new NotAWebhook(where + ".status is \"" + status + "\", not firing or resolved");
            }
            long starts = time(a.path("startsAt"), where + ".startsAt", nowMs);
            long ends = time(a.path("endsAt"), where + ".endsAt", Long.MAX_VALUE);
            if (status.equals("firing")) {
                // Alertmanager hides a firing alert's end (zero time); a deadline another sender gives is
                // not taken either: firing is firing until told otherwise, or stale
                ends = Long.MAX_VALUE;
            } else if (ends == Long.MAX_VALUE || ends > nowMs) {
                ends = nowMs; // resolved says it ended: now at the latest
            }
            Labels l;
            try {
                l = Labels.of(new TreeMap<>(labels));
            } catch (IllegalArgumentException e) {
                throw new NotAWebhook(where + ".labels: " + e.getMessage());
            }
            out.add(new ReceivedAlert(origin, l, annotations, starts, ends, a.path("generatorURL").asText(""), nowMs));
        }
        return out;
    }

    /** A label name as Prometheus' classic names allow: other characters become _, a leading digit gets one. */
    static String classicName(String name) {
        StringBuilder out = new StringBuilder(name.length() + 1);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && c >= '0' && c <= '9');
            if (i == 0 && c >= '0' && c <= '9') {
                out.append('_').append(c);
            } else {
                out.append(ok ? c : '_');
            }
        }
        return out.isEmpty() ? "_" : out.toString();
    }

    private static Map<String, String> strings(JsonNode node, String where) throws NotAWebhook {
        if (node.isMissingNode() || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject() || node.size() > MAX_LABELS) {
            throw new NotAWebhook(where + " is not an object of at most " + MAX_LABELS + " names");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (var e : node.properties()) {
            if (!e.getValue().isTextual()) {
                throw new NotAWebhook(where + "." + e.getKey() + " is not a string");
            }
            if (!e.getValue().asText().isEmpty()) {
                out.put(e.getKey(), e.getValue().asText());
            }
        }
        return out;
    }

    private static long time(JsonNode node, String where, long otherwise) throws NotAWebhook {
        if (node.isMissingNode() || node.isNull() || node.asText().isEmpty()) {
            return otherwise;
        }
        try {
            return Instant.parse(node.asText()).toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new NotAWebhook(where + " \"" + node.asText() + "\" is not an RFC 3339 time");
        }
    }
}
