package io.pharos.engine.store;

import io.pharos.engine.model.SeriesKey;

/** A series known to the store, with its id for fast repeated reads. */
public record SeriesRef(int id, SeriesKey key) {
}
