package io.pharos.engine.alerting.notify;

import static io.pharos.engine.alerting.notify.Fixtures.await;
import static io.pharos.engine.alerting.notify.Fixtures.firing;
import static io.pharos.engine.alerting.notify.Fixtures.firingGroup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pharos.engine.store.StateStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetryPolicyTest {
    @TempDir
    Path dir;

    @Test
    void backOffDoublesUpToTheMaximum() {
        RetryPolicy p = new RetryPolicy(Duration.ofSeconds(5), Duration.ofMinutes(5), 0, Duration.ofHours(24));
        Random r = new Random(1);
        assertThat(List.of(1, 2, 3, 4, 5, 6, 7, 8, 100).stream().map(n -> p.backoffMs(n, r)).toList())
                .containsExactly(5_000L, 10_000L, 20_000L, 40_000L, 80_000L, 160_000L, 300_000L, 300_000L, 300_000L);
    }

    @Test
    void jitterStaysWithinItsShareAndComesFromTheGivenRandom() {
        RetryPolicy p = RetryPolicy.DEFAULT;
        Random r = new Random(7);
        for (int i = 0; i < 1000; i++) {
            assertThat(p.backoffMs(2, r)).isBetween(8_000L, 12_000L);
        }
        assertThat(p.backoffMs(3, new Random(99))).isEqualTo(p.backoffMs(3, new Random(99)));
        assertThat(p.backoffMs(3, new Random(1))).isNotEqualTo(p.backoffMs(3, new Random(2)));
    }

    @Test
    void badPoliciesAreRefused() {
        assertThatThrownBy(() -> new RetryPolicy(Duration.ZERO, Duration.ofSeconds(1), 0, Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), 1.5, Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDeliveryStillFailingAfterTheMaximumAgeIsGivenUpWithTheReason() {
        RetryPolicy p = new RetryPolicy(Duration.ofMillis(20), Duration.ofMillis(50), 0, Duration.ofMillis(300));
        AtomicInteger calls = new AtomicInteger();
        try (StateStore store = StateStore.open(dir);
             NotificationService svc = NotificationService.builder(store,
                     NotificationConfig.simple(List.of(Receiver.webhook("hook", "http://127.0.0.1:9/")))
                             .withRetry(p))
                     .sender("hook", d -> {
                         calls.incrementAndGet();
                         return SendResult.retry("HTTP 502 from http://127.0.0.1:9");
                     }).open()) {
            svc.start();
            svc.submit(List.of(firingGroup(0, firing("HighCpu", "a", "eu", "critical", 0))));
            await("given up", () -> svc.log(null, 0, Long.MAX_VALUE, 10).size() == 1);
            DeliveryRecord r = svc.log(null, 0, Long.MAX_VALUE, 10).getFirst();
            assertThat(r.outcome()).isEqualTo(DeliveryRecord.Outcome.GAVE_UP);
            assertThat(r.attempts()).isEqualTo(calls.get()).isGreaterThan(3);
            assertThat(r.error()).startsWith("given up after " + r.attempts() + " attempt(s) over ")
                    .contains("(maximum age 300 ms)").endsWith("; last error: HTTP 502 from http://127.0.0.1:9");
            assertThat(r.finishedMs() - r.createdMs()).isGreaterThanOrEqualTo(300);
            assertThat(svc.pending()).isEmpty();
        }
    }

    @Test
    void aSenderThatThrowsIsRetriedNotFatal() {
        AtomicInteger calls = new AtomicInteger();
        try (StateStore store = StateStore.open(dir);
             NotificationService svc = NotificationService.builder(store,
                     NotificationConfig.simple(List.of(Receiver.desktop("d"))).withRetry(Fixtures.FAST))
                     .sender("d", d -> {
                         if (calls.incrementAndGet() == 1) {
                             throw new IllegalArgumentException("invalid header value: \"Bearer leaked-secret\"");
                         }
                         return SendResult.delivered();
                     }).open()) {
            svc.start();
            svc.submit(List.of(firingGroup(0, firing("HighCpu", "a", "eu", "critical", 0))));
            await("delivered", () -> svc.log(null, 0, Long.MAX_VALUE, 10).size() == 1);
            DeliveryRecord r = svc.log(null, 0, Long.MAX_VALUE, 10).getFirst();
            // The exception's message may quote a secret: only its class is recorded.
            assertThat(r.history().getFirst().error())
                    .isEqualTo("sending to d failed unexpectedly (IllegalArgumentException)");
            assertThat(r.outcome()).isEqualTo(DeliveryRecord.Outcome.DELIVERED);
        }
    }
}
