package io.pharos.engine.incident;

import static io.pharos.engine.incident.Alerts.firing;
import static io.pharos.engine.incident.Alerts.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IncidentFromAlertsTest extends IncidentServiceFixture {

    @Test
    void aCriticalAlertOpensASev2AndAlertsOfTheSameGroupJoinIt() {
        long since = clock.millis() - 120_000;
        Incident inc = incidents.onAlert(firing(since, "alertname", "HighErrorRate", "severity", "critical",
                "region", "us-east-1", "service", "checkout")).orElseThrow();
        assertThat(inc.severity()).isEqualTo(Severity.SEV2);
        assertThat(inc.createdBy()).isEqualTo(IncidentService.SYSTEM_ACTOR);
        assertThat(inc.title()).isEqualTo("HighErrorRate on checkout in us-east-1");
        assertThat(inc.regions()).containsExactly("us-east-1");
        assertThat(inc.alertGroup()).isEqualTo("{region=\"us-east-1\"}");
        assertThat(inc.startMs()).as("the incident started when its alert fired").isEqualTo(since);

        clock.advance(Duration.ofMinutes(1));
        incidents.onAlert(firing(clock.millis(), "alertname", "HighLatency", "severity", "critical",
                "region", "us-east-1", "service", "search"));
        // the same alert again: already linked, nothing new
        incidents.onAlert(firing(since, "alertname", "HighErrorRate", "severity", "critical",
                "region", "us-east-1", "service", "checkout"));
        // another region: its own incident; a warning: none
        incidents.onAlert(firing(clock.millis(), "alertname", "HighErrorRate", "severity", "critical",
                "region", "eu-west-1", "service", "checkout"));
        assertThat(incidents.onAlert(firing(clock.millis(), "alertname", "DiskFilling", "severity", "warning",
                "region", "us-east-1"))).isEmpty();

        assertThat(incidents.list()).extracting(Incident::id).containsExactly("INC-2", "INC-1");
        Incident first = incidents.require("INC-1");
        assertThat(first.alerts()).extracting(LinkedAlert::name).containsExactly("HighErrorRate", "HighLatency");
        assertThat(incidents.timeline("INC-1")).extracting(TimelineEntry::kind).containsExactly(TimelineKind.CREATED,
                TimelineKind.ALERT_LINKED, TimelineKind.ALERT_LINKED);
        assertThat(incidents.timeline("INC-1").get(0).text())
                .isEqualTo("opened automatically: critical alert HighErrorRate (SEV2 by policy)");
    }

    @Test
    void aResolvedIncidentIsNotJoinedAndResolvedAlertsAreRecorded() {
        String[] labels = {"alertname", "RegionDown", "severity", "critical", "region", "ap-southeast-1"};
        incidents.onAlert(firing(clock.millis(), labels));
        clock.advance(Duration.ofMinutes(5));
        incidents.onAlert(resolved(clock.millis(), labels));
        Incident inc = incidents.require("INC-1");
        assertThat(inc.alerts().getFirst().resolvedAtMs()).isEqualTo(clock.millis());
        assertThat(incidents.timeline("INC-1").getLast().text()).isEqualTo("alert RegionDown resolved");
        // fires again while the incident is open: linked again
        incidents.onAlert(firing(clock.millis(), labels));
        assertThat(incidents.timeline("INC-1").getLast().text()).isEqualTo("alert RegionDown fires again");

        incidents.acknowledge("INC-1", "ana");
        incidents.resolve("INC-1", "ana");
        clock.advance(Duration.ofHours(1));
        Incident next = incidents.onAlert(firing(clock.millis(), labels)).orElseThrow();
        assertThat(next.id()).as("a resolved incident is not open: a new one opens").isEqualTo("INC-2");
    }

    @Test
    void aMoreSevereAlertRaisesTheIncidentsSeverity() {
        incidents = new IncidentService(store, clock, new IncidentPolicy("severity",
                Map.of("critical", Severity.SEV2, "page", Severity.SEV1), List.of("region")));
        incidents.onAlert(firing(clock.millis(), "alertname", "HighCPU", "severity", "critical", "region", "us-west-1"));
        Incident inc = incidents.onAlert(firing(clock.millis(), "alertname", "RegionDown", "severity", "page",
                "region", "us-west-1")).orElseThrow();
        assertThat(inc.severity()).isEqualTo(Severity.SEV1);
        assertThat(incidents.timeline("INC-1")).extracting(TimelineEntry::text)
                .contains("severity SEV2 → SEV1: alert RegionDown is page");
    }

    @Test
    void flappingAlertsAndManualOnlyPoliciesOpenNothing() {
        var flapping = new io.pharos.engine.alerting.Alert(io.pharos.engine.model.Labels.of("alertname", "X",
                "severity", "critical"), io.pharos.engine.alerting.AlertState.FIRING, 1, 1, 0, 1, true);
        assertThat(incidents.onAlert(flapping)).isEmpty();
        IncidentService manual = new IncidentService(store, clock, IncidentPolicy.manualOnly());
        assertThat(manual.onAlert(firing(1, "alertname", "X", "severity", "critical"))).isEmpty();
        Incident inc = manual.create("by hand", Severity.SEV3, "ana");
        manual.linkAlert(inc.id(), firing(1, "alertname", "X", "severity", "warning", "region", "eu-central-1"), "ana");
        assertThat(manual.require(inc.id()).regions()).containsExactly("eu-central-1");
        assertThat(incidents.list()).hasSize(1);
    }
}
