package io.pharos.engine.rules;

import io.pharos.engine.model.Labels;
import io.pharos.engine.model.Matcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The store's series plus the rules' own recent recordings, held in memory so that a rule sees a
 * recording made earlier in the same cycle. A series in both reads the base before the first
 * recorded sample and the recordings from then on.
 */
final class LayeredSeriesSource implements SeriesSource {
    private final SeriesSource base;
    private final MemorySeriesSource recorded;

    private record Layered(Labels labels, Series base, Series recorded) implements Series {
    }

    LayeredSeriesSource(SeriesSource base, MemorySeriesSource recorded) {
        this.base = base;
        this.recorded = recorded;
    }

    @Override
    public List<? extends Series> select(List<Matcher> matchers) {
        List<? extends Series> fromRecorded = recorded.select(matchers);
        if (fromRecorded.isEmpty()) {
            return base.select(matchers);
        }
        Map<Labels, Layered> out = new LinkedHashMap<>();
        for (Series s : base.select(matchers)) {
            out.put(s.labels(), new Layered(s.labels(), s, null));
        }
        for (Series s : fromRecorded) {
            Layered b = out.get(s.labels());
            out.put(s.labels(), new Layered(s.labels(), b == null ? null : b.base(), s));
        }
        return new ArrayList<>(out.values());
    }

    @Override
    public Samples read(Series series, long fromExclusiveMs, long toMs) {
        if (!(series instanceof Layered l)) {
            return base.read(series, fromExclusiveMs, toMs);
        }
        if (l.base() == null) {
            return recorded.read(l.recorded(), fromExclusiveMs, toMs);
        }
        if (l.recorded() == null) {
            return base.read(l.base(), fromExclusiveMs, toMs);
        }
        long firstRecorded = recorded.firstTime(l.labels());
        Samples older = base.read(l.base(), fromExclusiveMs, Math.min(toMs, firstRecorded - 1));
        Samples newer = recorded.read(l.recorded(), fromExclusiveMs, toMs);
        if (older.size() == 0) {
            return newer;
        }
        int n = older.size() + newer.size();
        long[] ts = new long[n];
        double[] vs = new double[n];
        System.arraycopy(older.timestamps(), 0, ts, 0, older.size());
        System.arraycopy(older.values(), 0, vs, 0, older.size());
        System.arraycopy(newer.timestamps(), 0, ts, older.size(), newer.size());
        System.arraycopy(newer.values(), 0, vs, older.size(), newer.size());
        return new Samples(ts, vs, n);
    }

    @Override
    public io.pharos.engine.model.Sample latest(Series series, long fromExclusiveMs, long toMs) {
        if (!(series instanceof Layered l)) {
            return base.latest(series, fromExclusiveMs, toMs);
        }
        if (l.recorded() != null) {
            io.pharos.engine.model.Sample s = recorded.latest(l.recorded(), fromExclusiveMs, toMs);
            if (s != null || l.base() == null) {
                return s;
            }
        }
        return base.latest(l.base(), fromExclusiveMs, toMs);
    }
}
