package io.pharos.bench;

import io.pharos.engine.model.Matcher;
import io.pharos.engine.model.SeriesKey;
import io.pharos.engine.query.Aggregation;
import io.pharos.engine.query.QueryService;
import io.pharos.engine.query.TimeSeries;
import io.pharos.engine.store.HistoryWriter;
import io.pharos.engine.store.SeriesRef;
import io.pharos.engine.store.StoreOptions;
import io.pharos.engine.store.TimeSeriesStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Chart reads over a day of 1 s data: one series at 1,000 points, and the average of a region's
 * 200 hosts at 1,000 points. The store holds 200 series x 86,400 samples (17.3 M), compacted, as
 * history older than the head. SampleTime mode reports p50/p99 per read.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "--enable-native-access=ALL-UNNAMED"})
public class ReadBench {
    static final int HOSTS = 200;
    static final long DAY = 86_400_000L;

    private Path dir;
    private TimeSeriesStore store;
    private QueryService query;
    private SeriesRef one;
    private long from;
    private long to;

    @Setup(Level.Trial)
    public void fill() throws Exception {
        dir = BenchSupport.tempDir("pharos-read-bench");
        store = TimeSeriesStore.open(dir, StoreOptions.defaults());
        query = new QueryService(store);
        to = Math.floorDiv(System.currentTimeMillis(), 60_000L) * 60_000L - 3_600_000L;
        from = to - DAY;
        Random rnd = new Random(7);
        long[] ts = new long[86_400];
        double[] values = new double[86_400];
        try (HistoryWriter w = store.historyWriter()) {
            for (int h = 0; h < HOSTS; h++) {
                int level = 300 + rnd.nextInt(400);
                for (int i = 0; i < ts.length; i++) {
                    ts[i] = from + i * 1000L;
                    level = Math.max(0, Math.min(1000, level + rnd.nextInt(11) - 5));
                    values[i] = level / 1000.0;
                }
                w.appendSeries(key(h), ts, values, ts.length);
            }
        }
        one = store.ref(key(17));
    }

    static SeriesKey key(int host) {
        return SeriesKey.of("node_cpu_utilization_ratio", "region", "eu-west-1", "host", "host-" + host);
    }

    @TearDown(Level.Trial)
    public void close() {
        store.close();
        BenchSupport.deleteQuietly(dir);
    }

    @Benchmark
    public TimeSeries oneSeries24hAt1000Points() {
        return query.chart(one, from, to, 1000);
    }

    @Benchmark
    public List<TimeSeries> avgOf200Hosts24hAt1000Points() {
        return query.aggregate(List.of(Matcher.metric("node_cpu_utilization_ratio"), Matcher.eq("region", "eu-west-1")),
                List.of("region"), Aggregation.AVG, from, to, 1000);
    }
}
