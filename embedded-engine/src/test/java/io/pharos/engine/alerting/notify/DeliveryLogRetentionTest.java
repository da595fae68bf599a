package io.pharos.engine.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.engine.store.StateStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The delivery log keeps its retention: pruned when the service opens, then once a day by the time passed in. */
class DeliveryLogRetentionTest {
    private static final long T0 = 1_735_689_600_000L;
    private static final long DAY = Duration.ofDays(1).toMillis();

    @TempDir
    Path dir;

    private static void logDelivery(StateStore store, long id, long finishedMs) {
        DeliveryRecord rec = new DeliveryRecord(id, "chat", "{}:{}", "firing", DeliveryRecord.Outcome.DELIVERED,
                finishedMs, finishedMs, 1, null, List.of(), "{}");
        store.write(tx -> tx.append(DeliveryQueue.LOG, "chat", finishedMs, DeliveryQueue.json(rec)));
    }

    private static List<Long> loggedIds(NotificationService svc) {
        return svc.log(null, 0, Long.MAX_VALUE, 100).stream().map(DeliveryRecord::id).toList();
    }

    @Test
    void entriesOlderThanThirtyDaysGoAtOpenAndNewerOnesWhenTheyAgePastIt() {
        NotificationConfig config = NotificationConfig.simple(List.of(Receiver.desktop("chat")));
        assertThat(config.logRetention()).isEqualTo(Duration.ofDays(30));
        try (StateStore store = StateStore.open(dir)) {
            logDelivery(store, 1, T0);
            logDelivery(store, 2, T0 + 5 * DAY);
            logDelivery(store, 3, T0 + 20 * DAY);
            MutableClock clock = new MutableClock(T0 + 31 * DAY);
            try (NotificationService svc = NotificationService.builder(store, config).clock(clock).open()) {
                assertThat(loggedIds(svc)).as("31 days after the first").containsExactly(2L, 3L);

                svc.tick(T0 + 35 * DAY + 1, List.of(), l -> false);
                assertThat(loggedIds(svc)).as("more than 30 days after the second, and a day after the last pruning")
                        .containsExactly(3L);

                svc.tick(T0 + 50 * DAY - 1000, List.of(), l -> false);
                assertThat(loggedIds(svc)).as("pruned, but not yet 30 days old").containsExactly(3L);
                svc.tick(T0 + 50 * DAY + 1000, List.of(), l -> false);
                assertThat(loggedIds(svc)).as("pruning runs once a day, not at every evaluation").containsExactly(3L);
                svc.tick(T0 + 51 * DAY, List.of(), l -> false);
                assertThat(loggedIds(svc)).isEmpty();
            }
        }
    }

    @Test
    void theRetentionIsConfigurable() throws Exception {
        NotificationConfig config = NotificationConfigFile.parse("""
                receivers:
                  - name: chat
                    desktop: {}
                delivery_log_retention: 7d
                """, "notifications.yaml");
        assertThat(config.logRetention()).isEqualTo(Duration.ofDays(7));
        try (StateStore store = StateStore.open(dir)) {
            logDelivery(store, 1, T0);
            logDelivery(store, 2, T0 + 2 * DAY);
            try (NotificationService svc = NotificationService.builder(store, config)
                    .clock(new MutableClock(T0 + 8 * DAY)).open()) {
                assertThat(loggedIds(svc)).containsExactly(2L);
            }
        }
    }
}
