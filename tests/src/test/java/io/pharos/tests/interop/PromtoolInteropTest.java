package io.pharos.tests.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pharos.engine.importer.Format;
import io.pharos.engine.importer.Importer;
import io.pharos.engine.importer.OpenMetricsWriter;
import io.pharos.engine.importer.ProgressListener;
import io.pharos.engine.model.SeriesKey;
import io.pharos.engine.store.HistoryWriter;
import io.pharos.engine.store.SeriesRef;
import io.pharos.engine.store.StoreOptions;
import io.pharos.engine.store.TimeSeriesStore;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our OpenMetrics is Prometheus' OpenMetrics: a file Pharos writes is imported by promtool (the real
 * one, from the Debian package that ./run-tests installs) and by Pharos, and both hold the same
 * samples, bit for bit, escapes and special values included.
 */
class PromtoolInteropTest {
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    @TempDir
    Path dir;

    private static boolean onPath(String tool) {
        for (String p : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(p, tool))) {
                return true;
            }
        }
        return false;
    }

    private static List<String> run(Path workDir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                lines.add(line);
            }
        }
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join("\n", lines)).isZero();
        return lines;
    }

    @Test
    void promtoolAndPharosReadTheSameSamplesFromOurFile() throws Exception {
        assumeTrue(onPath("promtool"), "promtool missing: install the Debian package prometheus (./run-tests does)");
        long end = System.currentTimeMillis() / 60_000 * 60_000 - 3_600_000;
        long start = end - 600_000;
        List<SeriesKey> keys = List.of(
                SeriesKey.of("temperature_celsius", "room", "lab \"A\"", "note", "back\\slash\nnew line"),
                SeriesKey.of("requests_per_second", "region", "eu-west-1", "host", "h1"),
                SeriesKey.of("odd_values", "kind", "special"));
        Random rnd = new Random(11);
        Map<String, TreeMap<Long, Double>> written = new TreeMap<>();
        Path file = dir.resolve("input.om");
        try (OpenMetricsWriter om = new OpenMetricsWriter(Files.newBufferedWriter(file))) {
            for (SeriesKey key : keys) {
                TreeMap<Long, Double> samples = new TreeMap<>();
                for (long t = start; t < end; t += 15_000) {
                    double v = switch (key.metric()) {
                        case "odd_values" -> switch (rnd.nextInt(5)) {
                            case 0 -> Double.NaN;
                            case 1 -> Double.POSITIVE_INFINITY;
                            case 2 -> Double.NEGATIVE_INFINITY;
                            case 3 -> 1e-300 * rnd.nextDouble();
                            default -> -1.5e300;
                        };
                        default -> rnd.nextInt(100_000) / 1000.0;
                    };
                    om.write(key, t, v);
                    samples.put(t, v);
                }
                written.put(canonical(key.metric(), key.labels().toMap()), samples);
            }
            om.finish();
        }

        Path blocks = Files.createDirectory(dir.resolve("prom"));
        run(dir, "promtool", "tsdb", "create-blocks-from", "openmetrics", file.toString(), blocks.toString());
        Files.createDirectories(blocks.resolve("wal")); // dump opens the TSDB, which expects a WAL folder
        Map<String, TreeMap<Long, Double>> promtool = new TreeMap<>();
        for (String line : run(dir, "promtool", "tsdb", "dump", blocks.toString())) {
            int close = line.lastIndexOf('}');
            if (!line.startsWith("{") || close < 0) {
                continue;
            }
            String[] rest = line.substring(close + 1).trim().split(" ");
            Map<String, String> labels = new TreeMap<>();
            Matcher m = LABEL.matcher(line.substring(1, close));
            while (m.find()) {
                labels.put(m.group(1), unescape(m.group(2)));
            }
            String name = labels.remove("__name__");
            promtool.computeIfAbsent(canonical(name, labels), k -> new TreeMap<>())
                    .put(Long.parseLong(rest[1]), goFloat(rest[0]));
        }

        Map<String, TreeMap<Long, Double>> pharos = new TreeMap<>();
        try (TimeSeriesStore store = TimeSeriesStore.open(dir.resolve("pharos"), StoreOptions.defaults());
             HistoryWriter w = store.historyWriter()) {
            new Importer().importFile(file, Format.OPENMETRICS, w, ProgressListener.none());
            w.close();
            for (SeriesRef ref : store.select(List.of(allSeries()))) {
                var s = store.read(ref, 0, Long.MAX_VALUE);
                TreeMap<Long, Double> samples = new TreeMap<>();
                for (int i = 0; i < s.size(); i++) {
                    samples.put(s.timestamps()[i], s.values()[i]);
                }
                pharos.put(canonical(ref.key().metric(), ref.key().labels().toMap()), samples);
            }
        }

        assertThat(promtool.keySet()).containsExactlyElementsOf(written.keySet());
        assertThat(pharos.keySet()).containsExactlyElementsOf(written.keySet());
        for (String series : written.keySet()) {
            assertThat(bits(promtool.get(series))).as("promtool, " + series).isEqualTo(bits(written.get(series)));
            assertThat(bits(pharos.get(series))).as("pharos, " + series).isEqualTo(bits(written.get(series)));
        }
    }

    private static io.pharos.engine.model.Matcher allSeries() {
        return io.pharos.engine.model.Matcher.regex(io.pharos.engine.model.Matcher.NAME, ".+");
    }

    private static String canonical(String name, Map<String, String> labels) {
        return name + new TreeMap<>(labels);
    }

    private static Map<Long, Long> bits(Map<Long, Double> samples) {
        Map<Long, Long> out = new TreeMap<>();
        // NaN payloads may differ between writers; every NaN counts as the canonical one.
        samples.forEach((t, v) -> out.put(t, Double.doubleToLongBits(v)));
        return out;
    }

    private static double goFloat(String text) {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }

    private static String unescape(String quoted) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < quoted.length(); i++) {
            char c = quoted.charAt(i);
            if (c == '\\' && i + 1 < quoted.length()) {
                char n = quoted.charAt(++i);
                sb.append(n == 'n' ? '\n' : n);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
