package io.pharos.engine.forecast;

import io.pharos.engine.model.SeriesKey;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * One {@link SeriesForecaster} per series, created at a series' first sample. The place samples go
 * (from ingest, or from history replayed for a backtest) and predictive rules read from. Not
 * thread-safe: confine it to one thread, as the forecasters themselves.
 */
public final class Forecasters {
    private final ForecastConfig config;
    private final Predicate<SeriesKey> watched;
    private final Map<SeriesKey, SeriesForecaster> byKey = new LinkedHashMap<>();

    /** Forecasts every series it is given. */
    public Forecasters(ForecastConfig config) {
        this(config, key -> true);
    }

    /** Forecasts only the series {@code watched} accepts (for example those some predictive rule watches). */
    public Forecasters(ForecastConfig config, Predicate<SeriesKey> watched) {
        this.config = Objects.requireNonNull(config, "config");
        this.watched = Objects.requireNonNull(watched, "watched");
    }

    public ForecastConfig config() {
        return config;
    }

    /**
     * Learns one sample of a series; returns the series' forecaster, or null when the series is not
     * watched. Out-of-order and non-finite samples are ignored (see {@link SeriesForecaster#update}).
     */
    public SeriesForecaster update(SeriesKey key, long timeMs, double value) {
        SeriesForecaster f = byKey.get(key);
        if (f == null) {
            if (!watched.test(key)) {
                return null;
            }
            f = new SeriesForecaster(config);
            byKey.put(key, f);
        }
        f.update(timeMs, value);
        return f;
    }

    /** The forecaster of a series, or null when it had no sample yet. */
    public SeriesForecaster get(SeriesKey key) {
        return byKey.get(key);
    }

    /** Forgets a series (it was deleted, or has been silent long enough). */
    public void remove(SeriesKey key) {
        byKey.remove(key);
    }

    public int size() {
        return byKey.size();
    }

    /** Every series and its forecaster, in order of first sample; a live, read-only view. */
    public Map<SeriesKey, SeriesForecaster> all() {
        return Collections.unmodifiableMap(byKey);
    }

    public Collection<SeriesKey> keys() {
        return Collections.unmodifiableSet(byKey.keySet());
    }
}
