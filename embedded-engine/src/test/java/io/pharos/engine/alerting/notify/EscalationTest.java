package io.pharos.engine.alerting.notify;

import static io.pharos.engine.alerting.notify.Fixtures.firing;
import static io.pharos.engine.alerting.notify.Fixtures.firingGroup;
import static io.pharos.engine.alerting.notify.Fixtures.resolved;
import static io.pharos.engine.alerting.notify.Fixtures.resolvedGroup;
import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.engine.alerting.Acknowledgements;
import io.pharos.engine.alerting.Alert;
import io.pharos.engine.alerting.Notification;
import io.pharos.engine.model.Labels;
import io.pharos.engine.model.Matcher;
import io.pharos.engine.store.StateStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Escalation with time passed in; the service is not started, so deliveries stay queued to be looked at. */
class EscalationTest {
    private static final long T0 = 1_735_689_600_000L;
    private static final long MIN = 60_000;

    @TempDir
    Path dir;
    private StateStore store;
    private NotificationService svc;

    /** oncall at once; lead after 5 min unacknowledged; manager after 10 more. Warnings go to chat only. */
    static NotificationConfig config() {
        List<Receiver> receivers = List.of(Receiver.desktop("oncall"), Receiver.desktop("lead"),
                Receiver.desktop("manager"), Receiver.desktop("chat"));
        EscalationPolicy paging = new EscalationPolicy("paging", List.of(
                EscalationPolicy.Level.of(Duration.ofMinutes(5), "oncall"),
                EscalationPolicy.Level.of(Duration.ofMinutes(10), "lead"),
                EscalationPolicy.Level.of(Duration.ofMinutes(10), "manager", "lead")));
        EscalationPolicy chat = EscalationPolicy.notify("chat", "chat");
        return new NotificationConfig(receivers, List.of(paging, chat), List.of(
                new Route(List.of(Matcher.eq("severity", "critical")), "paging"),
                Route.all("chat")), null, "");
    }

    @BeforeEach
    void open() {
        store = StateStore.open(dir);
        svc = NotificationService.builder(store, config()).open();
    }

    @AfterEach
    void close() {
        svc.close();
        store.close();
    }

    private List<String> receivers(List<Delivery> ds) {
        return ds.stream().map(Delivery::receiver).toList();
    }

    @Test
    void firstLevelAtOnceSecondAfterFiveMinutesUnacknowledgedThenThird() {
        Alert a = firing("HighCpu", "a", "eu", "critical", T0);
        assertThat(receivers(svc.submit(List.of(firingGroup(T0, a))))).containsExactly("oncall");
        assertThat(svc.tick(T0 + 5 * MIN - 1, List.of(a), l -> false)).isEmpty();
        List<Delivery> escalated = svc.tick(T0 + 5 * MIN, List.of(a), l -> false);
        assertThat(receivers(escalated)).containsExactly("lead");
        assertThat(escalated.getFirst().status()).isEqualTo("firing");
        assertThat(escalated.getFirst().payload()).contains("\"receiver\":\"lead\"").contains("\"host\":\"a\"");
        assertThat(svc.escalations()).singleElement().satisfies(e -> assertThat(e.level()).isEqualTo(1));
        assertThat(svc.tick(T0 + 6 * MIN, List.of(a), l -> false)).isEmpty();
        // The third level adds the manager; lead was already told.
        assertThat(receivers(svc.tick(T0 + 15 * MIN, List.of(a), l -> false))).containsExactly("manager");
        // The last level stays.
        assertThat(svc.tick(T0 + 60 * MIN, List.of(a), l -> false)).isEmpty();
    }

    @Test
    void acknowledgementStopsEscalationAndALapsedOneResumesItWithAWholeTimeout() {
        Acknowledgements acks = new Acknowledgements();
        Alert a = firing("HighCpu", "a", "eu", "critical", T0);
        svc.submit(List.of(firingGroup(T0, a)));
        acks.acknowledge(a.labels(), "ana", Duration.ofMinutes(30), T0 + 2 * MIN);
        assertThat(svc.tick(T0 + 2 * MIN, List.of(a), acks)).isEmpty();
        assertThat(svc.tick(T0 + 5 * MIN, List.of(a), acks)).as("acknowledged").isEmpty();
        assertThat(svc.tick(T0 + 31 * MIN, List.of(a), acks)).as("acknowledged").isEmpty();
        assertThat(svc.escalations().getFirst().acknowledged()).isTrue();
        // The acknowledgement lapses at 32 min with the alert still firing: 5 more minutes for oncall.
        assertThat(svc.tick(T0 + 32 * MIN, List.of(a), acks)).isEmpty();
        assertThat(svc.tick(T0 + 37 * MIN - 1, List.of(a), acks)).isEmpty();
        assertThat(receivers(svc.tick(T0 + 37 * MIN, List.of(a), acks))).containsExactly("lead");
    }

