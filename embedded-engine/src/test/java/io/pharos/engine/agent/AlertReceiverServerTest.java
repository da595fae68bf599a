package io.pharos.engine.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.engine.alerting.ReceivedAlert;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The console's receiver of Alertmanager's webhook behind the same gates as the agent's API. */
class AlertReceiverServerTest {
    private static final String SECRET = "webhook-token-for-tests-0123456789";
    private static final String BODY = """
            {"version":"4","receiver":"pharos","status":"firing","alerts":[{"status":"firing",
             "labels":{"alertname":"HostDown","instance":"web-1"},"annotations":{"summary":"down"},
             "startsAt":"2026-12-07T09:58:00Z","endsAt":"0001-01-01T00:00:00Z"}]}""";
    private final List<ReceivedAlert> received = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private AgentServer server;

    @BeforeEach
    void start() throws Exception {
        server = AgentServer.startAlertReceiver(AgentOptions.of(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                0), BearerToken.of(SECRET), "console", Map.of()), received::addAll, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> post(String path, String body, String token, String type) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.address().getPort() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (type != null) {
            b.header("Content-Type", type);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aWebhookWithTheTokenIsReceivedAndAnsweredSuccess() throws Exception {
        HttpResponse<String> r = post(AgentServer.ALERTMANAGER_WEBHOOK, BODY, SECRET, "application/json");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"success\"", "\"alerts\":1");
        assertThat(received).singleElement().satisfies(a -> {
            assertThat(a.alertname()).isEqualTo("HostDown");
            assertThat(a.origin()).isEqualTo("Alertmanager, receiver pharos");
        });
    }

    @Test
    void theGatesRefuseWhatIsNotAnAuthorisedWebhookWithWhy() throws Exception {
        HttpResponse<String> r = post(AgentServer.ALERTMANAGER_WEBHOOK, BODY, null, "application/json");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("This alert receiver needs its token");
        assertThat(post(AgentServer.ALERTMANAGER_WEBHOOK, BODY, "wrong-token-0123456789abc", "application/json")
                .statusCode()).isEqualTo(401);

        r = post(AgentServer.ALERTMANAGER_WEBHOOK, "{\"version\":\"4\",\"alerts\":[{}]}", SECRET, "application/json");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("Not Alertmanager's webhook message", "alertname");

        r = post(AgentServer.ALERTMANAGER_WEBHOOK, BODY, SECRET, "text/plain");
        assertThat(r.statusCode()).isEqualTo(415);

        String huge = "{\"version\":\"4\",\"alerts\":[],\"pad\":\"" + "x".repeat(AgentServer.MAX_WEBHOOK_BYTES) + "\"}";
        assertThat(post(AgentServer.ALERTMANAGER_WEBHOOK, huge, SECRET, "application/json").statusCode()).isEqualTo(413);

        HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + server.address().getPort() + AgentServer.ALERTMANAGER_WEBHOOK)).header("Authorization", "Bearer "
                + SECRET).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).contains("POST");

        assertThat(post("/api/v1/hyperscale-monitoring/series", BODY, SECRET, "application/json").statusCode())
                .as("a receiver serves no agent API, and takes no body elsewhere").isEqualTo(413);
        assertThat(received).isEmpty();

        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + server.address().getPort() + "/api/v1/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"up\"");
    }

    @Test
    void anIpv6ClientIsCountedByItsSlash64() throws Exception {
        assertThat(AgentServer.client(java.net.InetAddress.getByName("2001:db8:1:2:aaaa::1")))
                .isEqualTo(AgentServer.client(java.net.InetAddress.getByName("2001:db8:1:2:bbbb::2")))
                .isEqualTo("2001:db8:1:2::/64");
        assertThat(AgentServer.client(java.net.InetAddress.getByName("2001:db8:1:3::1"))).isEqualTo("2001:db8:1:3::/64");
        assertThat(AgentServer.client(java.net.InetAddress.getByName("192.0.2.7"))).isEqualTo("192.0.2.7");
    }
}
