package io.pharos.engine.alerting.notify;

import static io.pharos.engine.alerting.notify.Fixtures.FAST;
import static io.pharos.engine.alerting.notify.Fixtures.await;
import static io.pharos.engine.alerting.notify.Fixtures.firing;
import static io.pharos.engine.alerting.notify.Fixtures.firingGroup;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pharos.engine.alerting.Alert;
import io.pharos.engine.store.StateStore;
import io.pharos.engine.testing.CapturedLogs;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhookDeliveryTest {
    private static final long T0 = 1_735_689_600_000L; // 2025-01-01T00:00:00Z

    @TempDir
    Path dir;

    private StateStore store;
    private NotificationService service;
    private TestWebhook hook;

    @AfterEach
    void tearDown() {
        if (service != null) {
            service.close();
        }
        if (hook != null) {
            hook.close();
        }
        if (store != null) {
            store.close();
        }
    }

    private NotificationService start(String url, Duration timeout, String tokenRef) {
        store = StateStore.open(dir);
        Receiver r = new Receiver.Webhook("ops-hook", URI.create(url), tokenRef, timeout);
        NotificationConfig config = NotificationConfig.simple(List.of(r)).withRetry(FAST)
                .withExternalUrl("http://pharos.example:9093");
        service = NotificationService.builder(store, config)
                .random(new Random(42))
                .secrets(SecretResolver.of(Map.of("OPS_TOKEN", "tok-123-secret")))
                .details(new AlertDetails() {
                    @Override
                    public Map<String, String> annotations(Alert alert) {
                        return Map.of("summary", "CPU busy on " + alert.labels().get("host"));
                    }

                    @Override
                    public String generatorUrl(Alert alert) {
                        return "http://pharos.example/rules/HighCpu";
                    }
                })
                .open();
        service.start();
        return service;
    }

    private List<DeliveryRecord> log() {
        return service.log(null, 0, Long.MAX_VALUE, 100);
    }

    @Test
    void postsAlertmanagerWebhookJsonWithTheBearerToken() throws Exception {
        hook = TestWebhook.answering(200);
        start(hook.url(), Duration.ofSeconds(5), "env:OPS_TOKEN");
        Alert a = firing("HighCpu", "a", "eu-west-1", "critical", T0);
        Alert b = firing("HighCpu", "b", "eu-west-1", "warning", T0 + 1500);
        service.submit(List.of(firingGroup(T0 + 30_000, a, b)));
        await("delivered", () -> log().size() == 1 && service.pending().isEmpty());

        assertThat(hook.requests).hasSize(1);
        TestWebhook.Request req = hook.requests.getFirst();
        assertThat(req.authorization()).isEqualTo("Bearer tok-123-secret");
        assertThat(req.contentType()).isEqualTo("application/json");
        JsonNode p = new ObjectMapper().readTree(req.body());
        assertThat(p.path("version").asText()).isEqualTo("4");
        assertThat(p.path("receiver").asText()).isEqualTo("ops-hook");
        assertThat(p.path("status").asText()).isEqualTo("firing");
        assertThat(p.path("groupKey").asText()).isEqualTo("{}:{region=\"eu-west-1\"}");
        assertThat(p.path("externalURL").asText()).isEqualTo("http://pharos.example:9093");
        assertThat(p.path("truncatedAlerts").asInt()).isZero();
        assertThat(p.path("groupLabels").properties()).hasSize(1);
        assertThat(p.path("groupLabels").path("region").asText()).isEqualTo("eu-west-1");
        assertThat(p.path("commonLabels").path("alertname").asText()).isEqualTo("HighCpu");
        assertThat(p.path("commonLabels").has("host")).as("differs between the alerts").isFalse();
        assertThat(p.path("commonAnnotations").has("summary")).isFalse();
        JsonNode alerts = p.path("alerts");
        assertThat(alerts).hasSize(2);
        JsonNode first = alerts.get(0);
        assertThat(first.path("status").asText()).isEqualTo("firing");
        assertThat(first.path("labels").path("host").asText()).isEqualTo("a");
        assertThat(first.path("labels").path("severity").asText()).isEqualTo("critical");
        assertThat(first.path("annotations").path("summary").asText()).isEqualTo("CPU busy on a");
        assertThat(first.path("startsAt").asText()).isEqualTo("2025-01-01T00:00:00Z");
        assertThat(alerts.get(1).path("startsAt").asText()).isEqualTo("2025-01-01T00:00:01.500Z");
        assertThat(first.path("endsAt").asText()).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(first.path("generatorURL").asText()).isEqualTo("http://pharos.example/rules/HighCpu");
        assertThat(first.path("fingerprint").asText()).matches("[0-9a-f]{16}")
                .isEqualTo(AlertmanagerPayload.fingerprint(a.labels()));

        DeliveryRecord rec = log().getFirst();
        assertThat(rec.outcome()).isEqualTo(DeliveryRecord.Outcome.DELIVERED);
        assertThat(rec.receiver()).isEqualTo("ops-hook");
        assertThat(rec.attempts()).isEqualTo(1);
        assertThat(service.pending()).isEmpty();

        // The token and the URL's path are in neither the state file nor the log.
        service.close();
        store.close();
        String file = new String(Files.readAllBytes(dir.resolve(StateStore.FILE_NAME)), java.nio.charset.StandardCharsets.ISO_8859_1)
                + (Files.exists(dir.resolve(StateStore.FILE_NAME + "-wal"))
                        ? new String(Files.readAllBytes(dir.resolve(StateStore.FILE_NAME + "-wal")),
                                java.nio.charset.StandardCharsets.ISO_8859_1) : "");
        assertThat(file).contains("ops-hook").doesNotContain("tok-123-secret").doesNotContain("s3cr3t-path");
        store = null;
        service = null;
    }

    @Test
    void aServerErrorIsRetriedWithBackOffUntilDelivered() throws Exception {
        hook = TestWebhook.answering(500, 503, 200);
        start(hook.url(), Duration.ofSeconds(5), null);
        service.submit(List.of(firingGroup(T0, firing("HighCpu", "a", "eu", "warning", T0))));
        await("delivered", () -> log().size() == 1);

        DeliveryRecord rec = log().getFirst();
        assertThat(rec.outcome()).isEqualTo(DeliveryRecord.Outcome.DELIVERED);
        assertThat(rec.attempts()).isEqualTo(3);
        assertThat(hook.answered).containsExactly(500, 503, 200);
        List<Delivery.Attempt> h = rec.history();
        assertThat(h).hasSize(3);
        assertThat(h.get(0).error()).startsWith("HTTP 500 from http://127.0.0.1:").contains("planned 500")
                .doesNotContain("s3cr3t");
        assertThat(h.get(1).error()).startsWith("HTTP 503");
        assertThat(h.get(2).error()).isNull();
        // Recorded back-off: about 50 ms, then about 100 ms (±20 % jitter).
        assertThat(h.get(0).retryInMs()).isBetween(40L, 60L);
        assertThat(h.get(1).retryInMs()).isBetween(80L, 120L);
        // and actually waited
        long gap = hook.requests.get(1).atNanos() - hook.requests.get(0).atNanos();
        assertThat(Duration.ofNanos(gap)).isGreaterThanOrEqualTo(Duration.ofMillis(35));
    }

    @Test
    void aHangingServerTimesOutAndIsRetriedWhileEnqueueReturnsAtOnce() throws Exception {
        hook = TestWebhook.answering(TestWebhook.HANG, 200);
        start(hook.url(), Duration.ofMillis(1500), null);
        service.submit(List.of(firingGroup(T0, firing("HighCpu", "a", "eu", "warning", T0))));
        await("the first request hangs", () -> hook.requests.size() == 1);

        // Evaluation goes on: enqueueing more while the webhook hangs does not wait for it.
        long started = System.nanoTime();
        List<Delivery> queued = service.submit(List.of(firingGroup(T0 + 60_000, firing("HighCpu", "b", "us", "warning", T0))));
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertThat(queued).hasSize(1);
        assertThat(tookMs).as("enqueue time in ms, while the webhook hangs for 1.5 s").isLessThan(750);
        assertThat(service.pending()).hasSize(2);

        await("both delivered", () -> log().size() == 2);
        List<DeliveryRecord> log = log();
        DeliveryRecord first = log.stream().filter(r -> r.groupKey().contains("eu")).findFirst().orElseThrow();
        assertThat(first.outcome()).isEqualTo(DeliveryRecord.Outcome.DELIVERED);
        assertThat(first.attempts()).isEqualTo(2);
        assertThat(first.history().getFirst().error()).contains("no response from http://127.0.0.1:").contains("within 1500 ms");
        // Order per receiver is kept: the second notification went after the first.
        assertThat(log).extracting(DeliveryRecord::groupKey).containsExactly("{}:{region=\"eu\"}", "{}:{region=\"us\"}");
    }

    @Test
    void aServerThatIsDownGetsRetriesAndNothingIsLost() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        start("http://127.0.0.1:" + port + "/hook/s3cr3t-path", Duration.ofSeconds(2), null);
        service.submit(List.of(firingGroup(T0, firing("HighCpu", "a", "eu", "warning", T0))));
        service.submit(List.of(firingGroup(T0, firing("HighCpu", "b", "us", "warning", T0))));
        await("three failed attempts", () -> !service.pending().isEmpty() && service.pending().getFirst().attempts() >= 3);
        Delivery head = service.pending().getFirst();
        assertThat(head.lastError()).contains("could not connect to http://127.0.0.1:" + port).doesNotContain("s3cr3t");
        assertThat(service.pending()).hasSize(2);
        assertThat(log()).isEmpty();

        hook = TestWebhook.onPort(port); // the server comes back
        // Both: the log entry is committed a moment before the delivery leaves the in-memory queue.
        await("both delivered", () -> log().size() == 2 && service.pending().isEmpty());
        assertThat(log()).allSatisfy(r -> assertThat(r.outcome()).isEqualTo(DeliveryRecord.Outcome.DELIVERED));
        assertThat(hook.requests).hasSize(2);
        assertThat(service.pending()).isEmpty();
    }

    @Test
    void aClientErrorIsAPermanentFailureRecordedAndNotRetried() throws Exception {
        hook = TestWebhook.answering(400);
        start(hook.url(), Duration.ofSeconds(5), null);
        service.submit(List.of(firingGroup(T0, firing("HighCpu", "a", "eu", "warning", T0))));
        await("failed", () -> log().size() == 1);
        DeliveryRecord rec = log().getFirst();
        assertThat(rec.outcome()).isEqualTo(DeliveryRecord.Outcome.FAILED);
        assertThat(rec.attempts()).isEqualTo(1);
        assertThat(rec.error()).startsWith("HTTP 400 from http://127.0.0.1:").contains("planned 400");
        Thread.sleep(300); // several back-off periods: no retry
        assertThat(hook.requests).hasSize(1);
        assertThat(service.pending()).isEmpty();
    }

    @Test
    void aRefusedTokenSaysWhichReferenceToCheck() throws Exception {
        hook = TestWebhook.answering(401);
        start(hook.url(), Duration.ofSeconds(5), "env:OPS_TOKEN");
        service.submit(List.of(firingGroup(T0, firing("HighCpu", "a", "eu", "warning", T0))));
        await("failed", () -> log().size() == 1);
        DeliveryRecord rec = log().getFirst();
        assertThat(rec.outcome()).isEqualTo(DeliveryRecord.Outcome.FAILED);
        assertThat(rec.error()).startsWith("HTTP 401 from http://127.0.0.1:")
                .endsWith("; check the bearer token reference of receiver ops-hook (env:OPS_TOKEN)")
                .doesNotContain("tok-123-secret");
    }

    @Test
    void tooManyRequestsIsRetried() throws Exception {
        hook = TestWebhook.answering(429, 200);
        start(hook.url(), Duration.ofSeconds(5), null);
        service.submit(List.of(firingGroup(T0, firing("HighCpu", "a", "eu", "warning", T0))));
        await("delivered", () -> log().size() == 1);
        assertThat(log().getFirst().attempts()).isEqualTo(2);
    }

    @Test
    void aTokenFileWithAByteOrderMarkIsSentWithoutIt() throws Exception {
        Path tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, "\uFEFFtok-bom-secret\n", java.nio.charset.StandardCharsets.UTF_8);
        hook = TestWebhook.answering(200);
        start(hook.url(), Duration.ofSeconds(5), "file:" + tokenFile);
        service.submit(List.of(firingGroup(T0, firing("HighCpu", "a", "eu", "warning", T0))));
        await("delivered", () -> log().size() == 1);
        assertThat(log().getFirst().outcome()).isEqualTo(DeliveryRecord.Outcome.DELIVERED);
        assertThat(hook.requests.getFirst().authorization()).isEqualTo("Bearer tok-bom-secret");
    }

    @Test
    void aTokenThatNoHeaderCanCarryIsNamedByItsReferenceAndLeaksNowhere() throws Exception {
        Path tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, "tok-first-line\ntok-second-line\n", java.nio.charset.StandardCharsets.UTF_8);
        hook = TestWebhook.answering();
        try (CapturedLogs logs = new CapturedLogs()) {
            start(hook.url(), Duration.ofSeconds(5), "file:" + tokenFile);
            service.submit(List.of(firingGroup(T0, firing("HighCpu", "a", "eu", "warning", T0))));
            await("two failed attempts", () -> service.pending().getFirst().attempts() >= 2);
            Delivery d = service.pending().getFirst();
            assertThat(d.lastError()).startsWith("the bearer token file:" + tokenFile + " holds a character")
                    .contains("one line of printable ASCII");
            assertThat(hook.requests).isEmpty();
            service.close();
            assertThat(logs.text()).contains("file:" + tokenFile).doesNotContain("tok-first-line")
                    .doesNotContain("tok-second-line");
            assertThat(d.history()).allSatisfy(a -> assertThat(a.error()).doesNotContain("tok-"));
        }
        store.close();
        assertThat(stateFileText()).contains("holds a character").doesNotContain("tok-first-line")
                .doesNotContain("tok-second-line");
        store = null;
        service = null;
    }

    /** The state file's bytes, write-ahead log included, as text. */
    private String stateFileText() throws java.io.IOException {
        StringBuilder text = new StringBuilder();
        for (String name : List.of(StateStore.FILE_NAME, StateStore.FILE_NAME + "-wal")) {
            Path f = dir.resolve(name);
            if (Files.exists(f)) {
                text.append(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }
        return text.toString();
    }

    @Test
    void aMissingTokenIsRetriedAndNamedByItsReferenceOnly() throws Exception {
        hook = TestWebhook.answering();
        start(hook.url(), Duration.ofSeconds(5), "env:UNSET_TOKEN");
        service.submit(List.of(firingGroup(T0, firing("HighCpu", "a", "eu", "warning", T0))));
        await("a failed attempt", () -> service.pending().getFirst().attempts() >= 1);
        assertThat(service.pending().getFirst().lastError()).isEqualTo("the bearer token env:UNSET_TOKEN is not set");
        assertThat(hook.requests).isEmpty();
    }
}
