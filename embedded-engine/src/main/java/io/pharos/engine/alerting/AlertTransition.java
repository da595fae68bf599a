package io.pharos.engine.alerting;

/** A change of state found by one evaluation: what the alert was, and what it is now. */
public record AlertTransition(AlertState from, Alert alert, long atMs) {
}
