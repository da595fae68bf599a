package io.pharos.engine.alerting;

/** Where an alert is in its life: Prometheus' states plus RESOLVED, kept a while for history. */
public enum AlertState { INACTIVE, PENDING, FIRING, RESOLVED }
