package io.pharos.client;

import io.pharos.engine.model.Matcher;
import io.pharos.engine.model.Sample;
import io.pharos.engine.model.SeriesKey;
import io.pharos.engine.store.SeriesReader;
import io.pharos.engine.store.SeriesRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** {@link NewestSamples} of the console's store. */
public final class StoreNewestSamples implements NewestSamples {
    private final SeriesReader store;

    public StoreNewestSamples(SeriesReader store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public long newestOf(SeriesKey key) {
        List<Matcher> exact = new ArrayList<>();
        exact.add(Matcher.metric(key.metric()));
        for (int i = 0; i < key.labels().size(); i++) {
            exact.add(Matcher.eq(key.labels().name(i), key.labels().value(i)));
        }
        for (SeriesRef ref : store.select(exact)) {
            if (ref.key().equals(key)) {
                Sample s = store.latest(ref);
                return s == null ? Long.MIN_VALUE : s.timestampMs();
            }
        }
        return Long.MIN_VALUE;
    }

    @Override
    public long newestOf(String label, String value) {
        long newest = Long.MIN_VALUE;
        for (SeriesRef ref : store.select(List.of(Matcher.eq(label, value)))) {
            Sample s = store.latest(ref);
            if (s != null) {
                newest = Math.max(newest, s.timestampMs());
            }
        }
        return newest;
    }
}
