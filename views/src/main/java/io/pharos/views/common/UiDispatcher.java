package io.pharos.views.common;

import java.util.function.Consumer;

/**
 * The one hand-off from engine threads to the UI thread. Producers publish the latest immutable value
 * for a key from any thread; the UI applies only the newest value per key, at most once per frame, so
 * a burst of thousands of updates costs the UI thread one application per key.
 */
public interface UiDispatcher {

    /**
     * Publishes {@code value} for {@code key}; {@code apply} later receives it on the UI thread unless a
     * newer value for the same key replaces it first. Keys compare with {@code equals}: use a constant
     * per thing shown, e.g. the view model's own field or a record of (screen, series).
     *
     * @param value an immutable value (a record, a list from {@code List.copyOf}); it crosses threads
     */
    <T> void publish(Object key, T value, Consumer<? super T> apply);
}
