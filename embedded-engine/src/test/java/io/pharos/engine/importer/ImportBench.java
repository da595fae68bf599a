package io.pharos.engine.importer;

import io.pharos.engine.model.SeriesKey;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Import throughput on one core, end to end (file, UTF-8 decoding, parsing, a writer that only
 * counts). Not a test: run it by hand, e.g. from the module directory after {@code mvn test-compile}:
 * <pre>
 * java -cp target/classes:target/test-classes io.pharos.engine.importer.ImportBench [samples]
 * </pre>
 * It writes a reference-fleet shaped OpenMetrics file (6 regions × 200 hosts × 20 metrics, one
 * sample per series every 15 s) with {@link OpenMetricsWriter} to the temp directory, imports it
 * five times and prints each run's speed; then the same as CSV.
 */
public final class ImportBench {

    private ImportBench() {
    }

    public static void main(String[] args) throws IOException {
        long samples = args.length > 0 ? Long.parseLong(args[0]) : 4_800_000;
        Path dir = Files.createTempDirectory("pharos-import-bench");
        try {
            Path om = dir.resolve("fleet.om");
            Path csv = dir.resolve("fleet.csv");
            write(om, csv, samples);
            run(om);
            run(csv);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }

    private static void run(Path file) throws IOException {
        System.out.printf(Locale.ROOT, "%s: %,d bytes%n", file.getFileName(), Files.size(file));
        for (int i = 0; i < 5; i++) {
            FakeHistoryWriter writer = new FakeHistoryWriter(false);
            ImportSummary summary = new Importer().importFile(file, Format.DETECT, writer, ProgressListener.none());
            double seconds = summary.elapsed().toNanos() / 1e9;
            System.out.printf(Locale.ROOT, "  run %d: %,d samples of %,d series in %.2f s = %,.0f samples/s, %.0f MB/s%n",
                    i + 1, summary.samples(), summary.series(), seconds, summary.samples() / seconds,
                    summary.bytes() / seconds / 1e6);
        }
    }

    private static void write(Path om, Path csv, long samples) throws IOException {
        String[] regions = {"us-east-1", "us-west-1", "eu-west-1", "eu-central-1", "ap-southeast-1", "ap-northeast-1"};
        List<String> metrics = new ArrayList<>();
        for (int m = 0; m < 20; m++) {
            metrics.add("fleet_metric_" + m + "_ratio");
        }
        int seriesPerMetric = regions.length * 200;
        long rounds = Math.max(1, samples / (metrics.size() * (long) seriesPerMetric));
        long start = 1_795_428_000_000L;
        try (Writer omOut = Files.newBufferedWriter(om); OpenMetricsWriter writer = new OpenMetricsWriter(omOut);
             Writer csvOut = Files.newBufferedWriter(csv)) {
            csvOut.write("timestamp,metric,value,region,host,provider\n");
            for (String metric : metrics) {
                List<SeriesKey> keys = new ArrayList<>();
                for (int s = 0; s < seriesPerMetric; s++) {
                    keys.add(SeriesKey.of(metric, "region", regions[s % 6], "host", "host-" + s / 6, "provider", "aws"));
                }
                for (long r = 0; r < rounds; r++) {
                    for (int s = 0; s < seriesPerMetric; s++) {
                        long t = start + r * 15_000 + s;
                        double v = Math.round((Math.sin(r * 0.1 + s) + 1) * 5_000) / 10_000.0;
                        writer.write(keys.get(s), t, v);
                        csvOut.append(Long.toString(t)).append(',').append(metric).append(',').append(Double.toString(v))
                                .append(',').append(regions[s % 6]).append(",host-").append(Integer.toString(s / 6))
                                .append(",aws\n");
                    }
                }
            }
        }
    }
}
