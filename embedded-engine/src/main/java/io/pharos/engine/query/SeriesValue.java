package io.pharos.engine.query;

import io.pharos.engine.model.Labels;

/** One value with the labels it belongs to (a series, or a group after aggregation). */
public record SeriesValue(Labels labels, long timestampMs, double value) {
}
