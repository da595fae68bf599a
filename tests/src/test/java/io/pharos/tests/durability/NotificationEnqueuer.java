package io.pharos.tests.durability;

import io.pharos.engine.alerting.Alert;
import io.pharos.engine.alerting.AlertState;
import io.pharos.engine.alerting.Notification;
import io.pharos.engine.alerting.notify.NotificationConfig;
import io.pharos.engine.alerting.notify.NotificationService;
import io.pharos.engine.alerting.notify.Receiver;
import io.pharos.engine.alerting.notify.RetryPolicy;
import io.pharos.engine.model.Labels;
import io.pharos.engine.store.StateStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A process for the notification crash test: queues one notification after another to a webhook
 * that is down (so the dispatcher keeps retrying and writing), printing "ACK n" once notification n
 * is queued, until it is killed.
 */
public final class NotificationEnqueuer {
    static final RetryPolicy FAST = new RetryPolicy(Duration.ofMillis(20), Duration.ofMillis(100), 0.2,
            Duration.ofHours(1));

    private NotificationEnqueuer() {
    }

    static NotificationConfig config(String url) {
        return NotificationConfig.simple(List.of(Receiver.webhook("hook", url))).withRetry(FAST);
    }

    static Notification notification(long n) {
        Alert a = new Alert(Labels.of("alertname", "CrashTest", "n", Long.toString(n)), AlertState.FIRING, n, n, 0, 1,
                false);
        return new Notification(Labels.of("n", Long.toString(n)), List.of(a), List.of(), n, false);
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        String deadUrl = args[1];
        StateStore store = StateStore.open(dir);
        NotificationService svc = NotificationService.builder(store, config(deadUrl)).open();
        svc.start();
        for (long n = 0; ; n++) {
            svc.submit(List.of(notification(n)));
            System.out.println("ACK " + n);
            System.out.flush();
        }
    }
}