    @Test
    void aGroupIsAcknowledgedOnlyWhenAllItsFiringAlertsAre() {
        Alert a = firing("HighCpu", "a", "eu", "critical", T0);
        Alert b = firing("HighCpu", "b", "eu", "critical", T0);
        svc.submit(List.of(firingGroup(T0, a, b)));
        assertThat(receivers(svc.tick(T0 + 5 * MIN, List.of(a, b), l -> l.equals(a.labels()))))
                .containsExactly("lead");
    }

    @Test
    void resolutionEndsEscalationAndTellsEveryLevelReached() {
        Alert a = firing("HighCpu", "a", "eu", "critical", T0);
        svc.submit(List.of(firingGroup(T0, a)));
        svc.tick(T0 + 5 * MIN, List.of(a), l -> false);
        Alert r = resolved(a, T0 + 7 * MIN);
        List<Delivery> told = svc.submit(List.of(resolvedGroup(T0 + 8 * MIN, r)));
        assertThat(receivers(told)).containsExactly("oncall", "lead");
        assertThat(told).allSatisfy(d -> {
            assertThat(d.status()).isEqualTo("resolved");
            assertThat(d.payload()).contains("\"status\":\"resolved\"").contains("\"endsAt\":\"2025-01-01T00:07:00Z\"");
        });
        assertThat(svc.escalations()).isEmpty();
        assertThat(svc.tick(T0 + 60 * MIN, List.of(), l -> false)).isEmpty();
    }

    @Test
    void updatesAndRemindersGoToEveryLevelReached() {
        Alert a = firing("HighCpu", "a", "eu", "critical", T0);
        Alert b = firing("HighCpu", "b", "eu", "critical", T0 + 6 * MIN);
        svc.submit(List.of(firingGroup(T0, a)));
        svc.tick(T0 + 5 * MIN, List.of(a), l -> false);
        assertThat(receivers(svc.submit(List.of(firingGroup(T0 + 10 * MIN, a, b))))).containsExactly("oncall", "lead");
        assertThat(receivers(svc.tick(T0 + 15 * MIN, List.of(a, b), l -> false))).containsExactly("manager");
        Notification repeat = new Notification(Labels.of("region", "eu"), List.of(a, b), List.of(), T0 + 4 * 60 * MIN, true);
        assertThat(receivers(svc.submit(List.of(repeat)))).containsExactly("oncall", "lead", "manager");
    }

    @Test
    void aGroupWithNoUnmutedFiringAlertPausesEscalation() {
        Alert a = firing("HighCpu", "a", "eu", "critical", T0);
        svc.submit(List.of(firingGroup(T0, a)));
        // silenced at 1 min: the grouper no longer gets it, nor does tick
        assertThat(svc.tick(T0 + MIN, List.of(), l -> false)).isEmpty();
        assertThat(svc.tick(T0 + 20 * MIN, List.of(), l -> false)).isEmpty();
        // the silence ends at 20 min: a whole timeout again
        assertThat(svc.tick(T0 + 21 * MIN, List.of(a), l -> false)).isEmpty();
        assertThat(receivers(svc.tick(T0 + 26 * MIN, List.of(a), l -> false))).containsExactly("lead");
    }

    @Test
    void aQuietGroupWithoutResolutionIsForgottenAfterADay() {
        Alert a = firing("HighCpu", "a", "eu", "critical", T0);
        svc.submit(List.of(firingGroup(T0, a)));
        svc.tick(T0 + MIN, List.of(), l -> false);
        svc.tick(T0 + MIN + Duration.ofHours(24).toMillis(), List.of(), l -> false);
        assertThat(svc.escalations()).isEmpty();
    }

    @Test
    void routesChooseThePolicyAndAOneLevelPolicyNeverEscalates() {
        Alert w = firing("DiskFilling", "a", "us", "warning", T0);
        assertThat(receivers(svc.submit(List.of(firingGroup(T0, w))))).containsExactly("chat");
        assertThat(svc.tick(T0 + 1000 * MIN, List.of(w), l -> false)).isEmpty();
    }
}
