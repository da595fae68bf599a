package io.pharos.app;

import io.pharos.client.SourcesFile;
import io.pharos.engine.agent.AgentOptions;
import io.pharos.engine.agent.AgentServer;
import io.pharos.engine.agent.AgentTls;
import io.pharos.engine.agent.BearerToken;
import io.pharos.engine.ingest.SampleSink;
import io.pharos.engine.ingest.Source;
import io.pharos.engine.ingest.SourceStatus;
import io.pharos.engine.pipeline.ReceivedAlerts;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's receiver of Alertmanager's webhook as one of its sources, so that the status bar and
 * the status screen show it like the others: listening and how many alerts it received, or why it
 * cannot (the port taken, a bad key store, alerting off). Its alerts go to the alert queue, not the store.
 */
final class AlertReceiverSource implements Source {
    static final String NAME = "Alertmanager webhook";
    private static final Logger LOG = LoggerFactory.getLogger(AlertReceiverSource.class);
    /** Alertmanager does not retry a 429: room for a storm of groups after its restart. */
    static final double PER_SECOND = 200;
    static final int BURST = 1_000;

    private final SourcesFile.AlertReceiver settings;
    private final ReceivedAlerts intake;
    private volatile AgentServer server;
    /** Alerts this webhook received (the queue's intake also takes a Prometheus source's). */
    private final java.util.concurrent.atomic.AtomicLong received = new java.util.concurrent.atomic.AtomicLong();
    private volatile String problem = "";

    /** @param intake where its alerts go; null when alerting is off (then it says so and does not listen) */
    AlertReceiverSource(SourcesFile.AlertReceiver settings, ReceivedAlerts intake) {
        this.settings = settings;
        this.intake = intake;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void start(SampleSink sink) {
        if (intake == null) {
            problem = "Alerting is off (--no-alerting): Alertmanager's webhook is not received.";
            return;
        }
        try {
            if (settings.staleAfter() != null) {
                intake.staleAfter(settings.staleAfter());
            }
            AgentOptions options = AgentOptions.of(settings.listen(), BearerToken.of(settings.token().reveal()),
                    "console", Map.of()).withRateLimit(PER_SECOND, BURST);
            if (settings.tlsKeyStore() != null) {
                options = options.withTls(AgentTls.serverContext(settings.tlsKeyStore(),
                        settings.tlsPassword().reveal().toCharArray()));
            } else if (!settings.listen().getAddress().isLoopbackAddress()) {
                LOG.warn("Receiving Alertmanager's webhook on {} without TLS: its token crosses the network in clear"
                        + " text", settings.listen());
            }
            server = AgentServer.startAlertReceiver(options, alerts -> {
                intake.receive(alerts);
                received.addAndGet(alerts.size());
            }, Clock.systemUTC());
        } catch (IOException | IllegalArgumentException e) {
            problem = "Cannot listen on " + settings.listen().getHostString() + ":" + settings.listen().getPort() + ": "
                    + e.getMessage() + ". Is another program using the port? Change listen: in the settings.";
            LOG.warn("Alertmanager's webhook: {}", problem);
        }
    }

    @Override
    public void stop() {
        AgentServer s = server;
        if (s != null) {
            s.close();
        }
    }

    @Override
    public SourceStatus status() {
        AgentServer s = server;
        if (s == null) {
            return problem.isEmpty() ? SourceStatus.starting()
                    : new SourceStatus(SourceStatus.State.FAILED, 0, 0, problem);
        }
        long n = received.get();
        return new SourceStatus(SourceStatus.State.RUNNING, n, 0, n + " alert" + (n == 1 ? "" : "s")
                + " received on " + (settings.tlsKeyStore() == null ? "http" : "https") + "://"
                + s.address().getHostString() + ":" + s.address().getPort() + AgentServer.ALERTMANAGER_WEBHOOK);
    }
}
