package io.pharos.engine.alerting.notify;

import static io.pharos.engine.alerting.notify.Fixtures.await;
import static io.pharos.engine.alerting.notify.Fixtures.firing;
import static io.pharos.engine.alerting.notify.Fixtures.firingGroup;
import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.engine.store.StateStore;
import io.pharos.engine.testing.CapturedLogs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dispatcher when the state file or the executor lets it down. */
class DispatcherTest {
    private static final long T0 = 1_735_689_600_000L;
    private static final RetryPolicy ONE_MINUTE = new RetryPolicy(Duration.ofMinutes(1), Duration.ofMinutes(5), 0,
            Duration.ofDays(1));

    @TempDir
    Path dir;

    @Test
    void whenTheOutcomeCannotBeSavedTheReceiverPausesInsteadOfGettingTheSamePageAgainAndAgain() throws Exception {
        MutableClock clock = new MutableClock(T0);
        AtomicInteger sends = new AtomicInteger();
        StateStore store = StateStore.open(dir);
        DeliveryQueue queue = DeliveryQueue.open(store);
        queue.added(List.of(Delivery.queued(1, "pager", "{}:{}", "firing", T0, "{}")));
        store.close(); // from now on nothing can be saved, as with a full disk
        try (CapturedLogs logs = new CapturedLogs();
             Dispatcher dispatcher = new Dispatcher(queue, r -> d -> {
                 sends.incrementAndGet();
                 return SendResult.delivered();
             }, ONE_MINUTE, clock, new Random(1), Executors.newVirtualThreadPerTaskExecutor())) {
            dispatcher.start();
            await("sent once", () -> sends.get() == 1 && dispatcher.inFlight().isEmpty());
            for (int i = 0; i < 5; i++) {
                dispatcher.wake();
                Thread.sleep(20);
            }
            assertThat(sends.get()).as("sends before the pause is over").isEqualTo(1);

            clock.advance(Duration.ofMinutes(1).toMillis());
            dispatcher.wake();
            await("sent again after the pause", () -> sends.get() == 2 && dispatcher.inFlight().isEmpty());
            List<String> errors = logs.lines().stream().filter(l -> l.startsWith("ERROR")).toList();
            assertThat(errors).singleElement().asString()
                    .contains("Cannot save the outcome of notification #1 to pager")
                    .contains("Free disk space");
            assertThat(queue.pending()).extracting(Delivery::id).containsExactly(1L);
        }
    }

    @Test
    void anExecutorThatRefusesWorkOnceDoesNotStopDelivery() {
        AtomicInteger offered = new AtomicInteger();
        Executor refusesFirst = task -> {
            if (offered.incrementAndGet() == 1) {
                throw new RejectedExecutionException("full");
            }
            Thread.ofVirtual().start(task);
        };
        try (CapturedLogs logs = new CapturedLogs();
             StateStore store = StateStore.open(dir);
             NotificationService svc = NotificationService.builder(store,
                     NotificationConfig.simple(List.of(Receiver.desktop("d")))).executor(refusesFirst).open()) {
            svc.start();
            svc.submit(List.of(firingGroup(T0, firing("HighCpu", "a", "eu", "critical", T0))));
            await("delivered", () -> svc.log(null, 0, Long.MAX_VALUE, 10).size() == 1);
            assertThat(offered.get()).isEqualTo(2);
            assertThat(logs.lines()).anySatisfy(l -> assertThat(l).startsWith("ERROR")
                    .contains("refused the delivery of notification #1 to d"));
        }
    }

    @Test
    void anExecutorThatRunsOnTheCallersThreadDoesNotHoldUpEnqueueingWhileAReceiverHangs() throws Exception {
        CountDownLatch hanging = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Sender hangsFirst = d -> {
            if (d.id() == 1) {
                hanging.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return SendResult.delivered();
        };
        try (StateStore store = StateStore.open(dir);
             NotificationService svc = NotificationService.builder(store,
                     NotificationConfig.simple(List.of(Receiver.desktop("d")))).executor(Runnable::run)
                     .sender("d", hangsFirst).open()) {
            svc.start();
            svc.submit(List.of(firingGroup(T0, firing("HighCpu", "a", "eu", "critical", T0))));
            assertThat(hanging.await(15, TimeUnit.SECONDS)).as("the first delivery is under way").isTrue();

            CompletableFuture<List<Delivery>> second = CompletableFuture.supplyAsync(() ->
                    svc.submit(List.of(firingGroup(T0 + 1, firing("HighCpu", "b", "us", "critical", T0)))));
            await("the second notification is queued while the first hangs", second::isDone);
            assertThat(second.get()).hasSize(1);

            release.countDown();
            await("both delivered", () -> svc.log(null, 0, Long.MAX_VALUE, 10).size() == 2);
        } finally {
            release.countDown();
        }
    }
}
