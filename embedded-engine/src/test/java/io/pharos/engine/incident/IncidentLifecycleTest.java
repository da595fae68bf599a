package io.pharos.engine.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class IncidentLifecycleTest extends IncidentServiceFixture {

    @Test
    void anIncidentGoesThroughItsLifeWithActorAndTimeOnEveryStep() {
        Incident inc = incidents.create("Checkout errors in eu-west-1", Severity.SEV3, "ana");
        assertThat(inc.id()).isEqualTo("INC-1");
        assertThat(inc.status()).isEqualTo(IncidentStatus.TRIGGERED);
        assertThat(inc.commander()).isNull();

        clock.advance(Duration.ofMinutes(3));
        inc = incidents.acknowledge("INC-1", "bob");
        assertThat(inc.status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
        assertThat(inc.commander()).as("the first to acknowledge leads").isEqualTo("bob");
        assertThat(inc.acknowledgedAtMs()).isEqualTo(clock.millis());

        incidents.setCommander("INC-1", "carol", "bob");
        incidents.setSeverity("INC-1", Severity.SEV2, "carol", "payments fail too");
        incidents.addNote("INC-1", "carol", "rolled back release 4.2");
        incidents.addRunbook("INC-1", "Checkout runbook", "https://wiki.example/checkout", "carol");
        clock.advance(Duration.ofMinutes(10));
        incidents.startMitigating("INC-1", "carol");
        clock.advance(Duration.ofMinutes(20));
        inc = incidents.resolve("INC-1", "carol");
        assertThat(inc.resolvedAtMs()).isEqualTo(clock.millis());
        incidents.writePostmortem("INC-1", "A bad release broke checkout.", "Missing canary",
                List.of(new Postmortem.FollowUp("add a canary stage", "dave")), "carol");
        inc = incidents.close("INC-1", "carol");

        assertThat(inc.status()).isEqualTo(IncidentStatus.CLOSED);
        assertThat(inc.severity()).isEqualTo(Severity.SEV2);
        assertThat(inc.commander()).isEqualTo("carol");
        assertThat(inc.runbooks()).extracting(RunbookLink::url).containsExactly("https://wiki.example/checkout");
        List<TimelineEntry> timeline = incidents.timeline("INC-1");
        assertThat(timeline).extracting(TimelineEntry::kind).containsExactly(TimelineKind.CREATED, TimelineKind.STATUS,
                TimelineKind.COMMANDER, TimelineKind.COMMANDER, TimelineKind.SEVERITY, TimelineKind.NOTE,
                TimelineKind.RUNBOOK, TimelineKind.STATUS, TimelineKind.STATUS, TimelineKind.POSTMORTEM,
                TimelineKind.STATUS);
        assertThat(timeline).extracting(TimelineEntry::actor).containsExactly("ana", "bob", "bob", "bob", "carol",
                "carol", "carol", "carol", "carol", "carol", "carol");
        assertThat(timeline.get(1).text()).isEqualTo("acknowledged by bob after 3 min");
        assertThat(timeline.get(4).text()).isEqualTo("severity SEV3 → SEV2: payments fail too");
        assertThat(timeline.get(4).data().path("from").asText()).isEqualTo("SEV3");
        assertThat(timeline.get(8).text()).isEqualTo("resolved after 33 min");
        assertThat(timeline).extracting(TimelineEntry::index).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(incidents.verify("INC-1").intact()).isTrue();
    }

    @Test
    void illegalTransitionsAreRefusedWithTheAllowedOnes() {
        incidents.create("Disk full", Severity.SEV4, "ana");
        assertThatThrownBy(() -> incidents.resolve("INC-1", "ana")).isInstanceOf(IllegalTransitionException.class)
                .hasMessage("INC-1 is triggered: it can go to acknowledged, not to resolved");
        incidents.acknowledge("INC-1", "ana");
        assertThatThrownBy(() -> incidents.close("INC-1", "ana"))
                .hasMessage("INC-1 is acknowledged: it can go to mitigating or resolved, not to closed");
        incidents.resolve("INC-1", "ana");
        assertThatThrownBy(() -> incidents.close("INC-1", "ana")).isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("cannot be closed without a postmortem");
        incidents.reopen("INC-1", "ana", "the disk filled again");
        assertThat(incidents.require("INC-1").status()).isEqualTo(IncidentStatus.MITIGATING);
        assertThat(incidents.require("INC-1").resolvedAtMs()).isZero();
        incidents.resolve("INC-1", "ana");
        incidents.writePostmortem("INC-1", "Logs were not rotated.", "", List.of(), "ana");
        incidents.close("INC-1", "ana");
        assertThatThrownBy(() -> incidents.acknowledge("INC-1", "ana"))
                .hasMessage("INC-1 is closed: it can go to nothing (it is final), not to acknowledged");
        assertThatThrownBy(() -> incidents.addNote("INC-1", "ana", "late note")).hasMessageContaining("closed");
        // refused changes leave no trace
        assertThat(incidents.timeline("INC-1")).extracting(TimelineEntry::kind).filteredOn(k -> k == TimelineKind.NOTE)
                .isEmpty();
        assertThat(incidents.verify("INC-1").intact()).isTrue();
    }

    @Test
    void onlyAResolvedIncidentIsReopenedAndOnlyWithAReason() {
        incidents.create("Disk full", Severity.SEV4, "ana");
        incidents.acknowledge("INC-1", "ana");
        assertThatThrownBy(() -> incidents.reopen("INC-1", "ana", "it came back"))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessage("INC-1 is acknowledged, not resolved: only a resolved incident is reopened");
        incidents.resolve("INC-1", "ana");
        assertThatThrownBy(() -> incidents.startMitigating("INC-1", "ana"))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessage("INC-1 is resolved: to work on it again, reopen it and say why (what came back)");
        assertThat(incidents.require("INC-1").status()).isEqualTo(IncidentStatus.RESOLVED);
        incidents.reopen("INC-1", "ana", "the disk filled again");
        assertThat(incidents.timeline("INC-1").getLast().text()).isEqualTo("reopened: the disk filled again");
    }

    @Test
    void everyChangeNeedsAnActorAndAnExistingIncident() {
        assertThatThrownBy(() -> incidents.create("x", Severity.SEV1, " ")).hasMessageContaining("actor");
        assertThatThrownBy(() -> incidents.create(" ", Severity.SEV1, "ana")).hasMessageContaining("title");
        assertThatThrownBy(() -> incidents.acknowledge("INC-9", "ana")).isInstanceOf(NoSuchElementException.class)
                .hasMessage("no incident INC-9");
        incidents.create("x", Severity.SEV1, "ana");
        assertThatThrownBy(() -> incidents.setSeverity("INC-1", Severity.SEV1, "ana", "")).hasMessageContaining("already");
        assertThat(Severity.parse("sev2")).isEqualTo(Severity.SEV2);
        assertThat(Severity.parse("1")).isEqualTo(Severity.SEV1);
    }

    @Test
    void incidentsAreListedNewestFirst() {
        incidents.create("first", Severity.SEV3, "ana");
        clock.advance(Duration.ofSeconds(1));
        incidents.create("second", Severity.SEV3, "ana");
        incidents.acknowledge("INC-2", "ana");
        incidents.resolve("INC-2", "ana");
        assertThat(incidents.list()).extracting(Incident::id).containsExactly("INC-2", "INC-1");
        assertThat(incidents.openIncidents()).extracting(Incident::id).containsExactly("INC-1");
    }
}
