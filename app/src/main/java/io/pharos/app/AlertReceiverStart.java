package io.pharos.app;

import io.pharos.client.SourcesFile;
import io.pharos.engine.agent.AgentOptions;
import io.pharos.engine.agent.AgentServer;
import io.pharos.engine.agent.AgentTls;
import io.pharos.engine.agent.BearerToken;
import io.pharos.engine.pipeline.ReceivedAlerts;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the console's receiver of Alertmanager's webhook as sources.yaml sets it. A receiver that
 * cannot start (port taken, bad key store) is said on the console's error stream and in its log;
 * the console runs on without it.
 */
final class AlertReceiverStart {
    private static final Logger LOG = LoggerFactory.getLogger(AlertReceiverStart.class);
    static final double RECEIVER_PER_SECOND = 200;
    static final int RECEIVER_BURST = 1_000;

    private AlertReceiverStart() {
    }

    /** The running receiver, or nothing to close when none is set or it could not start. */
    static AutoCloseable start(SourcesFile.AlertReceiver settings, ReceivedAlerts intake) {
        if (settings == null) {
            return () -> { };
        }
        try {
            if (settings.staleAfter() != null) {
                intake.staleAfter(settings.staleAfter());
            }
            // Alertmanager does not retry a 429: room for a storm of groups after its restart
            AgentOptions options = AgentOptions.of(settings.listen(), BearerToken.of(settings.token().reveal()),
                    "console", Map.of()).withRateLimit(RECEIVER_PER_SECOND, RECEIVER_BURST);
            if (settings.tlsKeyStore() != null) {
                options = options.withTls(AgentTls.serverContext(settings.tlsKeyStore(),
                        settings.tlsPassword().reveal().toCharArray()));
            } else if (!settings.listen().getAddress().isLoopbackAddress()) {
                System.err.println("pharos: warning: receiving Alertmanager's webhook on " + settings.listen()
                        + " without TLS: its token crosses the network in clear text.");
            }
            return AgentServer.startAlertReceiver(options, intake, Clock.systemUTC());
        } catch (IOException | IllegalArgumentException e) {
            String message = "Alertmanager's webhook cannot be received on " + settings.listen() + ": "
                    + e.getMessage();
            System.err.println("pharos: warning: " + message);
            LOG.warn(message);
            return () -> { };
        }
    }
}
