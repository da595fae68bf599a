package io.pharos.client;

import io.pharos.engine.model.SeriesKey;

/**
 * What the console's store already holds, so that a source asks a peer only for what is missing and
 * drops what it receives twice. {@link Long#MIN_VALUE} means nothing.
 */
public interface NewestSamples {

    /** The time of the newest sample of the series in the store. */
    long newestOf(SeriesKey key);

    /** The time of the newest sample of all series with {@code label="value"}. */
    long newestOf(String label, String value);

    /** A store that holds nothing (tests, a console without history). */
    NewestSamples NONE = new NewestSamples() {
        @Override
        public long newestOf(SeriesKey key) {
            return Long.MIN_VALUE;
        }

        @Override
        public long newestOf(String label, String value) {
            return Long.MIN_VALUE;
        }
    };
}
