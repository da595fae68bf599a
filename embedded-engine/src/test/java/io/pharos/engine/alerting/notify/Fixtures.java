package io.pharos.engine.alerting.notify;

import static org.assertj.core.api.Assertions.fail;

import io.pharos.engine.alerting.Alert;
import io.pharos.engine.alerting.AlertState;
import io.pharos.engine.alerting.Notification;
import io.pharos.engine.model.Labels;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

final class Fixtures {
    /** Fast retries for tests that wait in real time. */
    static final RetryPolicy FAST = new RetryPolicy(Duration.ofMillis(50), Duration.ofMillis(200), 0.2,
            Duration.ofMinutes(5));

    private Fixtures() {
    }

    static Alert firing(String alertname, String host, String region, String severity, long sinceMs) {
        return new Alert(Labels.of("alertname", alertname, "host", host, "region", region, "severity", severity),
                AlertState.FIRING, sinceMs, sinceMs, 0, 0.97, false);
    }

    static Alert resolved(Alert a, long atMs) {
        return new Alert(a.labels(), AlertState.RESOLVED, 0, a.firingSinceMs(), atMs, a.lastValue(), false);
    }

    static Notification firingGroup(long atMs, Alert... alerts) {
        return new Notification(Labels.of("region", alerts[0].labels().get("region")), List.of(alerts), List.of(), atMs,
                false);
    }

    static Notification resolvedGroup(long atMs, Alert... alerts) {
        return new Notification(Labels.of("region", alerts[0].labels().get("region")), List.of(), List.of(alerts), atMs,
                false);
    }

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
        fail("timed out waiting until " + what);
    }
}
