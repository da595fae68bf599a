package io.pharos.engine.rules;

import io.pharos.engine.model.Labels;
import io.pharos.engine.model.Matcher;
import io.pharos.engine.model.Sample;
import io.pharos.engine.store.SeriesRef;
import io.pharos.engine.store.SeriesSamples;
import io.pharos.engine.store.TimeSeriesStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rules over the store. The newest sample comes from the store's in-memory head when it is in the
 * asked window (the live case: no decoding, no SQL); older instants (a backtest) read the range.
 */
public final class StoreSeriesSource implements SeriesSource {
    private final TimeSeriesStore store;
    /** Labels with __name__, built once per series: selections repeat every cycle. */
    private final ConcurrentHashMap<Integer, Labels> labels = new ConcurrentHashMap<>();
    /**
     * Selections by matcher text, valid while no series is added (rules ask the same few hundred
     * selectors every cycle; a new series clears them all).
     */
    private final ConcurrentHashMap<String, List<StoreSeries>> selections = new ConcurrentHashMap<>();
    private volatile int selectedAtSeriesCount = -1;
    private static final int MAX_SELECTIONS = 20_000;

    private record StoreSeries(SeriesRef ref, Labels labels) implements Series {
    }

    public StoreSeriesSource(TimeSeriesStore store) {
        this.store = store;
    }

    @Override
    public List<? extends Series> select(List<Matcher> matchers) {
        int count = store.seriesCount();
        if (count != selectedAtSeriesCount || selections.size() > MAX_SELECTIONS) {
            selections.clear();
            selectedAtSeriesCount = count;
        }
        String key = matchers.toString();
        List<StoreSeries> cached = selections.get(key);
        if (cached != null) {
            return cached;
        }
        List<SeriesRef> refs = store.select(matchers);
        List<StoreSeries> out = new ArrayList<>(refs.size());
        for (SeriesRef r : refs) {
            Labels l = labels.computeIfAbsent(r.id(), id -> r.key().labels().with(Matcher.NAME, r.key().metric()));
            out.add(new StoreSeries(r, l));
        }
        List<StoreSeries> result = List.copyOf(out);
        selections.put(key, result);
        return result;
    }

    @Override
    public Samples read(Series series, long fromExclusiveMs, long toMs) {
        if (fromExclusiveMs >= toMs) {
            return Samples.EMPTY;
        }
        SeriesSamples s = store.read(((StoreSeries) series).ref(), fromExclusiveMs + 1, toMs);
        return new Samples(s.timestamps(), s.values(), s.size());
    }

    @Override
    public Sample latest(Series series, long fromExclusiveMs, long toMs) {
        Sample newest = store.latest(((StoreSeries) series).ref());
        if (newest == null || newest.timestampMs() <= fromExclusiveMs) {
            return null;
        }
        if (newest.timestampMs() <= toMs) {
            return newest;
        }
        return SeriesSource.super.latest(series, fromExclusiveMs, toMs);
    }
}
