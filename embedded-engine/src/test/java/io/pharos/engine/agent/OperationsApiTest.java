package io.pharos.engine.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pharos.engine.PharosEngine;
import io.pharos.engine.alerting.notify.NotificationConfig;
import io.pharos.engine.incident.AutomatedResponses;
import io.pharos.engine.ingest.SampleBatch;
import io.pharos.engine.model.SeriesKey;
import io.pharos.engine.rules.RuleFileLoader;
import io.pharos.engine.store.HistoryWriter;
import io.pharos.engine.store.StoreOptions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's alerts, incidents, infrastructure health and capacity forecast, over its own store. */
class OperationsApiTest {
    private static final String SECRET = "operations-token-for-tests-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RULES = """
            groups:
              - name: host
                interval: 10s
                rules:
                  - alert: HostCpuHigh
                    expr: node_cpu_utilization_ratio > 0.9
                    labels: {severity: critical}
                    annotations: {summary: "{{ $labels.host }} CPU is high"}
            """;
    @TempDir
    Path dir;
    private PharosEngine engine;
    private AgentServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final long now = System.currentTimeMillis();

    @BeforeEach
    void start() throws Exception {
        engine = PharosEngine.open(dir.resolve("data"), StoreOptions.defaults());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        engine.close();
    }

    private void serve(boolean alerting) throws Exception {
        server = AgentServer.start(AgentOptions.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                BearerToken.of(SECRET), "agent-ops", Map.of("region", "eu-west-1")),
                new AgentData(engine.store(), new SampleFeed(1_000), engine::status, Clock.systemUTC(), "test",
                        alerting ? engine::alerting : java.util.Optional::empty));
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + server.address().getPort() + AgentServer.API + path)).header("Authorization", "Bearer " + SECRET)
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private void ingest(SeriesKey key, long t, double v) throws Exception {
        engine.ingest().accept(SampleBatch.builder(1).add(key, t, v).build());
        engine.ingest().flush();
    }

    private static SeriesKey cpu(String host) {
        return SeriesKey.of("node_cpu_utilization_ratio", "host", host, "region", "eu-west-1");
    }

    @Test
    void alertsAndIncidentsOfTheRulesItEvaluates() throws Exception {
        var alerting = engine.openAlerting(new RuleFileLoader().parse(RULES, "rules.yml"),
                new NotificationConfig(List.of(), List.of(), List.of(), null, ""), AutomatedResponses.none());
        serve(true);
        ingest(cpu("web-1"), now - 1_000, 0.97);
        ingest(cpu("web-2"), now - 1_000, 0.20);
        alerting.pass(now);

        JsonNode alerts = get("/alerts?state=firing");
        assertThat(alerts.get("alerting").asText()).isEqualTo("on");
        assertThat(alerts.get("alerts")).hasSize(1);
        JsonNode a = alerts.get("alerts").get(0);
        assertThat(a.get("alertname").asText()).isEqualTo("HostCpuHigh");
        assertThat(a.get("labels").get("host").asText()).isEqualTo("web-1");
        assertThat(a.get("annotations").get("summary").asText()).isEqualTo("web-1 CPU is high");
        assertThat(a.get("value").asDouble()).isEqualTo(0.97);
        assertThat(get("/alerts?state=pending").get("alerts")).isEmpty();

        JsonNode incidents = get("/incidents?open=true");
        assertThat(incidents.get("incidents")).as("a critical alert opens an incident by the default policy")
                .hasSize(1);
        assertThat(incidents.get("incidents").get(0).get("status").asText()).isEqualTo("triggered");
        assertThat(incidents.get("incidents").get(0).get("regions").get(0).asText()).isEqualTo("eu-west-1");
    }

    @Test
    void withoutRulesTheAlertsSayAlertingIsOff() throws Exception {
        serve(false);
        JsonNode alerts = get("/alerts");
        assertThat(alerts.get("alerting").asText()).isEqualTo("off");
        assertThat(alerts.get("message").asText()).contains("--rules");
        assertThat(alerts.get("alerts")).isEmpty();
        assertThat(get("/incidents").get("alerting").asText()).isEqualTo("off");
    }

    @Test
    void eachHostAndTargetIsJudgedWithItsReasons() throws Exception {
        serve(false);
        ingest(cpu("web-1"), now - 1_000, 0.97);
        ingest(SeriesKey.of("node_memory_utilization_ratio", "host", "web-1"), now - 1_000, 0.40);
        ingest(cpu("web-2"), now - 1_000, 0.30);
        ingest(SeriesKey.of("node_memory_utilization_ratio", "host", "web-2"), now - 1_000, 0.88);
        ingest(SeriesKey.of("node_filesystem_utilization_ratio", "host", "web-2", "mountpoint", "/"), now - 1_000, 0.5);
        ingest(cpu("web-3"), now - 1_000, 0.10);
        ingest(SeriesKey.of("node_filesystem_utilization_ratio", "host", "web-3", "mountpoint", "/mnt/gone"),
                now - 600_000, 0.97); // a mount unmounted ten minutes ago judges nothing
        ingest(cpu("web-4"), now - 600_000, 0.10);
        ingest(SeriesKey.of("up", "job", "node", "instance", "127.0.0.1:9100"), now - 1_000, 1);
        ingest(SeriesKey.of("up", "job", "redis", "instance", "127.0.0.1:9121"), now - 1_000, 0);

        JsonNode body = get("/infrastructure");
        Map<String, JsonNode> hosts = new java.util.TreeMap<>();
        body.get("hosts").forEach(h -> hosts.put(h.get("host").asText(), h));
        assertThat(hosts.get("web-1").get("health").asText()).isEqualTo("unhealthy");
        assertThat(hosts.get("web-1").get("reasons").get(0).asText()).isEqualTo("CPU 97 % ≥ 95 %");
        assertThat(hosts.get("web-2").get("health").asText()).isEqualTo("degraded");
        assertThat(hosts.get("web-2").get("reasons").get(0).asText()).isEqualTo("memory 88 % ≥ 85 %");
        assertThat(hosts.get("web-2").get("fullestFilesystem").asDouble()).isEqualTo(0.5);
        assertThat(hosts.get("web-3").get("health").asText()).isEqualTo("healthy");
        assertThat(hosts.get("web-4").get("health").asText()).isEqualTo("unhealthy");
        assertThat(hosts.get("web-4").get("reasons").get(0).asText()).contains("no sample for", "down");
        List<String> targets = new ArrayList<>();
        body.get("targets").forEach(t -> targets.add(t.get("job").asText() + "=" + t.get("health").asText()));
        assertThat(targets).containsExactlyInAnyOrder("node=healthy", "redis=unhealthy");
    }

    @Test
    void theCapacityForecastOfAHostWhoseCpuPeakGrows() throws Exception {
        long day = Duration.ofDays(1).toMillis();
        try (HistoryWriter w = engine.store().historyWriter()) {
            for (long t = now - 6 * day; t < now - 600_000; t += 600_000) {
                double daysIn = (t - (now - 6 * day)) / (double) day;
                double swing = 0.2 * Math.max(0, Math.sin(2 * Math.PI * (t % day) / day));
                w.append(cpu("web-1"), t, 0.40 + 0.05 * daysIn + swing); // the peak grows 5 points a day
                w.append(cpu("web-2"), t, 0.30 + swing);                   // flat
            }
        }
        serve(false);
        JsonNode body = get("/capacity?days=6");
        Map<String, JsonNode> cpu = new java.util.TreeMap<>();
        body.get("forecasts").forEach(f -> {
            if (f.get("resource").asText().equals("cpu")) {
                cpu.put(f.get("host").asText(), f);
            }
        });
        assertThat(cpu.keySet()).containsExactly("web-1", "web-2");
        assertThat(cpu.get("web-1").get("growthPerDay").asDouble()).isBetween(0.04, 0.06);
        assertThat(cpu.get("web-1").has("exhaustedInSeconds")).isTrue();
        long exhausted = cpu.get("web-1").get("exhaustedInSeconds").asLong();
        assertThat(exhausted).as("from a peak near 0.9 at 5 points a day: about two days")
                .isBetween(Duration.ofDays(1).toSeconds(), Duration.ofDays(4).toSeconds());
        JsonNode flat = cpu.get("web-2");
        assertThat(Math.abs(flat.get("growthPerDay").asDouble())).isLessThan(0.01);
        assertThat(!flat.has("exhaustedInSeconds") || flat.get("exhaustedInSeconds").asLong()
                > Duration.ofDays(365).toSeconds()).as("a flat peak does not run out soon: " + flat).isTrue();
        assertThat(cpu.get("web-1").get("explanation").asText()).contains("daily peak");
    }
}
