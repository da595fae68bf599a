package io.pharos.engine.ingest;

import java.time.Duration;

/**
 * The one thread of a source that runs until stopped: started once, told to stop with a flag, then
 * interrupted (which ends a sleep, a queue wait or an interruptible read) and waited for briefly.
 */
public final class SourceThread {
    private static final Duration STOP_WAIT = Duration.ofSeconds(2);
    private final String name;
    private volatile boolean running;
    private Thread thread;

    /** @param name the thread's name, e.g. "pharos-scrape-node" */
    public SourceThread(String name) {
        this.name = name;
    }

    /** Runs {@code body} on a virtual thread; it should loop while {@link #running()}. */
    public synchronized void start(Runnable body) {
        if (running) {
            throw new IllegalStateException(name + " is already running");
        }
        running = true;
        thread = Thread.ofVirtual().name(name).start(body);
    }

    public boolean running() {
        return running;
    }

    /**
     * Stops: the flag first, then {@code unblock} (cancel a call the thread may wait in that an
     * interrupt does not end), then the interrupt, then a wait of up to two seconds.
     */
    public void stop(Runnable unblock) {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
        }
        unblock.run();
        if (t != null) {
            t.interrupt();
            try {
                t.join(STOP_WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
