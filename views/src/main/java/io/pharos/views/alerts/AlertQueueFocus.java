package io.pharos.views.alerts;

import java.util.Objects;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Which severity the alert queue shows, shared through the app's wiring so that the shell's notice of
 * a new critical alert can open the queue on the critical ones. The app sets {@link #onOpen} to show
 * the queue; the queue follows {@link #severityProperty()}. FX thread only.
 */
public final class AlertQueueFocus {
    private final StringProperty severity = new SimpleStringProperty("");
    private Runnable show = () -> { };

    /** "critical", "warning", "info", or "" for every severity. */
    public StringProperty severityProperty() {
        return severity;
    }

    /** Shows the queue with only its critical alerts. */
    public void showCritical() {
        severity.set("critical");
        show.run();
    }

    public void onOpen(Runnable showQueue) {
        show = Objects.requireNonNull(showQueue, "showQueue");
    }
}
