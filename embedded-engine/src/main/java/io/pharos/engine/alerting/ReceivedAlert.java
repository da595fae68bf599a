package io.pharos.engine.alerting;

import io.pharos.engine.model.Labels;
import java.util.Map;
import java.util.Objects;

/**
 * An alert another system raised and sent here (Alertmanager's webhook, a Prometheus source's alerts),
 * as last told.
 *
 * @param origin       who told it, for people: "Alertmanager, receiver pharos", "Prometheus prom-eu"
 * @param labels       its labels, {@code alertname} among them
 * @param annotations  its annotations (summary, description, runbook_url…)
 * @param startsAtMs   when the sender says it started
 * @param endsAtMs     when it ended (resolved), or {@link Long#MAX_VALUE} while it fires
 * @param generatorUrl where it came from (the Prometheus expression's page), or ""
 * @param receivedAtMs when this console last heard of it
 */
public record ReceivedAlert(String origin, Labels labels, Map<String, String> annotations, long startsAtMs,
                            long endsAtMs, String generatorUrl, long receivedAtMs) {
    public static final String ALERTNAME = "alertname";

    public ReceivedAlert {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(labels, "labels");
        annotations = Map.copyOf(annotations);
        Objects.requireNonNull(generatorUrl, "generatorUrl");
        if (labels.get(ALERTNAME) == null || labels.get(ALERTNAME).isEmpty()) {
            throw new IllegalArgumentException("an alert needs the label alertname");
        }
    }

    public String alertname() {
        return labels.get(ALERTNAME);
    }

    /** Firing at {@code nowMs}: not ended, and heard of within {@code staleAfterMs}. */
    public boolean firingAt(long nowMs, long staleAfterMs) {
        return endsAtMs > nowMs && nowMs - receivedAtMs < staleAfterMs;
    }
}
