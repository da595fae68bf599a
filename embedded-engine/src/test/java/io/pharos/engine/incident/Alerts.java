package io.pharos.engine.incident;

import io.pharos.engine.alerting.Alert;
import io.pharos.engine.alerting.AlertState;
import io.pharos.engine.model.Labels;

/** Alerts for tests. */
final class Alerts {
    private Alerts() {
    }

    static Alert firing(long sinceMs, String... labels) {
        return new Alert(Labels.of(labels), AlertState.FIRING, sinceMs, sinceMs, 0, 0.97, false);
    }

    static Alert resolved(long atMs, String... labels) {
        return new Alert(Labels.of(labels), AlertState.RESOLVED, 0, 0, atMs, 0.5, false);
    }
}
