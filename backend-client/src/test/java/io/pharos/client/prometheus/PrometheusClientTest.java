package io.pharos.client.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pharos.client.PeerProblem;
import io.pharos.client.Secret;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Prometheus API client against a server that answers well, and against each kind of bad one. */
class PrometheusClientTest {
    private final MockWebServer server = new MockWebServer();

    @BeforeEach
    void start() throws Exception {
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private PrometheusClient client(Duration timeout) {
        return new PrometheusClient(PrometheusEndpoint.of(server.url("/")).withTimeout(timeout), 1_000, 1 << 20);
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }

    private record Got(Map<String, String> metric, List<Long> times, List<Double> values) {
    }

    private static final class Collect implements QueryAnswerReader.SeriesConsumer {
        final List<Got> series = new ArrayList<>();

        @Override
        public void series(Map<String, String> metric, long[] ts, double[] vs, int n) {
            List<Long> t = new ArrayList<>();
            List<Double> v = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                t.add(ts[i]);
                v.add(vs[i]);
            }
            series.add(new Got(metric, t, v));
        }
    }

    private PeerProblem problem(ThrowingQuery q) {
        try {
            q.run();
        } catch (PrometheusException e) {
            return e.problem();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no problem raised");
    }

    private interface ThrowingQuery {
        void run() throws PrometheusException, InterruptedException;
    }

    @Test
    void aRangeQueryIsPostedAndItsMatrixRead() throws Exception {
        server.enqueue(json(200, """
                {"status":"success","data":{"resultType":"matrix","result":[
                  {"metric":{"__name__":"up","job":"node","instance":"h1:9100"},
                   "values":[[1700000000,"1"],[1700000015.5,"0"],[1700000030,"NaN"],[1700000045,"+Inf"],[1700000060,"-Inf"]]},
                  {"metric":{"__name__":"up","job":"node","instance":"h2:9100"},"values":[[1700000000,"2.5e-3"]]}
                ]},"warnings":["a warning"]}"""));
        Collect c = new Collect();
        QueryAnswerReader.Summary s = client(Duration.ofSeconds(5)).queryRange("up", 1_700_000_000_000L,
                1_700_000_060_000L, 15_000, c);

        RecordedRequest r = server.takeRequest();
        assertThat(r.getMethod()).isEqualTo("POST");
        assertThat(r.getUrl().encodedPath()).isEqualTo("/api/v1/query_range");
        assertThat(r.getBody().utf8()).isEqualTo("query=up&start=1700000000&end=1700000060&step=15");
        assertThat(s.resultType()).isEqualTo("matrix");
        assertThat(s.series()).isEqualTo(2);
        assertThat(s.samples()).isEqualTo(6);
        assertThat(s.warnings()).containsExactly("a warning");
        assertThat(c.series.get(0).metric()).containsEntry("__name__", "up").containsEntry("instance", "h1:9100");
        assertThat(c.series.get(0).times()).containsExactly(1_700_000_000_000L, 1_700_000_015_500L,
                1_700_000_030_000L, 1_700_000_045_000L, 1_700_000_060_000L);
        assertThat(c.series.get(0).values()).containsExactly(1.0, 0.0, Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY);
        assertThat(c.series.get(1).values()).containsExactly(0.0025);
    }

    @Test
    void anInstantQueryReadsAVectorAndAScalar() throws Exception {
        server.enqueue(json(200, """
                {"status":"success","data":{"resultType":"vector","result":[
                  {"metric":{"job":"node"},"value":[1700000000.25,"42"]},
                  {"metric":{"job":"h"},"histogram":[1700000000,{"count":"3","sum":"1","buckets":[]}]}]}}"""));
        server.enqueue(json(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1700000000,\"7\"]}}"));
        Collect c = new Collect();
        QueryAnswerReader.Summary s = client(Duration.ofSeconds(5)).query("sum by (job) (x)", 1_700_000_000_250L, c);
        assertThat(server.takeRequest().getBody().utf8()).isEqualTo("query=sum+by+%28job%29+%28x%29&time=1700000000.25");
        assertThat(c.series).hasSize(1);
        assertThat(c.series.getFirst().metric()).isEqualTo(Map.of("job", "node"));
        assertThat(c.series.getFirst().times()).containsExactly(1_700_000_000_250L);
        assertThat(c.series.getFirst().values()).containsExactly(42.0);
        assertThat(s.histogramsSkipped()).isEqualTo(1);

        Collect scalar = new Collect();
        client(Duration.ofSeconds(5)).query("7", 1_700_000_000_000L, scalar);
        assertThat(scalar.series.getFirst().values()).containsExactly(7.0);
    }

    @Test
    void theTokenIsSentAsBearerAndAPathPrefixIsKept() throws Exception {
        server.enqueue(json(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}"));
        HttpUrl prefixed = server.url("/prometheus/");
        new PrometheusClient(PrometheusEndpoint.of(prefixed).withToken(Secret.of("prom-token-123")), 10)
                .query("up", 0, new Collect());
        RecordedRequest r = server.takeRequest();
        assertThat(r.getUrl().encodedPath()).isEqualTo("/prometheus/api/v1/query");
        assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer prom-token-123");
    }

    @Test
    void aQueryPrometheusRefusesIsNamedWithItsReason() {
        server.enqueue(json(400, "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"1:5: parse error: unexpected <op:*>\"}"));
        PeerProblem p = problem(() -> client(Duration.ofSeconds(5)).query("up{ *", 0, new Collect()));
        assertThat(p.kind()).isEqualTo(PeerProblem.Kind.ANSWERED_ERROR);
        assertThat(p.message()).contains("refused the query 'up{ *'", "bad_data", "parse error");

        server.enqueue(json(422, "{\"status\":\"error\",\"errorType\":\"execution\",\"error\":\"query processing would load too many samples into memory\"}"));
        assertThat(problem(() -> client(Duration.ofSeconds(5)).query("x", 0, new Collect())).message())
                .contains("execution", "too many samples");

        server.enqueue(json(200, "{\"status\":\"error\",\"errorType\":\"timeout\",\"error\":\"query timed out\"}"));
        assertThat(problem(() -> client(Duration.ofSeconds(5)).query("x", 0, new Collect())).message())
                .contains("timeout", "query timed out");
    }

    @Test
    void aWrongTokenABusyServerAndAServerErrorSayWhatTheyAre() {
        server.enqueue(json(401, "{\"error\":\"unauthorized\"}"));
        PeerProblem p = problem(() -> client(Duration.ofSeconds(5)).query("up", 0, new Collect()));
        assertThat(p.kind()).isEqualTo(PeerProblem.Kind.UNAUTHORIZED);
        assertThat(p.message()).startsWith("Wrong token");

        server.enqueue(json(503, "{\"status\":\"error\",\"errorType\":\"unavailable\",\"error\":\"not ready\"}"));
        p = problem(() -> client(Duration.ofSeconds(5)).query("up", 0, new Collect()));
        assertThat(p.kind()).isEqualTo(PeerProblem.Kind.BUSY);
        assertThat(p.message()).startsWith("Busy").contains("not ready");

        server.enqueue(new MockResponse.Builder().code(500).body("internal error\n").build());
        p = problem(() -> client(Duration.ofSeconds(5)).query("up", 0, new Collect()));
        assertThat(p.kind()).isEqualTo(PeerProblem.Kind.ANSWERED_ERROR);
        assertThat(p.message()).contains("answered 500", "internal error");

        server.enqueue(new MockResponse.Builder().code(404).body("404 page not found\n").build());
        assertThat(problem(() -> client(Duration.ofSeconds(5)).query("up", 0, new Collect())).message())
                .contains("No Prometheus API at", "/api/v1/query", "path prefix");
    }

    @Test
    void answersThatAreNotAQuerysAreMalformed() {
        String[] bodies = {
            "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{},\"values\":[[1,\"x",
            "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1,2]}]}}",
            "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"value\":[1,\"2\"]}]}}",
            "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1,\"two\"]}]}}",
            "{\"status\":\"success\"}",
            "[1,2,3]",
            "{\"status\":\"success\",\"data\":{\"resultType\":\"string\",\"result\":[1,\"text\"]}}",
        };
        for (String body : bodies) {
            server.enqueue(json(200, body));
            PeerProblem p = problem(() -> client(Duration.ofSeconds(5)).query("up", 0, new Collect()));
            assertThat(p.kind()).as(body).isEqualTo(PeerProblem.Kind.MALFORMED);
            assertThat(p.message()).as(body).startsWithIgnoringCase("malformed answer").doesNotContain("null");
        }
        server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/html").body("<html>Grafana</html>").build());
        assertThat(problem(() -> client(Duration.ofSeconds(5)).query("up", 0, new Collect())).message())
                .contains("text/html", "not JSON");
    }

    @Test
    void aHugeAnswerIsCutAtItsBoundNotHeld() {
        StringBuilder big = new StringBuilder("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[");
        while (big.length() < (2 << 20)) {
            big.append("{\"metric\":{\"a\":\"").append("x".repeat(1000)).append("\"}},");
        }
        big.append("{\"metric\":{}}]}}");
        server.enqueue(json(200, big.toString()));
        PeerProblem p = problem(() -> client(Duration.ofSeconds(5)).query("up", 0, new Collect()));
        assertThat(p.kind()).isEqualTo(PeerProblem.Kind.MALFORMED);
        assertThat(p.message()).contains("larger than 1 MiB");

        StringBuilder many = new StringBuilder("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{},\"values\":[");
        for (int i = 0; i < 1_001; i++) {
            many.append(i == 0 ? "" : ",").append("[").append(i).append(",\"1\"]");
        }
        many.append("]}]}}");
        server.enqueue(json(200, many.toString()));
        assertThat(problem(() -> client(Duration.ofSeconds(5)).query("up", 0, new Collect())).message())
                .contains("more than 1000 samples");
    }

    @Test
    void aServerThatHangsOrTricklesIsSlowWithinTheTimeout() {
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
        long began = System.nanoTime();
        PeerProblem p = problem(() -> client(Duration.ofMillis(500)).query("up", 0, new Collect()));
        assertThat(p.kind()).isEqualTo(PeerProblem.Kind.SLOW);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began)).isLessThan(5_000);

        server.enqueue(json(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}")
                .newBuilder().throttleBody(1, 200, TimeUnit.MILLISECONDS).build());
        began = System.nanoTime();
        p = problem(() -> client(Duration.ofMillis(800)).query("up", 0, new Collect()));
        assertThat(p.kind()).isEqualTo(PeerProblem.Kind.SLOW);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began)).isLessThan(5_000);
    }

    @Test
    void nothingListeningIsRefused() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        PrometheusClient c = new PrometheusClient(PrometheusEndpoint.of(HttpUrl.get("http://127.0.0.1:" + port)), 10);
        PeerProblem p = problem(() -> c.query("up", 0, new Collect()));
        assertThat(p.kind()).isEqualTo(PeerProblem.Kind.REFUSED);
        assertThat(p.message()).contains("127.0.0.1:" + port);
    }

    @Test
    void rulesAreReadAsTheirTree() throws Exception {
        server.enqueue(json(200, "{\"status\":\"success\",\"data\":{\"groups\":[{\"name\":\"g\",\"rules\":[]}]}}"));
        assertThat(client(Duration.ofSeconds(5)).rules().path("groups").get(0).path("name").asText()).isEqualTo("g");
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/api/v1/rules");
    }

    @Test
    void anInstantQueryGivingARangeVectorIsRefusedWithWhatToAskInstead() {
        server.enqueue(json(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":["
                + "{\"metric\":{\"__name__\":\"up\"},\"values\":[[1,\"1\"],[2,\"1\"]]}]}}"));
        PeerProblem p = problem(() -> client(Duration.ofSeconds(5)).query("up[5m]", 2_000, new Collect()));
        assertThat(p.message()).contains("'up[5m]' gives a range vector", "rate(x[5m])");
    }

    @Test
    void credentialsInTheAddressNeverReachAMessage() {
        server.enqueue(new MockResponse.Builder().code(404).body("404 page not found\n").build());
        HttpUrl withCredentials = server.url("/").newBuilder().username("ops").password("hunter2-secret").build();
        PeerProblem p = problem(() -> new PrometheusClient(PrometheusEndpoint.of(withCredentials), 10)
                .query("up", 0, new Collect()));
        assertThat(p.message()).contains("No Prometheus API").doesNotContain("hunter2", "ops@");
    }

    @Test
    void prometheusOwnSampleBoundSaysASmallerQuestionMayDo() {
        server.enqueue(json(422, "{\"status\":\"error\",\"errorType\":\"execution\",\"error\":\"query processing"
                + " would load too many samples into memory in query execution\"}"));
        try {
            client(Duration.ofSeconds(5)).queryRange("up", 0, 60_000, 1_000, new Collect());
            throw new AssertionError("no problem raised");
        } catch (PrometheusException e) {
            assertThat(e.tooLarge()).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
