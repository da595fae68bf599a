package io.pharos.views.common;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.animation.AnimationTimer;

/**
 * Runs a screen's heavy UI updates one per frame instead of all in one: six charts redrawn in the
 * same hand-off take longer than a frame, one each does not. Work is keyed: newer work for a key
 * still waiting replaces it, keeping its turn. FX thread only; {@link #stop()} when the view goes.
 */
public final class FramePacer {
    private final Map<Object, Runnable> pending = new LinkedHashMap<>();
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            runOne();
        }
    };
    private boolean running;

    /** Runs {@code work} at a coming frame, after the work submitted before it. */
    public void submit(Object key, Runnable work) {
        pending.put(key, work);
        if (!running) {
            running = true;
            timer.start();
        }
    }

    /** How many updates wait for a frame. */
    public int waiting() {
        return pending.size();
    }

    /** Runs every waiting update now (a test, or a view that must be complete, such as an export). */
    public void flush() {
        while (!pending.isEmpty()) {
            runOne();
        }
    }

    private void runOne() {
        Iterator<Map.Entry<Object, Runnable>> it = pending.entrySet().iterator();
        if (!it.hasNext()) {
            timer.stop();
            running = false;
            return;
        }
        Runnable work = it.next().getValue();
        it.remove();
        work.run();
    }

    public void stop() {
        timer.stop();
        running = false;
        pending.clear();
    }
}
