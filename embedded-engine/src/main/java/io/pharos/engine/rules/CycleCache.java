package io.pharos.engine.rules;

import io.pharos.engine.model.Matcher;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Within one evaluation instant, rules that share a selector share its answer: thousands of rules
 * over a few hundred selectors select and read each one once. Cleared at every instant; entries a
 * recording could change are dropped when it is made, so later rules see it.
 */
final class CycleCache implements SeriesSource {
    private final SeriesSource source;
    private final Map<String, Selection> selections = new HashMap<>();
    private final Map<ReadKey, Samples> reads = new HashMap<>();
    private final Map<ReadKey, Samples> latest = new HashMap<>();

    private record Selection(String metric, List<? extends Series> series) {
    }

    /** Series are compared by identity: each selection hands out its own objects. */
    private record ReadKey(Series series, long from, long to) {
        @Override
        public boolean equals(Object o) {
            return o instanceof ReadKey k && k.series == series && k.from == from && k.to == to;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(series) * 31 + Long.hashCode(from) * 17 + Long.hashCode(to);
        }
    }

    CycleCache(SeriesSource source) {
        this.source = source;
    }

    void clear() {
        selections.clear();
        reads.clear();
        latest.clear();
    }

    /** A recording of {@code metric} was made: selections that could include it are asked again. */
    void recorded(String metric) {
        Iterator<Selection> it = selections.values().iterator();
        while (it.hasNext()) {
            Selection s = it.next();
            if (s.metric() == null || s.metric().equals(metric)) {
                it.remove();
            }
        }
    }

    @Override
    public List<? extends Series> select(List<Matcher> matchers) {
        String key = matchers.toString();
        Selection s = selections.get(key);
        if (s == null) {
            String metric = null;
            for (Matcher m : matchers) {
                if (m.label().equals(Matcher.NAME) && m.op() == Matcher.Op.EQUAL) {
                    metric = m.value();
                }
            }
            s = new Selection(metric, source.select(matchers));
            selections.put(key, s);
        }
        return s.series();
    }

    @Override
    public Samples read(Series series, long fromExclusiveMs, long toMs) {
        return reads.computeIfAbsent(new ReadKey(series, fromExclusiveMs, toMs),
                k -> source.read(series, fromExclusiveMs, toMs));
    }

    @Override
    public Samples latest(Series series, long fromExclusiveMs, long toMs) {
        return latest.computeIfAbsent(new ReadKey(series, fromExclusiveMs, toMs),
                k -> source.latest(series, fromExclusiveMs, toMs));
    }
}
