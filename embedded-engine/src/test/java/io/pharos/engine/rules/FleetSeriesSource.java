package io.pharos.engine.rules;

import io.pharos.engine.fleet.ReferenceFleet;
import io.pharos.engine.model.Labels;
import io.pharos.engine.model.Matcher;
import io.pharos.engine.model.SeriesKey;
import java.util.ArrayList;
import java.util.List;

/** The reference fleet's model as a series source, sampled every {@code stepMs}: no store needed. */
final class FleetSeriesSource implements SeriesSource {
    private final ReferenceFleet fleet;
    private final long stepMs;
    private final List<FleetSeries> all = new ArrayList<>();

    private record FleetSeries(int index, Labels labels) implements Series {
    }

    FleetSeriesSource(ReferenceFleet fleet, long stepMs) {
        this.fleet = fleet;
        this.stepMs = stepMs;
        for (int i = 0; i < fleet.size(); i++) {
            SeriesKey k = fleet.key(i);
            all.add(new FleetSeries(i, k.labels().with(Matcher.NAME, k.metric())));
        }
    }

    @Override
    public List<? extends Series> select(List<Matcher> matchers) {
        List<FleetSeries> out = new ArrayList<>();
        for (FleetSeries s : all) {
            if (matchers.stream().allMatch(m -> m.matches(s.labels()))) {
                out.add(s);
            }
        }
        return out;
    }

    @Override
    public Samples read(Series series, long fromExclusiveMs, long toMs) {
        long first = Math.floorDiv(fromExclusiveMs, stepMs) * stepMs + stepMs;
        if (first > toMs) {
            return Samples.EMPTY;
        }
        int n = (int) ((toMs - first) / stepMs) + 1;
        long[] ts = new long[n];
        double[] values = new double[n];
        fleet.fill(((FleetSeries) series).index(), first, stepMs, n, values);
        for (int i = 0; i < n; i++) {
            ts[i] = first + i * stepMs;
        }
        return new Samples(ts, values, n);
    }
}
