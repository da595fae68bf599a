package io.pharos.engine.importer;

import io.pharos.engine.model.SeriesKey;

/** Receives each parsed sample, in file order. {@code HistoryWriter::append} is one. */
@FunctionalInterface
public interface SampleConsumer {

    void accept(SeriesKey key, long timestampMs, double value);
}
