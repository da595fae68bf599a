package io.pharos.tests.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pharos.client.Secret;
import io.pharos.client.agent.AgentEndpoint;
import io.pharos.client.agent.AgentSource;
import io.pharos.client.StoreNewestSamples;
import io.pharos.engine.PharosEngine;
import io.pharos.engine.ingest.SourceStatus;
import io.pharos.engine.model.Matcher;
import io.pharos.engine.store.SeriesRef;
import io.pharos.engine.store.SeriesSamples;
import io.pharos.engine.store.StoreOptions;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real agents on 127.0.0.1, each with its region, streaming into a console engine. One agent is
 * killed (SIGKILL) and started again on its port and store; the network to another is cut while it
 * keeps running. Afterwards the console holds every sample each agent's store holds: not one missing.
 */
class AgentsIntoConsoleTest {
    private static final String SECRET = "integration-test-secret-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @Test
    void noSampleGoesMissingWhenAnAgentIsKilledOrItsNetworkCut() throws Exception {
        Path token = dir.resolve("agent.token");
        Files.writeString(token, SECRET);
        Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
        int portB = freePort();
        long start = System.currentTimeMillis();
        List<AgentProcess> agents = new ArrayList<>();
        try (PharosEngine console = PharosEngine.open(dir.resolve("console"), StoreOptions.defaults())) {
            agents.add(agent("a", "eu-west-1", 0, token));
            agents.add(agent("b", "us-east-1", portB, token));
            agents.add(agent("c", "ap-northeast-1", 0, token));
            try (CuttableProxy toA = new CuttableProxy(agents.get(0).port())) {
                List<AgentSource> sources = List.of(
                        source(console, "a", toA.port()),
                        source(console, "b", portB),
                        source(console, "c", agents.get(2).port()));
                sources.forEach(console::start);
                awaitTrue("every agent streams", () -> sources.stream().allMatch(s -> s.status().samplesProduced() > 0));
                Thread.sleep(1_500);

                agents.get(1).kill();
                toA.cut();
                awaitTrue("the console sees both failures", () -> sources.get(0).status().state()
                        == SourceStatus.State.FAILED && sources.get(1).status().state() == SourceStatus.State.FAILED);
                awaitTrue("the console finds nothing listening at b's port", () -> sources.get(1).status().message()
                        .contains("Refused"));
                Thread.sleep(2_500); // agent a goes on taking samples the console does not get
                agents.set(1, agent("b", "us-east-1", portB, token));
                toA.mend();

                long cutOff = System.currentTimeMillis();
                awaitTrue("each source has caught up past the cut-off", () -> {
                    for (String name : List.of("a", "b", "c")) {
                        if (newestInConsole(console, name) < cutOff + 1_000) {
                            return false;
                        }
                    }
                    return true;
                });
                for (int i = 0; i < 3; i++) {
                    String name = List.of("a", "b", "c").get(i);
                    Map<String, TreeSet<Long>> inAgent = inAgent(agents.get(i), start, cutOff);
                    Map<String, TreeSet<Long>> inConsole = inConsole(console, name, start, cutOff);
                    assertThat(inAgent).as(name + " took samples").isNotEmpty();
                    assertThat(inConsole.keySet()).as(name + ": the same series").isEqualTo(inAgent.keySet());
                    for (String series : inAgent.keySet()) {
                        assertThat(inConsole.get(series)).as(name + ", " + series + ": every sample the agent holds")
                                .containsAll(inAgent.get(series));
                        assertThat(inAgent.get(series)).as(name + ", " + series + ": nothing it does not")
                                .containsAll(inConsole.get(series));
                    }
                }
                Map<String, TreeSet<Long>> a = inConsole(console, "a", start, cutOff);
                TreeSet<Long> times = a.values().iterator().next();
                long widestGap = 0;
                for (Long t : times) {
                    Long next = times.higher(t);
                    if (next != null) {
                        widestGap = Math.max(widestGap, next - t);
                    }
                }
                assertThat(widestGap).as("agent a's samples while its network was cut were backfilled: no hole")
                        .isLessThan(2_000);
                assertThat(regions(console)).containsExactlyInAnyOrder("eu-west-1", "us-east-1", "ap-northeast-1");
                sources.forEach(AgentSource::stop);
            }
        } finally {
            for (AgentProcess p : agents) {
                p.close();
            }
        }
    }

    private AgentProcess agent(String name, String region, int port, Path token) throws Exception {
        return AgentProcess.start(dir.resolve("agent-" + name), List.of("--name", name, "--listen",
                "127.0.0.1:" + port, "--token-file", token.toString(), "--label", "region=" + region,
                "--interval", "200ms"));
    }

    private static AgentSource source(PharosEngine console, String name, int port) {
        return new AgentSource(AgentEndpoint.of(name, HttpUrl.get("http://127.0.0.1:" + port + "/"),
                Secret.of(SECRET)), new StoreNewestSamples(console.store()), console.historySink(), Clock.systemUTC());
    }

    private static long newestInConsole(PharosEngine console, String instance) {
        long newest = Long.MIN_VALUE;
        for (var v : console.query().latest(List.of(Matcher.eq(AgentSource.INSTANCE_LABEL, instance)))) {
            newest = Math.max(newest, v.timestampMs());
        }
        return newest;
    }

    private static Map<String, TreeSet<Long>> inConsole(PharosEngine console, String instance, long from, long to) {
        Map<String, TreeSet<Long>> out = new TreeMap<>();
        for (SeriesRef ref : console.query().select(List.of(Matcher.eq(AgentSource.INSTANCE_LABEL, instance)))) {
            SeriesSamples s = console.query().range(ref, from + 1, to);
            TreeSet<Long> times = new TreeSet<>();
            for (int i = 0; i < s.size(); i++) {
                times.add(s.timestamps()[i]);
            }
            if (!times.isEmpty()) {
                out.put(ref.key().metric() + ref.key().labels().without(AgentSource.INSTANCE_LABEL), times);
            }
        }
        return out;
    }

    private Map<String, TreeSet<Long>> inAgent(AgentProcess agent, long from, long to) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.port()
                + "/api/v1/hyperscale-monitoring/samples?from=" + from + "&to=" + to))
                .header("Authorization", "Bearer " + SECRET).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        Map<String, TreeSet<Long>> out = new TreeMap<>();
        for (JsonNode s : JSON.readTree(r.body()).get("series")) {
            Map<String, String> labels = new TreeMap<>();
            s.get("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
            TreeSet<Long> times = new TreeSet<>();
            s.get("t").forEach(t -> times.add(t.asLong()));
            out.put(s.get("metric").asText() + io.pharos.engine.model.Labels.of(labels), times);
        }
        return out;
    }

    private static List<String> regions(PharosEngine console) {
        return console.query().aggregateLatest(List.of(Matcher.metric("node_load1")), List.of("region"),
                io.pharos.engine.query.Aggregation.COUNT).stream().map(v -> v.labels().get("region")).toList();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void awaitTrue(String what, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(100);
        }
    }
}
