package io.pharos.engine.store;

import io.pharos.engine.model.Matcher;
import io.pharos.engine.model.Sample;
import java.util.List;

/**
 * What the query service reads series through: the live store, or a snapshot opened read-only.
 * Same matching, same samples, same buckets, so every screen shows a snapshot as the store.
 */
public interface SeriesReader {

    List<SeriesRef> select(List<Matcher> matchers);

    /** The newest sample of a series, or null when it has none. */
    Sample latest(SeriesRef series);

    /** Raw samples of a series with timestamps in [fromMs, toMs]. */
    SeriesSamples read(SeriesRef series, long fromMs, long toMs);

    /**
     * The series in buckets of {@code stepMs} over [fromMs, toMs], into the arrays of {@code reuse}
     * (null, or an earlier result the caller is done with) when they fit the same grid.
     */
    Downsampled downsample(SeriesRef series, long fromMs, long toMs, long stepMs, Downsampled reuse);
}
