package io.pharos.tests.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pharos agent} as a process, started and stopped as an operator would. */
class AgentCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    private Path tokenFile(String secret) throws Exception {
        Path f = dir.resolve("agent.token");
        Files.writeString(f, secret + "\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        return f;
    }

    private HttpResponse<String> get(int port, String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anAgentServesThisHostsMetricsWithItsLabelsAndStopsCleanly() throws Exception {
        String secret = "agent-command-test-secret-42";
        try (AgentProcess agent = AgentProcess.start(dir.resolve("data"), List.of("--token-file",
                tokenFile(secret).toString(), "--name", "edge-1", "--label", "region=ap-southeast-1", "--label",
                "provider=gcp", "--interval", "500ms"))) {
            JsonNode health = JSON.readTree(get(agent.port(), "/api/v1/health", secret).body());
            assertThat(health.get("name").asText()).isEqualTo("edge-1");
            assertThat(health.get("labels").get("region").asText()).isEqualTo("ap-southeast-1");

            JsonNode host = null;
            for (int i = 0; i < 40 && host == null; i++) {
                JsonNode hosts = JSON.readTree(get(agent.port(), "/api/v1/hyperscale-monitoring/metrics/hosts", secret)
                        .body()).get("hosts");
                if (!hosts.isEmpty()) {
                    host = hosts.get(0);
                } else {
                    Thread.sleep(250);
                }
            }
            assertThat(host).as("this host's metrics arrive").isNotNull();
            JsonNode series = JSON.readTree(get(agent.port(), "/api/v1/hyperscale-monitoring/metrics/hosts/"
                    + host.get("name").asText(), secret).body()).get("series");
            assertThat(series.findValuesAsText("metric")).contains("node_memory_utilization_ratio", "node_load1");
            for (JsonNode s : series) {
                assertThat(s.get("labels").get("region").asText()).isEqualTo("ap-southeast-1");
                assertThat(s.get("labels").get("provider").asText()).isEqualTo("gcp");
            }
            assertThat(get(agent.port(), "/metrics", "wrong-token-of-the-right-length").statusCode()).isEqualTo(401);
            assertThat(get(agent.port(), "/metrics", secret).body()).contains("region=\"ap-southeast-1\"");

            assertThat(agent.stop()).as("ended by SIGTERM, after its shutdown hook (128 + 15)").isEqualTo(143);
            assertThat(agent.output()).contains("Agent edge-1 stopped").doesNotContain(secret);
        }
        try (AgentProcess again = AgentProcess.start(dir.resolve("data"), List.of("--token-file",
                dir.resolve("agent.token").toString(), "--name", "edge-1"))) {
            JsonNode health = JSON.readTree(get(again.port(), "/api/v1/health", secret).body());
            assertThat(health.get("series").asInt()).as("the store kept what the first run took").isPositive();
            again.stop();
        }
    }

    @Test
    void anAgentWithRulesServesItsAlertsAndItsHostsHealth() throws Exception {
        String secret = "agent-rules-test-secret-4242";
        java.nio.file.Path rules = java.nio.file.Files.writeString(dir.resolve("rules.yml"), """
                groups:
                  - name: host
                    interval: 1s
                    rules:
                      - alert: HostReporting
                        expr: node_cpu_utilization_ratio >= 0
                        labels: {severity: info}
                """);
        try (AgentProcess agent = AgentProcess.start(dir.resolve("rules-data"), List.of("--token-file",
                tokenFile(secret).toString(), "--name", "edge-2", "--interval", "500ms", "--rules", rules.toString()))) {
            JsonNode firing = null;
            for (int i = 0; i < 60 && (firing == null || firing.get("alerts").isEmpty()); i++) {
                Thread.sleep(250);
                firing = JSON.readTree(get(agent.port(), "/api/v1/hyperscale-monitoring/alerts?state=firing", secret)
                        .body());
            }
            assertThat(firing.get("alerting").asText()).isEqualTo("on");
            assertThat(firing.get("alerts").get(0).get("alertname").asText()).isEqualTo("HostReporting");
            JsonNode infrastructure = JSON.readTree(get(agent.port(), "/api/v1/hyperscale-monitoring/infrastructure",
                    secret).body());
            assertThat(infrastructure.get("hosts")).hasSize(1);
            assertThat(infrastructure.get("hosts").get(0).get("health").asText()).isIn("healthy", "degraded",
                    "unhealthy");
            assertThat(infrastructure.get("hosts").get(0).get("cpu").isNumber()).isTrue();
            agent.stop();
        }
    }

    @Test
    void aMissingOrWeakTokenOrABusyPortIsRefusedWithTheReason() throws Exception {
        AgentProcess.Finished missing = AgentProcess.refused(dir.resolve("d1"), List.of("--token-file",
                dir.resolve("nope").toString()));
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.output()).contains("--token-file", "does not exist");

        AgentProcess.Finished weak = AgentProcess.refused(dir.resolve("d2"), List.of("--token-file",
                tokenFile("short").toString()));
        assertThat(weak.exitCode()).isEqualTo(2);
        assertThat(weak.output()).contains("at least 16 characters").doesNotContain("short\n");

        AgentProcess.Finished badLabel = AgentProcess.refused(dir.resolve("d5"), List.of("--token-file",
                tokenFile("agent-command-test-secret-44").toString(), "--label", "9region=x"));
        assertThat(badLabel.exitCode()).isEqualTo(2);
        assertThat(badLabel.output()).contains("--label", "9region").doesNotContain("Exception");

        String secret = "agent-command-test-secret-43";
        try (AgentProcess first = AgentProcess.start(dir.resolve("d3"), List.of("--token-file",
                tokenFile(secret).toString()))) {
            AgentProcess.Finished busy = AgentProcess.refused(dir.resolve("d4"), List.of("--token-file",
                    dir.resolve("agent.token").toString(), "--listen", "127.0.0.1:" + first.port()));
            assertThat(busy.exitCode()).isEqualTo(2);
            assertThat(busy.output()).contains("Cannot listen on 127.0.0.1:" + first.port(), "--listen");
            first.stop();
        }
    }
}
