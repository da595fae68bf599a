package io.pharos.engine.alerting.notify;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where desktop receivers deliver: the console subscribes a listener (called on a dispatcher
 * thread; hand the event to the UI thread yourself), or drains the events now and then. While no
 * listener is subscribed, events wait in a bounded backlog (the oldest dropped beyond
 * {@link #capacity}, counted in {@link #dropped}), handed to the next listener that subscribes.
 */
public final class DesktopNotifications {
    private static final Logger LOG = LoggerFactory.getLogger(DesktopNotifications.class);
    public static final int DEFAULT_CAPACITY = 500;

    /** Receives desktop events. */
    @FunctionalInterface
    public interface Listener {
        void onNotification(DesktopEvent event);
    }

    private final int capacity;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final ArrayDeque<DesktopEvent> backlog = new ArrayDeque<>();
    private long dropped;

    public DesktopNotifications() {
        this(DEFAULT_CAPACITY);
    }

    public DesktopNotifications(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
    }

    /** Subscribes; first hands over the backlog. Close the result to unsubscribe. */
    public AutoCloseable subscribe(Listener listener) {
        List<DesktopEvent> waiting;
        synchronized (this) {
            listeners.add(listener);
            waiting = new ArrayList<>(backlog);
            backlog.clear();
        }
        waiting.forEach(e -> call(listener, e));
        return () -> listeners.remove(listener);
    }

    /** Takes every event waiting in the backlog, oldest first. */
    public synchronized List<DesktopEvent> drain() {
        List<DesktopEvent> out = new ArrayList<>(backlog);
        backlog.clear();
        return out;
    }

    /** Events dropped from a full backlog since start. */
    public synchronized long dropped() {
        return dropped;
    }

    public int capacity() {
        return capacity;
    }

    void publish(DesktopEvent event) {
        List<Listener> now;
        synchronized (this) {
            if (listeners.isEmpty()) {
                if (backlog.size() >= capacity) {
                    backlog.removeFirst();
                    dropped++;
                }
                backlog.addLast(event);
                return;
            }
            now = List.copyOf(listeners);
        }
        now.forEach(l -> call(l, event));
    }

    private static void call(Listener l, DesktopEvent e) {
        try {
            l.onNotification(e);
        } catch (RuntimeException ex) {
            LOG.warn("A desktop notification listener failed on {}", e.title(), ex);
        }
    }
}
