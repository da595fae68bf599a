package io.pharos.engine.alerting;

import io.pharos.engine.model.Labels;

/**
 * An immutable picture of one alert (one label set of one rule) after an evaluation.
 *
 * @param activeSinceMs when the current pending/firing episode began (0 when inactive)
 * @param firingSinceMs when it started firing (0 when it has not fired in this episode)
 * @param resolvedAtMs  when it resolved (0 unless resolved)
 * @param lastValue     the value of the condition's series at the last evaluation it held
 * @param flapping      changing between firing and resolved too often: shown, but not notified
 */
public record Alert(Labels labels, AlertState state, long activeSinceMs, long firingSinceMs, long resolvedAtMs,
                    double lastValue, boolean flapping) {
}
