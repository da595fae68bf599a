package io.pharos.engine.alerting.notify;

import static io.pharos.engine.alerting.notify.Fixtures.FAST;
import static io.pharos.engine.alerting.notify.Fixtures.await;
import static io.pharos.engine.alerting.notify.Fixtures.firing;
import static io.pharos.engine.alerting.notify.Fixtures.firingGroup;
import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.engine.alerting.Alert;
import io.pharos.engine.store.StateStore;
import io.pharos.engine.testing.CapturedLogs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The queue and the escalations are in the state file: closing and reopening it loses nothing. */
class RestartTest {
    private static final long T0 = 1_735_689_600_000L;

    @TempDir
    Path dir;

    @Test
    void aQueuedNotificationIsDeliveredAfterTheStateFileIsReopened() throws Exception {
        try (TestWebhook hook = TestWebhook.answering()) {
            NotificationConfig config = NotificationConfig.simple(List.of(Receiver.webhook("hook", hook.url())))
                    .withRetry(FAST);
            long id;
            try (StateStore store = StateStore.open(dir); NotificationService svc = NotificationService
                    .builder(store, config).open()) {
                // never started: nothing is delivered before the "crash"
                List<Delivery> queued = svc.submit(List.of(firingGroup(T0, firing("HighCpu", "a", "eu", "critical", T0))));
                id = queued.getFirst().id();
                assertThat(svc.pending()).hasSize(1);
            }
            assertThat(hook.requests).isEmpty();

            try (StateStore store = StateStore.open(dir); NotificationService svc = NotificationService
                    .builder(store, config).open()) {
                assertThat(svc.pending()).singleElement().satisfies(d -> {
                    assertThat(d.id()).isEqualTo(id);
                    assertThat(d.receiver()).isEqualTo("hook");
                    assertThat(d.status()).isEqualTo("firing");
                });
                svc.start();
                await("delivered after the restart",
                        () -> svc.log(null, 0, Long.MAX_VALUE, 10).size() == 1 && svc.pending().isEmpty());
                assertThat(hook.requests).hasSize(1);
                assertThat(hook.requests.getFirst().body()).contains("\"alertname\":\"HighCpu\"");
                assertThat(svc.pending()).isEmpty();
                // Ids go on growing across restarts.
                List<Delivery> next = svc.submit(List.of(firingGroup(T0 + 1, firing("HighCpu", "b", "us", "critical", T0))));
                assertThat(next.getFirst().id()).isGreaterThan(id);
            }
            try (StateStore store = StateStore.open(dir); NotificationService svc = NotificationService
                    .builder(store, config).open()) {
                assertThat(svc.log("hook", 0, Long.MAX_VALUE, 10)).extracting(DeliveryRecord::id).contains(id);
            }
        }
    }

    @Test
    void aRetryInProgressKeepsItsAttemptsAcrossARestart() throws Exception {
        NotificationConfig config = NotificationConfig.simple(List.of(Receiver.webhook("hook", "http://127.0.0.1:9/x")))
                .withRetry(new RetryPolicy(Duration.ofHours(1), Duration.ofHours(1), 0, Duration.ofDays(1)));
        try (StateStore store = StateStore.open(dir); NotificationService svc = NotificationService
                .builder(store, config).sender("hook", d -> SendResult.retry("HTTP 503 from http://127.0.0.1:9")).open()) {
            svc.start();
            svc.submit(List.of(firingGroup(T0, firing("HighCpu", "a", "eu", "critical", T0))));
            await("one failed attempt", () -> svc.pending().getFirst().attempts() == 1);
        }
        try (StateStore store = StateStore.open(dir); NotificationService svc = NotificationService
                .builder(store, config).open()) {
            Delivery d = svc.pending().getFirst();
            assertThat(d.attempts()).isEqualTo(1);
            assertThat(d.lastError()).isEqualTo("HTTP 503 from http://127.0.0.1:9");
            assertThat(d.nextAttemptMs() - d.history().getFirst().atMs()).isEqualTo(3_600_000);
        }
    }

    @Test
    void aDeliveryToAReceiverRemovedFromTheConfigurationFailsWithAReason() {
        NotificationConfig before = NotificationConfig.simple(List.of(Receiver.desktop("old")));
        try (StateStore store = StateStore.open(dir); NotificationService svc = NotificationService
                .builder(store, before).open()) {
            svc.submit(List.of(firingGroup(T0, firing("HighCpu", "a", "eu", "critical", T0))));
        }
        NotificationConfig after = NotificationConfig.simple(List.of(Receiver.desktop("new")));
        try (StateStore store = StateStore.open(dir); NotificationService svc = NotificationService
                .builder(store, after).open()) {
            svc.start();
            await("failed", () -> svc.log(null, 0, Long.MAX_VALUE, 10).size() == 1);
            DeliveryRecord r = svc.log(null, 0, Long.MAX_VALUE, 10).getFirst();
            assertThat(r.outcome()).isEqualTo(DeliveryRecord.Outcome.FAILED);
            assertThat(r.error()).isEqualTo("receiver old is not configured");
        }
    }

