package io.pharos.engine.alerting.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/** Publishes a delivery to {@link DesktopNotifications}; in process, so it is delivered at once. */
final class DesktopSender implements Sender {
    /** Severities from most to least severe; anything else ranks below them. */
    static final List<String> SEVERITIES = List.of("critical", "page", "error", "high", "warning", "warn", "medium",
            "info", "low", "none");

    private final Receiver.Desktop receiver;
    private final DesktopNotifications target;
    private final LongSupplier clock;

    DesktopSender(Receiver.Desktop receiver, DesktopNotifications target, LongSupplier clock) {
        this.receiver = receiver;
        this.target = target;
        this.clock = clock;
    }

    @Override
    public SendResult send(Delivery d) {
        DesktopEvent event;
        try {
            event = event(d, receiver.name(), clock.getAsLong());
        } catch (JsonProcessingException e) {
            return SendResult.permanent("the queued payload is not valid JSON: " + e.getOriginalMessage());
        }
        target.publish(event);
        return SendResult.delivered();
    }

    static DesktopEvent event(Delivery d, String receiver, long nowMs) throws JsonProcessingException {
        JsonNode root = AlertmanagerPayload.JSON.readTree(d.payload());
        Map<String, String> group = strings(root.path("groupLabels"));
        List<Map<String, String>> firing = new ArrayList<>();
        List<Map<String, String>> resolved = new ArrayList<>();
        for (JsonNode a : root.path("alerts")) {
            ("resolved".equals(a.path("status").asText()) ? resolved : firing).add(strings(a.path("labels")));
        }
        String severity = "";
        int best = Integer.MAX_VALUE;
        for (Map<String, String> labels : firing) {
            String s = labels.getOrDefault("severity", "");
            int rank = SEVERITIES.indexOf(s.toLowerCase(java.util.Locale.ROOT));
            rank = rank < 0 ? SEVERITIES.size() : rank;
            if (!s.isEmpty() && rank < best) {
                best = rank;
                severity = s;
            }
        }
        boolean critical = severity.equalsIgnoreCase("critical");
        String status = root.path("status").asText("firing");
        StringBuilder title = new StringBuilder();
        title.append('[').append(status.toUpperCase(java.util.Locale.ROOT));
        if ("firing".equals(status)) {
            title.append(':').append(firing.size());
        }
        title.append(']');
        Map<String, String> common = strings(root.path("commonLabels"));
        String name = common.getOrDefault("alertname", group.get("alertname"));
        if (name != null) {
            title.append(' ').append(name);
        }
        group.forEach((k, v) -> {
            if (!k.equals("alertname")) {
                title.append(' ').append(k).append('=').append(v);
            }
        });
        List<Map<String, String>> alerts = new ArrayList<>(firing);
        alerts.addAll(resolved);
        return new DesktopEvent(d.id(), receiver, d.groupKey(), group, status, critical, severity, title.toString(),
                firing.size(), resolved.size(), alerts, nowMs, d.payload());
    }

    private static Map<String, String> strings(JsonNode obj) {
        Map<String, String> out = new LinkedHashMap<>();
        obj.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
