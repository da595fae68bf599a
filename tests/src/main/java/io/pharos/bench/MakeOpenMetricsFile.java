package io.pharos.bench;

import io.pharos.engine.importer.OpenMetricsWriter;
import io.pharos.engine.model.SeriesKey;
import java.io.BufferedWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes the import benchmark's input: gauges at 1 s with three-decimal values (a random walk),
 * ending an hour ago, grouped by metric family as OpenMetrics requires.
 *
 * Usage: MakeOpenMetricsFile --series 1200 --seconds 3600 OUT
 */
public final class MakeOpenMetricsFile {
    private MakeOpenMetricsFile() {
    }

    public static void main(String[] args) throws Exception {
        int series = (int) BenchSupport.arg(args, "series", 1200);
        int seconds = (int) BenchSupport.arg(args, "seconds", 3600);
        Path out = Path.of(args[args.length - 1]);
        int metrics = 20;
        long end = Math.floorDiv(System.currentTimeMillis(), 3_600_000L) * 3_600_000L - 3_600_000L;
        long start = end - seconds * 1000L;
        Random rnd = new Random(42);
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8), 1 << 20);
             OpenMetricsWriter om = new OpenMetricsWriter(w)) {
            for (int m = 0; m < metrics; m++) {
                for (int s = m; s < series; s += metrics) {
                    SeriesKey key = SeriesKey.of("bench_gauge_" + m, "host", "host-" + (s / metrics), "region", "eu-west-1");
                    int level = 200 + rnd.nextInt(600);
                    for (int i = 0; i < seconds; i++) {
                        level = Math.max(0, Math.min(1000, level + rnd.nextInt(21) - 10));
                        om.write(key, start + i * 1000L, level / 1000.0);
                    }
                }
            }
            om.finish();
        }
        System.out.println(out + ": " + series + " series x " + seconds + " samples, " + Files.size(out) + " bytes");
    }
}
