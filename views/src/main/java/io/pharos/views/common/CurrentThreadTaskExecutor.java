package io.pharos.views.common;

import java.util.Objects;

/**
 * Runs each task and its callbacks on the calling thread before {@code execute} returns, so that view
 * model tests are synchronous and need neither threads nor a window.
 */
public final class CurrentThreadTaskExecutor implements TaskExecutor {
    private boolean shutDown;

    @Override
    public <V> BackgroundTask<V> execute(BackgroundTask<V> task) {
        Objects.requireNonNull(task, "task");
        if (shutDown) {
            throw new IllegalStateException("executor is shut down; task '" + task.title() + "' not run");
        }
        task.run(Runnable::run);
        return task;
    }

    @Override
    public void shutdown() {
        shutDown = true;
    }
}
