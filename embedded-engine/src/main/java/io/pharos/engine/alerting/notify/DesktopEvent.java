package io.pharos.engine.alerting.notify;

import java.util.List;
import java.util.Map;

/**
 * A notification for the console to show, made from the same payload a webhook gets.
 *
 * @param deliveryId  the queued delivery it came from
 * @param receiver    the desktop receiver's name
 * @param status      {@code firing} or {@code resolved}
 * @param critical    some firing alert has {@code severity="critical"}: show it so it cannot be missed
 * @param severity    the most severe {@code severity} label among the firing alerts ("" when none)
 * @param title       one line, Alertmanager style: {@code [FIRING:2] HighCpu region=eu-west-1}
 * @param alerts      each alert's labels, firing ones first
 * @param payload     the whole Alertmanager webhook JSON
 */
public record DesktopEvent(long deliveryId, String receiver, String groupKey, Map<String, String> groupLabels,
                           String status, boolean critical, String severity, String title, int firing, int resolved,
                           List<Map<String, String>> alerts, long atMs, String payload) {

    public DesktopEvent {
        groupLabels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(groupLabels));
        alerts = List.copyOf(alerts);
    }
}
