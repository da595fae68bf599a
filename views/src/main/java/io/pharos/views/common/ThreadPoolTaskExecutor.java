package io.pharos.views.common;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;

/**
 * The production executor. Despite the JabRef name it pools nothing: one virtual thread per task,
 * since the work is mostly I/O and queries. Outcomes are delivered on the JavaFX application thread.
 */
public final class ThreadPoolTaskExecutor implements TaskExecutor {
    private final ExecutorService workers = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("pharos-task-", 0).factory());
    private final Executor uiThread;
    private final Set<BackgroundTask<?>> running = ConcurrentHashMap.newKeySet();

    /** Delivers callbacks with {@link Platform#runLater}. */
    public ThreadPoolTaskExecutor() {
        this(Platform::runLater);
    }

    /** Delivers callbacks through the given executor (tests, or a UI dispatcher). */
    public ThreadPoolTaskExecutor(Executor uiThread) {
        this.uiThread = Objects.requireNonNull(uiThread, "uiThread");
    }

    @Override
    public <V> BackgroundTask<V> execute(BackgroundTask<V> task) {
        Objects.requireNonNull(task, "task");
        running.add(task);
        try {
            workers.execute(() -> {
                try {
                    task.run(uiThread);
                } finally {
                    running.remove(task);
                }
            });
        } catch (RuntimeException e) {
            running.remove(task);
            throw e;
        }
        return task;
    }

    @Override
    public void shutdown() {
        workers.shutdown();
        running.forEach(BackgroundTask::cancel);
    }
}
