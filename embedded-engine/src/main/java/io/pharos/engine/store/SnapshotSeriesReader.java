package io.pharos.engine.store;

import io.pharos.engine.model.Matcher;
import io.pharos.engine.model.Sample;
import java.util.List;

/**
 * A snapshot's series for the query service: its series in the store's own index (the same
 * matching as the live store), its samples and steps through the bounded {@link SnapshotFileReader}.
 * A series kept as steps reads as the average of each step, at its start; its buckets keep count,
 * min, max and sum. Nothing is ever written.
 */
public final class SnapshotSeriesReader implements SeriesReader {
    private final SnapshotFileReader file;
    private final SeriesIndex index = new SeriesIndex();

    public SnapshotSeriesReader(SnapshotFileReader file) {
        this.file = file;
        List<SeriesRef> all = file.series();
        int[] ids = new int[all.size()];
        io.pharos.engine.model.SeriesKey[] keys = new io.pharos.engine.model.SeriesKey[all.size()];
        for (int i = 0; i < all.size(); i++) {
            ids[i] = all.get(i).id();
            keys[i] = all.get(i).key();
        }
        index.addAll(ids, keys, all.size());
    }

    @Override
    public List<SeriesRef> select(List<Matcher> matchers) {
        int[] ids = index.select(matchers);
        java.util.ArrayList<SeriesRef> out = new java.util.ArrayList<>(ids.length);
        for (int id : ids) {
            out.add(new SeriesRef(id, index.key(id)));
        }
        return out;
    }

    /** How many series the snapshot holds. */
    public int seriesCount() {
        return index.size();
    }

    @Override
    public Sample latest(SeriesRef series) {
        return file.latest(series);
    }

    @Override
    public SeriesSamples read(SeriesRef series, long fromMs, long toMs) {
        return file.read(series, fromMs, toMs);
    }

    @Override
    public Downsampled downsample(SeriesRef series, long fromMs, long toMs, long stepMs, Downsampled reuse) {
        return file.downsample(series, fromMs, toMs, stepMs, reuse);
    }
}
