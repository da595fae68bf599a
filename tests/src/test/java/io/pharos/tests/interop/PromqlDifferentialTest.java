package io.pharos.tests.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pharos.engine.model.Labels;
import io.pharos.engine.rules.EvaluationException;
import io.pharos.engine.rules.Evaluator;
import io.pharos.engine.rules.MemorySeriesSource;
import io.pharos.engine.rules.Parser;
import io.pharos.engine.rules.Value;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pharos' PromQL subset gives Prometheus' answers: the same random series (counters with resets,
 * gauges, histograms, gaps) go to promtool 2.42's rule unit tester and to Pharos' evaluator, every
 * expression below is evaluated by both at several instants, and the label sets and values must
 * agree. promtool is asked to expect nothing, so its failure report lists what it got.
 *
 * <p>Evaluation instants fall between samples: Prometheus 2.x selects closed ranges, Pharos (like
 * Prometheus 3) left-open ones, and the two differ only for a sample exactly on the boundary.
 */
class PromqlDifferentialTest {
    private static final long STEP_MS = 15_000;
    private static final int SAMPLES = 240; // one hour
    private static final long[] EVAL_AT_MS = {1_200_700, 2_400_300, 3_540_900};
    private static final Pattern GOT = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)?(\\{[^}]*}) (\\S+?)(?:, |$)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    static final List<String> EXPRESSIONS = List.of(
            "cpu_ratio",
            "cpu_ratio{region=\"eu\"} > 0.5",
            "cpu_ratio > bool 0.5",
            "rate(requests_total[5m])",
            "irate(requests_total[2m])",
            "increase(requests_total[10m])",
            "delta(cpu_ratio[10m])",
            "idelta(cpu_ratio[5m])",
            "deriv(memory_bytes[15m])",
            "predict_linear(memory_bytes[30m], 3600)",
            "resets(requests_total[1h])",
            "changes(cpu_ratio[10m])",
            "avg_over_time(cpu_ratio[10m])",
            "sum_over_time(cpu_ratio[10m])",
            "min_over_time(cpu_ratio[10m])",
            "max_over_time(cpu_ratio[10m])",
            "count_over_time(memory_bytes[10m])",
            "last_over_time(memory_bytes[10m])",
            "stddev_over_time(cpu_ratio[10m])",
            "stdvar_over_time(cpu_ratio[10m])",
            "quantile_over_time(0.9, cpu_ratio[20m])",
            "present_over_time(memory_bytes[1m])",
            "absent_over_time(memory_bytes{host=\"h9\"}[1m])",
            "sum by (region) (rate(requests_total[5m]))",
            "avg without (host) (cpu_ratio)",
            "max by (region) (cpu_ratio) - min by (region) (cpu_ratio)",
            "count(cpu_ratio > 0.3)",
            "stddev by (region) (cpu_ratio)",
            "quantile by (region) (0.75, cpu_ratio)",
            "topk(2, cpu_ratio)",
            "bottomk by (region) (1, cpu_ratio)",
            "group by (region) (cpu_ratio)",
            "histogram_quantile(0.99, sum by (le, region) (rate(latency_seconds_bucket[5m])))",
            "histogram_quantile(0.5, rate(latency_seconds_bucket[10m]))",
            "memory_bytes / on(host, region) group_left memory_limit_bytes",
            "memory_bytes * ignoring(kind) memory_limit_bytes",
            "memory_limit_bytes / on(region) group_right sum by (region) (memory_bytes)",
            "sum by (region) (memory_limit_bytes) / on(region) group_right memory_bytes",
            "sum by (region) (memory_bytes) / on(region) sum by (region) (memory_limit_bytes) * 100 > 40",
            "cpu_ratio and on(host) memory_bytes > 5e8",
            "cpu_ratio unless on(host) (memory_bytes > 5e8)",
            "cpu_ratio{region=\"eu\"} or cpu_ratio{host=\"h1\"} or vector(1)",
            "-cpu_ratio ^ 2 + 1",
            "abs(delta(cpu_ratio[5m])) * 100",
            "clamp(cpu_ratio * 2, 0.2, 0.9)",
            "clamp_max(cpu_ratio, 0.4)",
            "round(memory_bytes / 1e6, 0.5)",
            "ceil(cpu_ratio * 10) + floor(cpu_ratio * 10)",
            "sqrt(memory_bytes) / ln(memory_bytes) + log10(memory_bytes) - log2(memory_bytes) + exp(cpu_ratio)",
            "sgn(delta(cpu_ratio[5m]))",
            "scalar(sum(cpu_ratio)) * cpu_ratio",
            "time() - timestamp(cpu_ratio)",
            "absent(nonexistent{job=\"x\"})",
            "label_replace(cpu_ratio, \"zone\", \"$1-z\", \"region\", \"(e.)\")",
            "label_join(cpu_ratio, \"id\", \"/\", \"region\", \"host\")",
            "count_values(\"bucket\", round(cpu_ratio * 4))",
            "cpu_ratio offset 10m",
            "rate(requests_total[5m] offset 7m)",
            "hour() + minute() + day_of_week()",
            "100 - (avg by (region) (rate(requests_total[5m])) * 100)",
            "(1 - sum by (region) (rate(errors_total[5m])) / sum by (region) (rate(requests_total[5m]))) < 0.999");

    private static boolean onPath(String tool) {
        for (String p : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(p, tool))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void everyExpressionGivesPrometheusAnswers(@TempDir Path dir) throws Exception {
        assumeTrue(onPath("promtool"), "promtool missing: install the Debian package prometheus (./run-tests does)");
        Map<String, double[]> series = generate(new Random(42));
        MemorySeriesSource data = new MemorySeriesSource();
        StringBuilder yaml = new StringBuilder("tests:\n  - interval: 15s\n    input_series:\n");
        for (var s : series.entrySet()) {
            StringBuilder values = new StringBuilder();
            Labels labels = parseLabels(s.getKey());
            for (int i = 0; i < SAMPLES; i++) {
                double v = s.getValue()[i];
                if (Double.isNaN(v)) {
                    values.append("_ "); // a gap: no sample
                } else {
                    values.append(text(v)).append(' ');
                    data.add(labels, i * STEP_MS, v);
                }
            }
            yaml.append("      - series: '").append(s.getKey()).append("'\n        values: '")
                    .append(values.toString().strip()).append("'\n");
        }
        yaml.append("    promql_expr_test:\n");
        Evaluator evaluator = new Evaluator(data);
        Map<String, Map<String, Double>> ours = new LinkedHashMap<>();
        for (String expr : EXPRESSIONS) {
            for (long at : EVAL_AT_MS) {
                String key = expr + " @ " + at;
                try {
                    ours.put(key, asMap(evaluator.vector(Parser.parse(expr), at)));
                } catch (EvaluationException e) {
                    ours.put(key, null);
                }
                yaml.append("      - expr: '").append(expr.replace("'", "''")).append("'\n        eval_time: ")
                        .append(at).append("ms\n        exp_samples: []\n");
            }
        }
        Path file = dir.resolve("differential.yml");
        Files.writeString(file, yaml);
        Map<String, Map<String, Double>> theirs = promtool(file);
        int compared = 0;
        for (String expr : EXPRESSIONS) {
            for (long at : EVAL_AT_MS) {
                String key = expr + " @ " + at;
                Map<String, Double> o = ours.get(key);
                if (theirs.containsKey(key) && theirs.get(key) == null) {
                    assertThat(o).as("Prometheus refused %s; Pharos answered", key).isNull();
                    compared++;
                    continue;
                }
                Map<String, Double> p = theirs.getOrDefault(key, Map.of());
                assertThat(o).as("Pharos failed on %s where Prometheus answered %s", key, p).isNotNull();
                assertThat(o.keySet()).as(key).isEqualTo(p.keySet());
                for (var e : p.entrySet()) {
                    double want = e.getValue();
                    double got = o.get(e.getKey());
                    if (Double.isNaN(want)) {
                        assertThat(got).as(key + " " + e.getKey()).isNaN();
                    } else {
                        assertThat(got).as(key + " " + e.getKey())
                                .isCloseTo(want, org.assertj.core.api.Assertions.within(1e-9 * Math.max(1, Math.abs(want))));
                    }
                    compared++;
                }
            }
        }
        assertThat(compared).as("values compared").isGreaterThan(500);
    }

    /** Counters with a reset, gauges with gaps, per-host memory and limits, histogram buckets. */
    private static Map<String, double[]> generate(Random rnd) {
        Map<String, double[]> out = new TreeMap<>();
        String[][] hosts = {{"eu", "h1"}, {"eu", "h2"}, {"eu", "h3"}, {"us", "h4"}, {"us", "h5"}};
        for (String[] h : hosts) {
            String l = "region=\"" + h[0] + "\",host=\"" + h[1] + "\"";
            double[] req = new double[SAMPLES];
            double[] err = new double[SAMPLES];
            double[] cpu = new double[SAMPLES];
            double[] mem = new double[SAMPLES];
            double[] limit = new double[SAMPLES];
            int resetAt = 60 + rnd.nextInt(120);
            double r = rnd.nextInt(1000);
            double e = 0;
            double m = 2e8 + rnd.nextInt(600) * 1e6;
            for (int i = 0; i < SAMPLES; i++) {
                r = i == resetAt ? rnd.nextInt(5) : r + rnd.nextInt(50);
                e = i == resetAt ? 0 : e + rnd.nextInt(3);
                req[i] = r;
                err[i] = e;
                cpu[i] = rnd.nextInt(100) / 100.0;
                if (rnd.nextInt(25) == 0) {
                    cpu[i] = Double.NaN;
                }
                m += rnd.nextInt(2_000_000) - 600_000;
                mem[i] = m;
                limit[i] = 1e9;
            }
            out.put("requests_total{" + l + "}", req);
            out.put("errors_total{" + l + "}", err);
            out.put("cpu_ratio{" + l + "}", cpu);
            out.put("memory_bytes{" + l + ",kind=\"rss\"}", mem);
            out.put("memory_limit_bytes{" + l + "}", limit);
        }
        String[] bounds = {"0.05", "0.1", "0.25", "0.5", "1", "+Inf"};
        for (String region : List.of("eu", "us")) {
            double[][] cumulative = new double[bounds.length][SAMPLES];
            double[] counts = new double[bounds.length];
            for (int i = 0; i < SAMPLES; i++) {
                double total = 0;
                for (int b = 0; b < bounds.length; b++) {
                    counts[b] += rnd.nextInt(b == 0 ? 40 : 20);
                    total += counts[b];
                    cumulative[b][i] = total;
                }
            }
            for (int b = 0; b < bounds.length; b++) {
                out.put("latency_seconds_bucket{region=\"" + region + "\",le=\"" + bounds[b] + "\"}", cumulative[b]);
            }
        }
        return out;
    }

    private static String text(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static Labels parseLabels(String series) {
        int brace = series.indexOf('{');
        List<String> pairs = new ArrayList<>(List.of("__name__", brace < 0 ? series : series.substring(0, brace)));
        if (brace >= 0) {
            Matcher m = LABEL.matcher(series.substring(brace));
            while (m.find()) {
                pairs.add(m.group(1));
                pairs.add(m.group(2));
            }
        }
        return Labels.of(pairs.toArray(String[]::new));
    }

    private static Map<String, Double> asMap(List<Value.Element> elements) {
        Map<String, Double> out = new TreeMap<>();
        for (Value.Element e : elements) {
            Labels l = e.labels();
            String name = l.get("__name__");
            String key = (name == null ? "" : name) + (name == null ? l : l.without("__name__")).toString();
            out.put(key, e.value());
        }
        return out;
    }

    /** Runs promtool and reads, per expression and time, the samples it reports having got. */
    private static Map<String, Map<String, Double>> promtool(Path file) throws Exception {
        Process p = new ProcessBuilder("promtool", "test", "rules", file.getFileName().toString())
                .directory(file.getParent().toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        Map<String, Map<String, Double>> result = new LinkedHashMap<>();
        Pattern header = Pattern.compile("^\\s*expr: \"(.*)\", time: (\\S+),( err: .*)?$");
        String current = null;
        for (String line : out.split("\n")) {
            Matcher h = header.matcher(line);
            if (h.matches()) {
                String expr = h.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
                current = expr + " @ " + toMs(h.group(2));
                result.put(current, h.group(3) == null ? new TreeMap<>() : null); // null: an evaluation error
            } else if (current != null && line.strip().startsWith("got:")) {
                Matcher g = GOT.matcher(line.strip().substring(4).strip());
                while (g.find()) {
                    String name = g.group(1) == null ? "" : g.group(1);
                    result.get(current).put(name + normalise(g.group(2)), parseValue(g.group(3)));
                }
            }
        }
        assertThat(result).as("promtool's report:\n" + out).isNotEmpty();
        return result;
    }

    /** Labels in Pharos' canonical text form (promtool separates them with ", "). */
    private static String normalise(String labels) {
        Map<String, String> map = new TreeMap<>();
        Matcher m = LABEL.matcher(labels);
        while (m.find()) {
            map.put(m.group(1), m.group(2));
        }
        String name = map.remove("__name__");
        return (name == null ? "" : name) + Labels.of(map);
    }

    private static double parseValue(String s) {
        return switch (s) {
            case "NaN" -> Double.NaN;
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }

    /** promtool prints durations such as 20m0.7s or 58m60.9s. */
    private static long toMs(String d) {
        Matcher m = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)").matcher(d);
        double ms = 0;
        while (m.find()) {
            double n = Double.parseDouble(m.group(1));
            ms += switch (m.group(2).toLowerCase(Locale.ROOT)) {
                case "h" -> n * 3_600_000;
                case "m" -> n * 60_000;
                case "s" -> n * 1_000;
                default -> n;
            };
        }
        return Math.round(ms);
    }
}
