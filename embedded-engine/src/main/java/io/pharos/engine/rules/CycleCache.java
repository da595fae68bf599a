package io.pharos.engine.rules;

import io.pharos.engine.model.Matcher;
import java.util.HashMap;
import java.util.IdentityHashMap;
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
    /** Range reads by window, then by series (by identity: each selection hands out its own objects). */
    private final Map<Window, IdentityHashMap<Series, Samples>> reads = new HashMap<>();

    private record Selection(String metric, List<? extends Series> series) {
    }

    private record Window(long from, long to) {
    }

    CycleCache(SeriesSource source) {
        this.source = source;
    }

    void clear() {
        selections.clear();
        reads.clear();
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
        IdentityHashMap<Series, Samples> byWindow = reads.computeIfAbsent(new Window(fromExclusiveMs, toMs),
                w -> new IdentityHashMap<>());
        Samples s = byWindow.get(series);
        if (s == null) {
            s = source.read(series, fromExclusiveMs, toMs);
            byWindow.put(series, s);
        }
        return s;
    }

    /** Not cached: the newest sample comes from the head, cheaper than a lookup here. */
    @Override
    public io.pharos.engine.model.Sample latest(Series series, long fromExclusiveMs, long toMs) {
        return source.latest(series, fromExclusiveMs, toMs);
    }
}