    @Test
    void escalationStateSurvivesARestart() {
        NotificationConfig config = EscalationTest.config();
        Alert a = firing("HighCpu", "a", "eu", "critical", T0);
        try (StateStore store = StateStore.open(dir); NotificationService svc = NotificationService
                .builder(store, config).open()) {
            svc.submit(List.of(firingGroup(T0, a)));
            assertThat(svc.pending()).extracting(Delivery::receiver).containsExactly("oncall");
        }
        try (StateStore store = StateStore.open(dir); NotificationService svc = NotificationService
                .builder(store, config).open()) {
            assertThat(svc.escalations()).singleElement().satisfies(e -> {
                assertThat(e.level()).isZero();
                assertThat(e.startedMs()).isEqualTo(T0);
            });
            // The same group notified again after the restart is an update, not a new page to level 1 only.
            assertThat(svc.tick(T0 + Duration.ofMinutes(5).toMillis(), List.of(a), l -> false))
                    .extracting(Delivery::receiver).containsExactly("lead");
        }
        try (StateStore store = StateStore.open(dir); NotificationService svc = NotificationService
                .builder(store, config).open()) {
            assertThat(svc.escalations()).singleElement().satisfies(e -> assertThat(e.level()).isEqualTo(1));
            assertThat(svc.pending()).extracting(Delivery::receiver).containsExactly("oncall", "lead");
        }
    }

    @Test
    void anUnreadableQueuedNotificationIsReportedApartFromThoseResumed() {
        NotificationConfig config = NotificationConfig.simple(List.of(Receiver.desktop("chat")));
        try (StateStore store = StateStore.open(dir); NotificationService svc = NotificationService
                .builder(store, config).open()) {
            svc.submit(List.of(firingGroup(T0, firing("HighCpu", "a", "eu", "critical", T0))));
            store.write(tx -> {
                tx.put(DeliveryQueue.QUEUE, DeliveryQueue.key(99), T0, "{not json");
                return null;
            });
        }
        try (CapturedLogs logs = new CapturedLogs(); StateStore store = StateStore.open(dir);
             NotificationService svc = NotificationService.builder(store, config).open()) {
            assertThat(svc.pending()).hasSize(1);
            assertThat(logs.lines()).anySatisfy(l -> assertThat(l).startsWith("INFO 1 queued notification(s) resumed"));
            assertThat(logs.lines()).anySatisfy(l -> assertThat(l)
                    .startsWith("ERROR 1 queued notification(s) in ").contains("cannot be read and will not be sent")
                    .contains("open this data directory with that version"));
        }
    }

    /** Pages oncall at once and lead after 5 minutes, then stops Pharos. */
    private void pageTwoLevelsThenStop(NotificationConfig config, Alert a) {
        try (StateStore store = StateStore.open(dir); NotificationService svc = NotificationService
                .builder(store, config).open()) {
            svc.submit(List.of(firingGroup(T0, a)));
            svc.tick(T0 + 5 * MIN, List.of(a), l -> false);
            assertThat(svc.pending()).extracting(Delivery::receiver).containsExactly("oncall", "lead");
        }
    }

    private static final long MIN = 60_000;

    @Test
    void aResolutionAfterARestartReachesEveryLevelReachedBeforeIt() {
        NotificationConfig config = EscalationTest.config();
        Alert a = firing("HighCpu", "a", "eu", "critical", T0);
        pageTwoLevelsThenStop(config, a);
        try (StateStore store = StateStore.open(dir); NotificationService svc = NotificationService
                .builder(store, config).open()) {
            assertThat(svc.tick(T0 + 6 * MIN, List.of(a), l -> false)).as("both levels were told already").isEmpty();
            Alert r = Fixtures.resolved(a, T0 + 8 * MIN);
            assertThat(svc.tick(T0 + 9 * MIN, List.of(r), l -> false)).as("resolutions come from the grouper").isEmpty();
            List<Delivery> told = svc.submit(List.of(Fixtures.resolvedGroup(T0 + 9 * MIN, r)));
            assertThat(told).extracting(Delivery::receiver).containsExactly("oncall", "lead");
            assertThat(told).allSatisfy(d -> {
                assertThat(d.status()).isEqualTo("resolved");
                assertThat(d.payload()).contains("\"host\":\"a\"").contains("\"endsAt\":\"2025-01-01T00:08:00Z\"");
            });
            assertThat(svc.escalations()).isEmpty();
        }
        try (StateStore store = StateStore.open(dir); NotificationService svc = NotificationService
                .builder(store, config).open()) {
            assertThat(svc.escalations()).as("ended for good").isEmpty();
        }
    }
}
