package io.pharos.engine.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertmanagerWebhookTest {
    private static final long NOW = Instant.parse("2026-12-07T10:00:00Z").toEpochMilli();

    private static List<ReceivedAlert> parse(String json) throws Exception {
        return AlertmanagerWebhook.parse(json.getBytes(StandardCharsets.UTF_8), NOW);
    }

    private static String message(String alerts) {
        return "{\"version\":\"4\",\"receiver\":\"pharos\",\"status\":\"firing\",\"alerts\":[" + alerts + "]}";
    }

    @Test
    void firingAndResolvedAlertsWithTheirTimesAndLabels() throws Exception {
        List<ReceivedAlert> got = parse(message("""
                {"status":"firing","labels":{"alertname":"HostDown","instance":"a","empty":""},
                 "annotations":{"summary":"a is down"},"startsAt":"2026-12-07T11:58:00+02:00",
                 "endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://p/graph"},
                {"status":"resolved","labels":{"alertname":"HostDown","instance":"b"},
                 "startsAt":"2026-12-07T09:00:00Z","endsAt":"2026-12-07T09:30:00.250Z"}"""));
        assertThat(got).hasSize(2);
        ReceivedAlert a = got.get(0);
        assertThat(a.origin()).isEqualTo("Alertmanager, receiver pharos");
        assertThat(a.alertname()).isEqualTo("HostDown");
        assertThat(a.labels().get("instance")).isEqualTo("a");
        assertThat(a.labels().get("empty")).as("an empty label is no label, as in Prometheus").isNull();
        assertThat(a.startsAtMs()).isEqualTo(NOW - 120_000);
        assertThat(a.endsAtMs()).isEqualTo(Long.MAX_VALUE);
        assertThat(a.firingAt(NOW + 1, 60_000)).isTrue();
        assertThat(a.annotations()).containsEntry("summary", "a is down");
        ReceivedAlert b = got.get(1);
        assertThat(b.endsAtMs()).isEqualTo(Instant.parse("2026-12-07T09:30:00.250Z").toEpochMilli());
        assertThat(b.firingAt(NOW, 60_000)).isFalse();
    }

    @Test
    void aFiringAlertHasNoEndWhateverItSaysAndAResolvedOneInTheFutureEndsNow() throws Exception {
        List<ReceivedAlert> got = parse(message("""
                {"status":"firing","labels":{"alertname":"X"},"endsAt":"2026-12-07T11:00:00Z"},
                {"status":"resolved","labels":{"alertname":"Y"},"endsAt":"2026-12-07T11:00:00Z"}"""));
        assertThat(got.get(0).endsAtMs()).isEqualTo(Long.MAX_VALUE);
        assertThat(got.get(1).endsAtMs()).isEqualTo(NOW);
    }

    @Test
    void whatIsNotAWebhookMessageIsRefusedWithWhy() {
        assertThatThrownBy(() -> parse("not json")).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> parse("{\"version\":\"3\",\"alerts\":[]}")).hasMessageContaining("version \"3\"");
        assertThatThrownBy(() -> parse("{\"version\":\"4\",\"alerts\":{}}")).hasMessageContaining("not an array");
        assertThatThrownBy(() -> parse(message("{\"status\":\"firing\",\"labels\":{\"instance\":\"a\"}}")))
                .hasMessageContaining("alerts[0] has no alertname");
        assertThatThrownBy(() -> parse(message("{\"status\":\"firing\",\"labels\":{\"alertname\":\"X\",\"n\":1}}")))
                .hasMessageContaining("alerts[0].labels.n is not a string");
        assertThatThrownBy(() -> parse(message("{\"status\":\"pending\",\"labels\":{\"alertname\":\"X\"}}")))
                .hasMessageContaining("not firing or resolved");
        assertThatThrownBy(() -> parse(message("{\"status\":\"firing\",\"labels\":{\"alertname\":\"X\"},"
                + "\"startsAt\":\"yesterday\"}"))).hasMessageContaining("startsAt \"yesterday\" is not an RFC 3339 time");
    }

    @Test
    void labelNamesBeyondPrometheusClassicOnesAreTranslatedNotRefused() throws Exception {
        ReceivedAlert a = parse(message("{\"status\":\"firing\",\"labels\":{\"alertname\":\"X\","
                + "\"service.name\":\"checkout\",\"9a\":\"v\",\"k8s/pod\":\"p-1\"}}")).getFirst();
        assertThat(a.labels().get("service_name")).isEqualTo("checkout");
        assertThat(a.labels().get("_9a")).isEqualTo("v");
        assertThat(a.labels().get("k8s_pod")).isEqualTo("p-1");
    }
}
