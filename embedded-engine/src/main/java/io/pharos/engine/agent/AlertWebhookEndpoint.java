package io.pharos.engine.agent;

import com.sun.net.httpserver.HttpExchange;
import io.pharos.engine.alerting.AlertIntake;
import io.pharos.engine.alerting.AlertmanagerWebhook;
import io.pharos.engine.alerting.ReceivedAlert;
import io.pharos.engine.store.StoreException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alertmanager's webhook, received: the body read bounded, parsed, handed to the intake (which saves
 * it) and only then answered 200. A message that is not a webhook's is answered 400, which
 * Alertmanager does not retry; a failure to save is 500, which it retries.
 */
final class AlertWebhookEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(AlertWebhookEndpoint.class);
    private final AlertIntake intake;
    private final Clock clock;
    private final int maxBytes;

    AlertWebhookEndpoint(AlertIntake intake, Clock clock, int maxBytes) {
        this.intake = intake;
        this.clock = clock;
        this.maxBytes = maxBytes;
    }

    int answer(HttpExchange exchange, QueryParams params) throws IOException {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type != null && !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            return Responses.error(exchange, 415, "The webhook takes application/json, not " + Responses.shorten(type)
                    + ".");
        }
        byte[] body = read(exchange.getRequestBody());
        if (body == null) {
            return Responses.error(exchange, 413, "The webhook's body is larger than " + maxBytes + " bytes; set"
                    + " max_alerts in Alertmanager's webhook configuration.");
        }
        List<ReceivedAlert> alerts;
        try {
            alerts = AlertmanagerWebhook.parse(body, clock.millis());
        } catch (AlertmanagerWebhook.NotAWebhook e) {
            return Responses.error(exchange, 400, "Not Alertmanager's webhook message: " + e.getMessage());
        }
        try {
            intake.receive(alerts);
        } catch (StoreException e) {
            LOG.error("Received alerts could not be saved; the sender is told to retry", e);
            return Responses.error(exchange, 500, "The console could not save the alerts; retry later.");
        }
        return Responses.json(exchange, 200, g -> {
            g.writeStartObject();
            g.writeStringField("status", "success");
            g.writeNumberField("alerts", alerts.size());
            g.writeEndObject();
        });
    }

    /** The body, or null when it is larger than the bound (a chunked body has no length to check first). */
    private byte[] read(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[16 * 1024];
        for (int n; (n = in.read(buf)) > 0; ) {
            if (out.size() + n > maxBytes) {
                return null;
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }
}
