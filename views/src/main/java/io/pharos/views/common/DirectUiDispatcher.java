package io.pharos.views.common;

import java.util.Objects;
import java.util.function.Consumer;

/** Applies every value at once on the publishing thread: for tests of view models, without JavaFX. */
public final class DirectUiDispatcher implements UiDispatcher {

    @Override
    public <T> void publish(Object key, T value, Consumer<? super T> apply) {
        Objects.requireNonNull(key, "key");
        apply.accept(value);
    }
}
