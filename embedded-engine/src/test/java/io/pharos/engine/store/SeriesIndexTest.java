package io.pharos.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.engine.model.Matcher;
import io.pharos.engine.model.SeriesKey;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesIndexTest {
    private static final int N = 3_000;

    private static SeriesKey key(int i) {
        return SeriesKey.of(i % 2 == 0 ? "cpu" : "memory", "region", "r" + (i % 3), "host", "h" + (i / 2));
    }

    private static List<List<Matcher>> selectors() {
        return List.of(List.of(Matcher.metric("cpu")), List.of(Matcher.metric("memory"), Matcher.eq("region", "r1")),
                List.of(Matcher.eq("host", "h7")), List.of(Matcher.eq("region", "r2"), Matcher.regex("host", "h1.*")),
                List.of(Matcher.eq("region", "nowhere")), List.of(Matcher.regex("host", "h9.")));
    }

    /** The open's bulk load gives the index that adding the series one by one gives, and grows on from it. */
    @Test
    void seriesLoadedAtOnceAreFoundAsSeriesAddedOneByOne() {
        SeriesIndex one = new SeriesIndex();
        SeriesIndex bulk = new SeriesIndex();
        int[] ids = new int[N];
        SeriesKey[] keys = new SeriesKey[N];
        for (int i = 0; i < N; i++) {
            ids[i] = 2 * i + 1; // ids with gaps, as deleted series leave them
            keys[i] = key(i);
            one.add(ids[i], keys[i]);
        }
        bulk.addAll(ids, keys, N);
        assertThat(bulk.size()).isEqualTo(one.size()).isEqualTo(N);
        assertThat(bulk.maxId()).isEqualTo(one.maxId()).isEqualTo(2 * N - 1);
        assertThat(bulk.metrics()).isEqualTo(one.metrics()).containsExactly("cpu", "memory");
        for (List<Matcher> selector : selectors()) {
            assertThat(bulk.select(selector)).as(selector.toString()).containsExactly(one.select(selector));
        }
        assertThat(bulk.id(key(10))).isEqualTo(21);
        assertThat(bulk.key(21)).isEqualTo(key(10));

        SeriesKey added = SeriesKey.of("cpu", "region", "r0", "host", "new");
        bulk.add(2 * N + 10, added);
        one.add(2 * N + 10, added);
        for (List<Matcher> selector : selectors()) {
            assertThat(bulk.select(selector)).as("after an add: " + selector).containsExactly(one.select(selector));
        }
        assertThat(bulk.select(List.of(Matcher.eq("host", "new")))).containsExactly(2 * N + 10);
    }
}
