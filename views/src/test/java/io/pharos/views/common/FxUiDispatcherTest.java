package io.pharos.views.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FxUiDispatcherTest {
    private static final int UPDATES = 10_000;

    @BeforeAll
    static void startFx() throws InterruptedException {
        FxToolkit.start();
    }

    @Test
    void tenThousandUpdatesFromAnotherThreadCoalesceAndTheLastWins() throws Exception {
        var dispatcher = new FxUiDispatcher();
        var applications = new AtomicInteger();
        var offFxThread = new AtomicInteger();
        var shown = new AtomicReference<Integer>();

        Thread producer = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < UPDATES; i++) {
                dispatcher.publish("cpu", i, value -> {
                    applications.incrementAndGet();
                    if (!Platform.isFxApplicationThread()) {
                        offFxThread.incrementAndGet();
                    }
                    shown.set(value);
                });
            }
        });
        producer.join();
        awaitValue(shown, UPDATES - 1);

        assertThat(offFxThread).hasValue(0);
        assertThat(applications.get()).isPositive().isLessThan(UPDATES / 100);
    }

    @Test
    void eachKeyKeepsItsOwnLatestValue() throws Exception {
        var dispatcher = new FxUiDispatcher();
        var cpu = new AtomicReference<String>();
        var memory = new AtomicReference<String>();
        Thread producer = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 1_000; i++) {
                dispatcher.publish("cpu", "cpu-" + i, cpu::set);
                dispatcher.publish("memory", "mem-" + i, memory::set);
            }
        });
        producer.join();
        awaitValue(cpu, "cpu-999");
        awaitValue(memory, "mem-999");
    }

    @Test
    void aProducerThatNeverPausesGetsAboutOneApplicationPerFrame() throws Exception {
        var dispatcher = new FxUiDispatcher();
        var applications = new AtomicInteger();
        var last = new AtomicReference<Long>();
        long runFor = TimeUnit.MILLISECONDS.toNanos(500);
        Thread producer = Thread.ofPlatform().start(() -> {
            long start = System.nanoTime();
            long n = 0;
            while (System.nanoTime() - start < runFor) {
                long value = ++n;
                dispatcher.publish("rps", value, v -> {
                    applications.incrementAndGet();
                    last.set(v);
                });
            }
            dispatcher.publish("rps", -1L, v -> last.set(v));
        });
        producer.join();
        awaitValue(last, -1L);
        // 500 ms at one hand-off per 16 ms frame is about 31; slack for the final frame and timer jitter.
        assertThat(applications.get()).isPositive().isLessThanOrEqualTo(40);
    }

    @Test
    void atMostOneHandOffIsPendingAndItAppliesOnlyTheLatestValue() {
        List<Runnable> handOffs = new ArrayList<>();
        var dispatcher = new FxUiDispatcher(handOffs::add, Duration.ZERO);
        List<Integer> applied = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            dispatcher.publish("k", i, applied::add);
        }
        assertThat(handOffs).hasSize(1);
        handOffs.getFirst().run();
        assertThat(applied).containsExactly(99);

        dispatcher.publish("k", 100, applied::add);
        assertThat(handOffs).hasSize(2);
        handOffs.get(1).run();
        assertThat(applied).containsExactly(99, 100);
    }

    @Test
    void directDispatcherAppliesAtOnceOnTheCallingThread() {
        var applied = new AtomicReference<Thread>();
        new DirectUiDispatcher().publish("k", 1, v -> applied.set(Thread.currentThread()));
        assertThat(applied).hasValue(Thread.currentThread());
    }

    private static <T> void awaitValue(AtomicReference<T> ref, T expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!expected.equals(ref.get()) && System.nanoTime() < deadline) {
            FxToolkit.drain();
            Thread.sleep(5);
        }
        assertThat(ref.get()).isEqualTo(expected);
    }
}
