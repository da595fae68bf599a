package io.pharos.engine.alerting.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pharos.engine.alerting.Alert;
import io.pharos.engine.alerting.AlertState;
import io.pharos.engine.model.Labels;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON body Alertmanager's webhook receiver sends (version "4"), so anything that accepts
 * Alertmanager webhooks accepts Pharos notifications:
 *
 * <pre>
 * {"receiver": "...", "status": "firing|resolved", "alerts": [{"status", "labels", "annotations",
 *  "startsAt", "endsAt", "generatorURL", "fingerprint"}], "groupLabels", "commonLabels",
 *  "commonAnnotations", "externalURL", "version": "4", "groupKey", "truncatedAlerts": 0}
 * </pre>
 *
 * Times are RFC 3339 in UTC; a firing alert's {@code endsAt} is Go's zero time
 * {@code 0001-01-01T00:00:00Z}, as Alertmanager sends it. The fingerprint is Prometheus' (64-bit
 * FNV-1a over the sorted label names and values, as 16 hex digits).
 */
public final class AlertmanagerPayload {
    public static final String VERSION = "4";
    /** Go's zero time, which Alertmanager sends as the end of an alert that has not ended. */
    public static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    static final ObjectMapper JSON = new ObjectMapper();

    private AlertmanagerPayload() {
    }

    /**
     * The payload for one notification to one receiver.
     *
     * @param alerts firing and resolved alerts, in the order given
     */
    public static String render(String receiver, Labels group, List<Alert> alerts, String externalUrl,
                                AlertDetails details) {
        ObjectNode root = JSON.createObjectNode();
        root.put("receiver", receiver);
        boolean firing = alerts.stream().anyMatch(a -> a.state() != AlertState.RESOLVED);
        root.put("status", firing ? "firing" : "resolved");
        ArrayNode list = root.putArray("alerts");
        List<Map<String, String>> labelSets = new ArrayList<>();
        List<Map<String, String>> annotationSets = new ArrayList<>();
        for (Alert a : alerts) {
            Map<String, String> labels = a.labels().toMap();
            Map<String, String> annotations = new TreeMap<>(details.annotations(a));
            labelSets.add(labels);
            annotationSets.add(annotations);
            ObjectNode o = list.addObject();
            boolean resolved = a.state() == AlertState.RESOLVED;
            o.put("status", resolved ? "resolved" : "firing");
            putMap(o.putObject("labels"), labels);
            putMap(o.putObject("annotations"), annotations);
            long starts = a.firingSinceMs() != 0 ? a.firingSinceMs() : a.activeSinceMs();
            o.put("startsAt", rfc3339(starts));
            o.put("endsAt", resolved && a.resolvedAtMs() != 0 ? rfc3339(a.resolvedAtMs()) : ZERO_TIME);
            String gen = details.generatorUrl(a);
            o.put("generatorURL", gen == null ? "" : gen);
            o.put("fingerprint", fingerprint(a.labels()));
        }
        putMap(root.putObject("groupLabels"), group.toMap());
        putMap(root.putObject("commonLabels"), common(labelSets));
        putMap(root.putObject("commonAnnotations"), common(annotationSets));
        root.put("externalURL", externalUrl == null ? "" : externalUrl);
        root.put("version", VERSION);
        root.put("groupKey", groupKey(group));
        root.put("truncatedAlerts", 0);
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a notification payload", e);
        }
    }

    /** Alertmanager's group key for a group under the root route: {@code {}:{region="eu", team="db"}}. */
    public static String groupKey(Labels group) {
        StringBuilder sb = new StringBuilder("{}:{");
        for (int i = 0; i < group.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(group.name(i)).append("=\"");
            for (char c : group.value(i).toCharArray()) {
                switch (c) {
                    case '\\' -> sb.append("\\\\");
                    case '"' -> sb.append("\\\"");
                    case '\n' -> sb.append("\\n");
                    default -> sb.append(c);
                }
            }
            sb.append('"');
        }
        return sb.append('}').toString();
    }

    /** Prometheus' label-set fingerprint: FNV-1a 64 over name, 0xff, value, 0xff of sorted pairs. */
    public static String fingerprint(Labels labels) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < labels.size(); i++) {
            h = add(h, labels.name(i).getBytes(StandardCharsets.UTF_8));
            h = addByte(h, (byte) 0xff);
            h = add(h, labels.value(i).getBytes(StandardCharsets.UTF_8));
            h = addByte(h, (byte) 0xff);
        }
        return String.format("%016x", h);
    }

    private static long add(long h, byte[] bytes) {
        for (byte b : bytes) {
            h = addByte(h, b);
        }
        return h;
    }

    private static long addByte(long h, byte b) {
        h ^= b & 0xff;
        return h * 0x100000001b3L;
    }

    static String rfc3339(long ms) {
        return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(ms));
    }

    private static Map<String, String> common(List<Map<String, String>> sets) {
        if (sets.isEmpty()) {
            return Map.of();
        }
        Map<String, String> common = new LinkedHashMap<>(sets.getFirst());
        for (Map<String, String> s : sets.subList(1, sets.size())) {
            common.entrySet().removeIf(e -> !e.getValue().equals(s.get(e.getKey())));
        }
        return common;
    }

    private static void putMap(ObjectNode node, Map<String, String> map) {
        new TreeMap<>(map).forEach(node::put);
    }
}
