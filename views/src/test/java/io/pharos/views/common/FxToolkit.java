package io.pharos.views.common;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;

/** Starts the JavaFX toolkit once per test JVM (headless under surefire) and waits on its thread. */
public final class FxToolkit {
    private FxToolkit() {
    }

    public static void start() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        try {
            Platform.startup(started::countDown);
        } catch (IllegalStateException alreadyStarted) {
            return; // another test class started it
        }
        Platform.setImplicitExit(false);
        if (!started.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("JavaFX toolkit did not start within 10 s");
        }
    }

    /** Waits until everything posted to the FX thread before this call has run. */
    public static void drain() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(done::countDown);
        if (!done.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("FX thread busy for 10 s");
        }
    }

    /** Runs {@code work} on the FX thread and returns its result; what it throws is thrown here. */
    public static <T> T call(java.util.function.Supplier<T> work) throws Exception {
        java.util.concurrent.CompletableFuture<T> result = new java.util.concurrent.CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.get());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result.get(10, TimeUnit.SECONDS);
    }

    /** Runs {@code work} on the FX thread and waits for it; what it throws is thrown here. */
    public static void run(Runnable work) throws Exception {
        call(() -> {
            work.run();
            return null;
        });
    }
}
