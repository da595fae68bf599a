package io.pharos.engine.incident;

import static io.pharos.engine.incident.Alerts.firing;
import static io.pharos.engine.incident.Alerts.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.pharos.engine.alerting.Alert;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Linking alerts runs after every evaluation: it must not write when nothing changed, nor stop at one bad record. */
class AlertLinkingWritesTest extends IncidentServiceFixture {
    private static final String[] EAST = {"alertname", "HighErrorRate", "severity", "critical", "region", "us-east-1"};
    private static final String[] WEST = {"alertname", "RegionDown", "severity", "critical", "region", "us-west-1"};

    /** Every record of the incident kinds with its update time, and every timeline entry's sequence number. */
    private List<String> stored() {
        return store.read(r -> {
            List<String> out = new ArrayList<>();
            for (String kind : List.of(IncidentService.INCIDENT_KIND, IncidentService.COUNTER_KIND,
                    IncidentIndex.OPEN_BY_GROUP, IncidentIndex.FIRING_LINKS)) {
                r.list(kind).forEach(rec -> out.add(kind + " " + rec.key() + " " + rec.updatedMs() + " " + rec.body()));
            }
            r.logAfter(IncidentService.TIMELINE_KIND, 0, Integer.MAX_VALUE).forEach(e -> out.add("log " + e.seq()));
            return out;
        });
    }

    @Test
    void aPassWithUnchangedAlertsWritesNothing() {
        List<Alert> pass = List.of(firing(clock.millis(), EAST), resolved(clock.millis(), WEST),
                firing(clock.millis(), "alertname", "DiskFilling", "severity", "warning", "region", "us-east-1"));
        assertThat(incidents.onAlerts(pass)).extracting(Incident::id).containsExactly("INC-1");
        incidents.onAlert(firing(clock.millis(), WEST));
        incidents.onAlert(resolved(clock.millis(), WEST));
        List<String> before = stored();

        clock.advance(Duration.ofSeconds(1));
        assertThat(incidents.onAlerts(pass)).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(incidents.onAlerts(pass)).isEmpty();

        assertThat(stored()).isEqualTo(before);
        // and what changes is still written
        assertThat(incidents.onAlert(firing(clock.millis(), WEST))).isPresent();
        assertThat(incidents.timeline("INC-2").getLast().text()).isEqualTo("alert RegionDown fires again");
    }

    @Test
    void anIncidentThatIsNoLongerOpenIsNotFoundForItsGroup() {
        incidents.onAlert(firing(clock.millis(), EAST));
        incidents.acknowledge("INC-1", "ana");
        incidents.resolve("INC-1", "ana");
        assertThat(incidents.onAlert(firing(clock.millis(), "alertname", "HighLatency", "severity", "critical",
                "region", "us-east-1")).orElseThrow().id()).isEqualTo("INC-2");
        incidents.reopen("INC-1", "ana", "errors are back");
        incidents.onAlert(resolved(clock.millis(), EAST));
        assertThat(incidents.require("INC-1").alerts().getFirst().resolved()).isTrue();
    }

    @Test
    void aStateFileWithoutTheIndexIsIndexedOnce() {
        incidents.onAlert(firing(clock.millis(), EAST));
        store.write(tx -> {
            tx.list(IncidentIndex.OPEN_BY_GROUP).forEach(rec -> tx.delete(IncidentIndex.OPEN_BY_GROUP, rec.key()));
            tx.list(IncidentIndex.FIRING_LINKS).forEach(rec -> tx.delete(IncidentIndex.FIRING_LINKS, rec.key()));
            return null;
        });
        IncidentService restarted = new IncidentService(store, clock, IncidentPolicy.defaults());
        restarted.onAlert(firing(clock.millis(), "alertname", "HighLatency", "severity", "critical", "region", "us-east-1"));
        assertThat(restarted.list()).extracting(Incident::id).containsExactly("INC-1");
        restarted.onAlert(resolved(clock.millis(), EAST));
        assertThat(restarted.require("INC-1").alerts().getFirst().resolved()).isTrue();
    }

    @Test
    void anUnreadableIncidentRecordIsSkippedAndNamed() {
        incidents.onAlert(firing(clock.millis(), EAST));
        clock.advance(Duration.ofSeconds(1));
        incidents.onAlert(firing(clock.millis(), WEST));
        store.write(tx -> {
            tx.put(IncidentService.INCIDENT_KIND, "INC-1", clock.millis(), "{\"id\":\"INC-1\",\"sev");
            return null;
        });
        Logger log = (Logger) LoggerFactory.getLogger(IncidentService.class);
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.start();
        log.addAppender(seen);
        try {
            IncidentService restarted = new IncidentService(store, clock, IncidentPolicy.defaults());
            assertThat(restarted.list()).extracting(Incident::id).containsExactly("INC-2");
            restarted.onAlert(resolved(clock.millis(), WEST));
            assertThat(restarted.require("INC-2").alerts().getFirst().resolved()).isTrue();
            assertThat(seen.list).extracting(ILoggingEvent::getFormattedMessage)
                    .anyMatch(m -> m.startsWith("Skipped incident record INC-1: it is not readable"));
            assertThat(restarted.verifyAll()).filteredOn(v -> !v.intact()).singleElement()
                    .satisfies(v -> assertThat(v.problem()).startsWith("the record of INC-1 is not readable"));
        } finally {
            log.detachAppender(seen);
        }
    }
}
