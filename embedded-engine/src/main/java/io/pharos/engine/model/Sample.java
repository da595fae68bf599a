package io.pharos.engine.model;

/** One observation: epoch milliseconds and a value. */
public record Sample(long timestampMs, double value) {
}
