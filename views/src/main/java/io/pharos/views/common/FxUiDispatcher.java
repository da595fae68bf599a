package io.pharos.views.common;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * Coalesces published values onto the JavaFX application thread. At most one hand-off is pending at any
 * time; it applies the newest value of every key, in the order keys were first published. Hand-offs are
 * at least one frame apart (default 16 ms, a 60 Hz pulse), so a producer posting without pause costs the
 * FX thread about one application per key and frame.
 */
public final class FxUiDispatcher implements UiDispatcher {
    public static final Duration DEFAULT_FRAME = Duration.ofMillis(16);

    private record Update<T>(T value, Consumer<? super T> applier) {
        void apply() {
            applier.accept(value);
        }
    }

    private final Executor fxThread;
    private final long frameNanos;
    private final Object lock = new Object();
    private Map<Object, Update<?>> pending = new LinkedHashMap<>(); // guarded by lock
    private boolean handOffScheduled; // guarded by lock
    private long lastHandOffNanos; // guarded by lock

    /** Hands off with {@link Platform#runLater}, at most once per {@link #DEFAULT_FRAME}. */
    public FxUiDispatcher() {
        this(Platform::runLater, DEFAULT_FRAME);
    }

    /** @param fxThread runs a task on the UI thread; {@code Platform::runLater} outside tests */
    public FxUiDispatcher(Executor fxThread, Duration frame) {
        this.fxThread = Objects.requireNonNull(fxThread, "fxThread");
        if (frame.isNegative()) {
            throw new IllegalArgumentException("frame must not be negative, got " + frame);
        }
        this.frameNanos = frame.toNanos();
        this.lastHandOffNanos = System.nanoTime() - frameNanos;
    }

    @Override
    public <T> void publish(Object key, T value, Consumer<? super T> apply) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(apply, "apply");
        long waitNanos;
        synchronized (lock) {
            pending.put(key, new Update<>(value, apply));
            if (handOffScheduled) {
                return;
            }
            handOffScheduled = true;
            waitNanos = lastHandOffNanos + frameNanos - System.nanoTime();
        }
        if (waitNanos <= 0) {
            handOff();
        } else {
            // Too soon after the last frame: wait out the rest of it on a cheap virtual thread.
            Thread.ofVirtual().name("pharos-ui-dispatch").start(() -> {
                try {
                    Thread.sleep(Duration.ofNanos(waitNanos));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                handOff();
            });
        }
    }

    private void handOff() {
        try {
            fxThread.execute(this::applyPending);
        } catch (RuntimeException e) { // the toolkit is not running: let a later publish try again
            synchronized (lock) {
                handOffScheduled = false;
            }
            throw e;
        }
    }

    private void applyPending() {
        Map<Object, Update<?>> batch;
        synchronized (lock) {
            batch = pending;
            pending = new LinkedHashMap<>();
            handOffScheduled = false; // values published from here on schedule the next hand-off
            lastHandOffNanos = System.nanoTime();
        }
        for (Update<?> update : batch.values()) {
            try {
                update.apply();
            } catch (RuntimeException e) { // one broken binding must not starve the others
                Thread current = Thread.currentThread();
                current.getUncaughtExceptionHandler().uncaughtException(current, e);
            }
        }
    }
}
