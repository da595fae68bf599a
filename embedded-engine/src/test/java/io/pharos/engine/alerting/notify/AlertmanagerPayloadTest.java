package io.pharos.engine.alerting.notify;

import static io.pharos.engine.alerting.notify.Fixtures.firing;
import static io.pharos.engine.alerting.notify.Fixtures.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pharos.engine.model.Labels;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertmanagerPayloadTest {

    @Test
    void fingerprintsAreThoseOfPrometheus() {
        // 64-bit FNV-1a over name 0xff value 0xff of the sorted pairs; the empty set is the FNV offset basis.
        assertThat(AlertmanagerPayload.fingerprint(Labels.EMPTY)).isEqualTo("cbf29ce484222325");
        assertThat(AlertmanagerPayload.fingerprint(Labels.of("region", "eu", "alertname", "HighCpu", "host", "a")))
                .isEqualTo("cc5efdf54d0fa4eb");
    }

    @Test
    void groupKeyIsAlertmanagersForTheRootRoute() {
        assertThat(AlertmanagerPayload.groupKey(Labels.of("region", "eu", "alertname", "X\"y")))
                .isEqualTo("{}:{alertname=\"X\\\"y\", region=\"eu\"}");
        assertThat(AlertmanagerPayload.groupKey(Labels.EMPTY)).isEqualTo("{}:{}");
    }

    @Test
    void aResolvedOnlyNotificationIsResolvedWithEndTimes() throws Exception {
        var a = resolved(firing("HighCpu", "a", "eu", "critical", 1_000), 61_000);
        JsonNode p = new ObjectMapper().readTree(AlertmanagerPayload.render("r", Labels.of("region", "eu"), List.of(a),
                null, AlertDetails.NONE));
        assertThat(p.path("status").asText()).isEqualTo("resolved");
        assertThat(p.path("externalURL").asText()).isEmpty();
        JsonNode alert = p.path("alerts").get(0);
        assertThat(alert.path("status").asText()).isEqualTo("resolved");
        assertThat(alert.path("startsAt").asText()).isEqualTo("1970-01-01T00:00:01Z");
        assertThat(alert.path("endsAt").asText()).isEqualTo("1970-01-01T00:01:01Z");
        assertThat(alert.path("annotations").isObject()).isTrue();
        assertThat(p.path("commonLabels").path("host").asText()).isEqualTo("a");
    }
}
