package io.pharos.views.common;

/**
 * Runs slow work off the UI thread. View models receive one and never create threads themselves;
 * tests pass a {@link CurrentThreadTaskExecutor} to run everything synchronously.
 */
public interface TaskExecutor {

    /**
     * Starts the task and returns at once (the current-thread executor returns when it is done).
     * Its callbacks run on the UI thread; {@link BackgroundTask#cancel()} cancels it.
     *
     * @return the same task, for chaining
     */
    <V> BackgroundTask<V> execute(BackgroundTask<V> task);

    /** Cancels running tasks and refuses new ones; called when the application closes. */
    void shutdown();
}
