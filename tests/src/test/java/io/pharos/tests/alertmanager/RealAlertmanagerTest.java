package io.pharos.tests.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pharos.engine.PharosEngine;
import io.pharos.engine.agent.AgentOptions;
import io.pharos.engine.agent.AgentServer;
import io.pharos.engine.agent.BearerToken;
import io.pharos.engine.alerting.AlertState;
import io.pharos.engine.alerting.notify.NotificationConfig;
import io.pharos.engine.alerting.notify.Receiver;
import io.pharos.engine.incident.AutomatedResponses;
import io.pharos.engine.pipeline.AlertRow;
import io.pharos.engine.pipeline.AlertingRuntime;
import io.pharos.engine.pipeline.ReceivedAlerts;
import io.pharos.engine.rules.LoadedRules;
import io.pharos.engine.store.StoreOptions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Alertmanager of Debian (./run-tests installs it) sends its webhook, with a bearer token from
 * a credentials file, to the console's receiver on a loopback port: an alert posted to Alertmanager
 * fires in the console's queue with its labels and annotations, and resolves when Alertmanager says so.
 */
class RealAlertmanagerTest {
    private static final Path ALERTMANAGER = Path.of("/usr/bin/prometheus-alertmanager");
    private static final String TOKEN = "alertmanager-to-pharos-token-0123456789";
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void anAlertSentByAlertmanagerFiresInTheQueueAndResolves() throws Exception {
        assumeTrue(Files.isExecutable(ALERTMANAGER), "prometheus-alertmanager missing: ./run-tests installs it");
        Path token = Files.writeString(dir.resolve("pharos.token"), TOKEN + "\n");
        try (PharosEngine console = PharosEngine.open(dir.resolve("console"), StoreOptions.defaults())) {
            AlertingRuntime alerting = console.startAlerting(new LoadedRules(List.of(), List.of()),
                    NotificationConfig.simple(List.of(new Receiver.Desktop("desktop"))), AutomatedResponses.none());
            try (AgentServer receiver = AgentServer.startAlertReceiver(AgentOptions.of(new InetSocketAddress(
                    InetAddress.getLoopbackAddress(), 0), BearerToken.of(TOKEN), "console", Map.of()),
                    alerting.received(), Clock.systemUTC())) {
                int amPort = freePort();
                Files.writeString(dir.resolve("alertmanager.yml"), """
                        route:
                          receiver: pharos
                          group_by: [alertname]
                          group_wait: 1s
                          group_interval: 1s
                          repeat_interval: 1h
                        receivers:
                          - name: pharos
                            webhook_configs:
                              - url: http://127.0.0.1:%d/api/v1/alertmanager
                                send_resolved: true
                                http_config:
                                  authorization:
                                    credentials_file: %s
                        """.formatted(receiver.address().getPort(), token));
                Process am = new ProcessBuilder(ALERTMANAGER.toString(), "--config.file=" + dir.resolve("alertmanager.yml"),
                        "--storage.path=" + dir.resolve("am-data"), "--web.listen-address=127.0.0.1:" + amPort,
                        "--cluster.listen-address=").redirectErrorStream(true)
                        .redirectOutput(dir.resolve("alertmanager.log").toFile()).start();
                try {
                    awaitTrue("Alertmanager is ready", () -> status("http://127.0.0.1:" + amPort + "/-/ready") == 200);
                    assertThat(postAlert(amPort, null)).isEqualTo(200);
                    Supplier<Optional<AlertRow>> hostDown = () -> alerting.alerts().stream()
                            .filter(r -> "HostDown".equals(r.alert().alert().labels().get("alertname"))).findFirst();
                    awaitTrue("the alert fires in the console's queue", () -> hostDown.get()
                            .map(r -> r.alert().alert().state() == AlertState.FIRING).orElse(false));
                    AlertRow row = hostDown.get().orElseThrow();
                    assertThat(row.alert().group()).isEqualTo(ReceivedAlerts.GROUP);
                    assertThat(row.alert().alert().labels().get("region")).isEqualTo("eu-west-1");
                    assertThat(row.alert().alert().labels().get("severity")).isEqualTo("critical");
                    assertThat(row.alert().annotations()).containsEntry("summary", "web-1 is down")
                            .containsEntry("received_from", "Alertmanager, receiver pharos")
                            .containsEntry("generator_url", "http://prometheus.example:9090/graph");

                    assertThat(postAlert(amPort, Instant.now())).isEqualTo(200);
                    awaitTrue("Alertmanager's resolution resolves it", () -> hostDown.get()
                            .map(r -> r.alert().alert().state() == AlertState.RESOLVED).orElse(false));
                } finally {
                    am.destroy();
                    am.waitFor(10, TimeUnit.SECONDS);
                    am.destroyForcibly();
                }
            }
        }
    }

    /** Posts HostDown to Alertmanager's API (v2), ended at {@code endsAt} when given. */
    private int postAlert(int port, Instant endsAt) throws Exception {
        String body = """
                [{"labels":{"alertname":"HostDown","instance":"web-1:9100","region":"eu-west-1","severity":"critical"},
                  "annotations":{"summary":"web-1 is down"},"generatorURL":"http://prometheus.example:9090/graph"%s}]
                """.formatted(endsAt == null ? "" : ",\"endsAt\":\"" + endsAt + "\"");
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v2/alerts"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private int status(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (Exception notYet) {
            return -1;
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void awaitTrue(String what, java.util.function.BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not within 60 s: " + what);
    }
}
