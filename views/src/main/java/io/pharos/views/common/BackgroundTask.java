package io.pharos.views.common;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;

/**
 * A slow job a view model hands to a {@link TaskExecutor}: loading, querying, exporting. The work runs
 * off the UI thread; {@code onSuccess}, {@code onFailure}, {@code onProgress} and {@code onFinished} run
 * on the UI thread, so they may touch properties and nodes. A cancelled task delivers none of them.
 *
 * @param <V> what the work produces
 */
public abstract class BackgroundTask<V> {
    private final String title;
    private Consumer<? super V> onSuccess = value -> { };
    private Consumer<? super Throwable> onFailure = error -> { };
    private DoubleConsumer onProgress = fraction -> { };
    private Runnable onFinished = () -> { };

    private volatile boolean cancelled;
    private volatile Thread worker;
    private volatile Executor uiThread;
    private volatile double latestProgress;
    private final AtomicBoolean progressPending = new AtomicBoolean();

    protected BackgroundTask(String title) {
        this.title = Objects.requireNonNull(title, "title");
    }

    /** A task around a callable, for work that reports no progress. */
    public static <V> BackgroundTask<V> wrap(String title, Callable<V> work) {
        Objects.requireNonNull(work, "work");
        return new BackgroundTask<>(title) {
            @Override
            protected V call() throws Exception {
                return work.call();
            }
        };
    }

    /** The work itself; runs off the UI thread. Long loops should check {@link #isCancelled()}. */
    protected abstract V call() throws Exception;

    /** What the task does, for a progress indicator or a log line, e.g. "Loading snapshot". */
    public String title() {
        return title;
    }

    public BackgroundTask<V> onSuccess(Consumer<? super V> callback) {
        onSuccess = Objects.requireNonNull(callback);
        return this;
    }

    public BackgroundTask<V> onFailure(Consumer<? super Throwable> callback) {
        onFailure = Objects.requireNonNull(callback);
        return this;
    }

    /** Progress from 0 to 1; reports are coalesced, so the UI sees the latest, not every one. */
    public BackgroundTask<V> onProgress(DoubleConsumer callback) {
        onProgress = Objects.requireNonNull(callback);
        return this;
    }

    /** Runs after onSuccess or onFailure, e.g. to hide a busy indicator. */
    public BackgroundTask<V> onFinished(Runnable callback) {
        onFinished = Objects.requireNonNull(callback);
        return this;
    }

    /**
     * Cancels the task: it will deliver no callback, and its worker thread is interrupted so that
     * blocking I/O and sleeps end early.
     */
    public void cancel() {
        cancelled = true;
        Thread running = worker;
        if (running != null && running != Thread.currentThread()) {
            running.interrupt();
        }
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Called from {@link #call()} to report progress, a fraction from 0 to 1. */
    protected void updateProgress(double fraction) {
        latestProgress = Math.max(0.0, Math.min(1.0, fraction));
        Executor ui = uiThread;
        if (ui != null && progressPending.compareAndSet(false, true)) {
            ui.execute(() -> {
                progressPending.set(false);
                if (!cancelled) {
                    onProgress.accept(latestProgress);
                }
            });
        }
    }

    /** Runs the work on the calling thread and delivers its outcome through {@code uiThread}. */
    final void run(Executor uiThread) {
        if (cancelled) {
            return;
        }
        this.uiThread = uiThread;
        worker = Thread.currentThread();
        V value;
        try {
            value = call();
        } catch (Throwable error) { // Errors too: the UI must leave its busy state whatever happened
            worker = null;
            deliver(uiThread, () -> onFailure.accept(error));
            return;
        }
        worker = null;
        deliver(uiThread, () -> onSuccess.accept(value));
    }

    private void deliver(Executor uiThread, Runnable outcome) {
        if (cancelled) {
            return;
        }
        uiThread.execute(() -> {
            if (!cancelled) { // cancelled while the outcome waited for the UI thread
                try {
                    outcome.run();
                } finally {
                    onFinished.run();
                }
            }
        });
    }
}
