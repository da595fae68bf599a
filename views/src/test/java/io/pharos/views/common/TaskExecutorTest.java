package io.pharos.views.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TaskExecutorTest {
    private final ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();

    @BeforeAll
    static void startFx() throws InterruptedException {
        FxToolkit.start();
    }

    @AfterEach
    void shutdown() {
        executor.shutdown();
    }

    @Test
    void currentThreadExecutorRunsWorkAndCallbacksBeforeReturning() {
        List<String> events = new ArrayList<>();
        new CurrentThreadTaskExecutor().execute(BackgroundTask.wrap("answer", () -> 42)
                .onSuccess(v -> events.add("success " + v))
                .onFailure(e -> events.add("failure"))
                .onFinished(() -> events.add("finished")));
        assertThat(events).containsExactly("success 42", "finished");
    }

    @Test
    void currentThreadExecutorDeliversFailures() {
        var failure = new AtomicReference<Throwable>();
        new CurrentThreadTaskExecutor().execute(BackgroundTask.<String>wrap("read", () -> {
            throw new IOException("disk gone");
        }).onSuccess(v -> failure.set(null)).onFailure(failure::set));
        assertThat(failure.get()).isInstanceOf(IOException.class).hasMessage("disk gone");
    }

    @Test
    void currentThreadExecutorRefusesWorkAfterShutdown() {
        var executor = new CurrentThreadTaskExecutor();
        executor.shutdown();
        assertThatThrownBy(() -> executor.execute(BackgroundTask.wrap("late", () -> 1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("late");
    }

    @Test
    void workRunsOffTheFxThreadAndSuccessArrivesOnIt() throws Exception {
        var workOnFx = new AtomicBoolean(true);
        var callbackOnFx = new CompletableFuture<Boolean>();
        executor.execute(BackgroundTask.wrap("work", () -> {
            workOnFx.set(Platform.isFxApplicationThread());
            return "done";
        }).onSuccess(v -> callbackOnFx.complete(Platform.isFxApplicationThread())));
        assertThat(callbackOnFx.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(workOnFx).isFalse();
    }

    @Test
    void failureArrivesOnTheFxThread() throws Exception {
        var failure = new CompletableFuture<String>();
        executor.execute(BackgroundTask.<Integer>wrap("query", () -> {
            throw new IllegalStateException("store closed");
        }).onFailure(e -> failure.complete(Platform.isFxApplicationThread() + " " + e.getMessage())));
        assertThat(failure.get(10, TimeUnit.SECONDS)).isEqualTo("true store closed");
    }

    @Test
    void cancelInterruptsTheWorkAndSuppressesCallbacks() throws Exception {
        var started = new CountDownLatch(1);
        var interrupted = new CountDownLatch(1);
        var delivered = new AtomicBoolean();
        BackgroundTask<String> task = executor.execute(BackgroundTask.wrap("slow", () -> {
            started.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
            return "late";
        }).onSuccess(v -> delivered.set(true)).onFailure(e -> delivered.set(true)).onFinished(() -> delivered.set(true)));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        task.cancel();
        assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
        FxToolkit.drain();
        assertThat(task.isCancelled()).isTrue();
        assertThat(delivered).isFalse();
    }

    @Test
    void progressReachesTheFxThreadCoalesced() throws Exception {
        List<Double> seen = new ArrayList<>();
        var done = new CompletableFuture<Void>();
        executor.execute(new BackgroundTask<Void>("count") {
            @Override
            protected Void call() {
                for (int i = 1; i <= 10_000; i++) {
                    updateProgress(i / 10_000.0);
                }
                return null;
            }
        }.onProgress(seen::add).onFinished(() -> done.complete(null)));
        done.get(10, TimeUnit.SECONDS);
        FxToolkit.drain();
        assertThat(seen).isNotEmpty().hasSizeLessThan(10_000).last().isEqualTo(1.0);
    }
}
