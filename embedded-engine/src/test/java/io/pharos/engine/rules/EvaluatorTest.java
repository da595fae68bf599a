package io.pharos.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.pharos.engine.model.Labels;
import io.pharos.engine.rules.Value.Element;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class EvaluatorTest {
    private static final long MIN = 60_000;
    private final MemorySeriesSource data = new MemorySeriesSource();
    private final Evaluator ev = new Evaluator(data);

    private static Labels l(String... pairs) {
        return Labels.of(pairs);
    }

    /** Evaluates and returns label text -> value, sorted, for easy comparison. */
    private Map<String, Double> eval(String expr, long t) {
        Map<String, Double> out = new TreeMap<>();
        for (Element e : ev.vector(Parser.parse(expr), t)) {
            out.put(e.labels().toString(), e.value());
        }
        return out;
    }

    @Test
    void instantSelectorsTakeTheNewestSampleWithinFiveMinutes() {
        data.add(l("__name__", "cpu", "host", "a"), 0, 0.5).add(l("__name__", "cpu", "host", "a"), MIN, 0.7);
        data.add(l("__name__", "cpu", "host", "b"), 0, 0.9);
        assertThat(eval("cpu", MIN)).containsExactly(
                Map.entry("{__name__=\"cpu\",host=\"a\"}", 0.7), Map.entry("{__name__=\"cpu\",host=\"b\"}", 0.9));
        // b's only sample is 5 minutes old at 5m: stale, gone (the lookback window is left-open).
        assertThat(eval("cpu", 5 * MIN)).containsOnlyKeys("{__name__=\"cpu\",host=\"a\"}");
        assertThat(eval("cpu offset 1m", MIN)).containsEntry("{__name__=\"cpu\",host=\"a\"}", 0.5);
    }

    @Test
    void arithmeticDropsTheNameAndComparisonsFilter() {
        data.add(l("__name__", "mem_used", "host", "a"), 0, 90).add(l("__name__", "mem_used", "host", "b"), 0, 40);
        data.add(l("__name__", "mem_total", "host", "a"), 0, 100).add(l("__name__", "mem_total", "host", "b"), 0, 100);
        assertThat(eval("mem_used / mem_total * 100 > 85", 0)).containsExactly(Map.entry("{host=\"a\"}", 90.0));
        assertThat(eval("mem_used > 85", 0)).containsExactly(Map.entry("{__name__=\"mem_used\",host=\"a\"}", 90.0));
        assertThat(eval("mem_used > bool 85", 0)).containsExactly(
                Map.entry("{host=\"a\"}", 1.0), Map.entry("{host=\"b\"}", 0.0));
        assertThat(eval("100 < mem_total", 0)).isEmpty();
        assertThat(eval("95 > mem_used", 0)).containsValues(90.0, 40.0); // the vector's value, not the scalar's
    }

    @Test
    void rateExtrapolatesLikePrometheus() {
        // A counter growing 10 per 15 s, sampled from 0 to 5 m: rate over [5m] is 10/15 per second.
        Labels c = l("__name__", "requests_total", "job", "api");
        for (long t = 0; t <= 5 * MIN; t += 15_000) {
            data.add(c, t, t / 15_000 * 10.0);
        }
        assertThat(eval("rate(requests_total[5m])", 5 * MIN).get("{job=\"api\"}")).isCloseTo(10 / 15.0, within(1e-12));
        assertThat(eval("increase(requests_total[5m])", 5 * MIN).get("{job=\"api\"}")).isCloseTo(200.0, within(1e-9));
        assertThat(eval("irate(requests_total[5m])", 5 * MIN).get("{job=\"api\"}")).isCloseTo(10 / 15.0, within(1e-12));
    }

    @Test
    void counterResetsAreAddedBack() {
        Labels c = l("__name__", "errors_total");
        double[] values = {0, 10, 20, 5, 15};
        for (int i = 0; i < values.length; i++) {
            data.add(c, i * 60_000L, values[i]);
        }
        // The window (0, 4m] leaves out the sample at 0: 10, 20, 5, 15 change by 5, plus 20 lost at the
        // reset = 25 over 3 sampled minutes, extrapolated by the minute to the window's start.
        assertThat(eval("increase(errors_total[4m])", 4 * MIN).get("{}")).isCloseTo(25.0 * 240 / 180, within(1e-9));
        assertThat(eval("resets(errors_total[5m])", 4 * MIN).get("{}")).isEqualTo(1.0);
        assertThat(eval("changes(errors_total[5m])", 4 * MIN).get("{}")).isEqualTo(4.0);
        assertThat(eval("changes(errors_total[4m])", 4 * MIN).get("{}")).isEqualTo(3.0);
    }

    @Test
    void aggregationsGroupByAndWithout() {
        for (String region : List.of("eu", "us")) {
            for (int h = 0; h < 3; h++) {
                data.add(l("__name__", "cpu", "region", region, "host", region + h), 0, h * 10 + (region.equals("us") ? 1 : 0));
            }
        }
        assertThat(eval("avg by (region) (cpu)", 0)).containsExactly(
                Map.entry("{region=\"eu\"}", 10.0), Map.entry("{region=\"us\"}", 11.0));
        assertThat(eval("max without (host) (cpu)", 0)).containsExactly(
                Map.entry("{region=\"eu\"}", 20.0), Map.entry("{region=\"us\"}", 21.0));
        assertThat(eval("count(cpu)", 0)).containsExactly(Map.entry("{}", 6.0));
        assertThat(eval("quantile(0.5, cpu)", 0)).containsExactly(Map.entry("{}", 10.5));
        assertThat(eval("topk by (region) (1, cpu)", 0)).containsOnlyKeys(
                "{__name__=\"cpu\",host=\"eu2\",region=\"eu\"}", "{__name__=\"cpu\",host=\"us2\",region=\"us\"}");
        assertThat(eval("count_values(\"v\", cpu > 15)", 0)).containsExactly(
                Map.entry("{v=\"20\"}", 1.0), Map.entry("{v=\"21\"}", 1.0));
    }

    @Test
    void vectorMatchingOnIgnoringAndGroupLeft() {
        data.add(l("__name__", "errors", "region", "eu", "code", "500"), 0, 5);
        data.add(l("__name__", "errors", "region", "eu", "code", "503"), 0, 15);
        data.add(l("__name__", "requests", "region", "eu"), 0, 100);
        data.add(l("__name__", "region_info", "region", "eu", "owner", "team-a"), 0, 1);
        assertThat(eval("errors / ignoring(code) group_left requests", 0)).containsExactly(
                Map.entry("{code=\"500\",region=\"eu\"}", 0.05), Map.entry("{code=\"503\",region=\"eu\"}", 0.15));
        assertThat(eval("sum by (region) (errors) / on(region) requests", 0))
                .containsExactly(Map.entry("{region=\"eu\"}", 0.2));
        assertThat(eval("requests * on(region) group_left(owner) region_info", 0))
                .containsExactly(Map.entry("{owner=\"team-a\",region=\"eu\"}", 100.0));
        assertThatThrownBy(() -> eval("errors / ignoring(code) requests", 0)).isInstanceOf(EvaluationException.class)
                .hasMessageContaining("many-to-one matching must be explicit");
    }

    @Test
    void setOperators() {
        data.add(l("__name__", "a", "host", "1"), 0, 1).add(l("__name__", "a", "host", "2"), 0, 2);
        data.add(l("__name__", "b", "host", "2"), 0, 20).add(l("__name__", "b", "host", "3"), 0, 30);
        assertThat(eval("a and b", 0)).containsOnlyKeys("{__name__=\"a\",host=\"2\"}");
        assertThat(eval("a unless b", 0)).containsOnlyKeys("{__name__=\"a\",host=\"1\"}");
        assertThat(eval("a or b", 0)).containsOnlyKeys("{__name__=\"a\",host=\"1\"}", "{__name__=\"a\",host=\"2\"}",
                "{__name__=\"b\",host=\"3\"}");
    }

    @Test
    void histogramQuantileInterpolatesInsideTheBucket() {
        String[][] buckets = {{"0.1", "50"}, {"0.2", "90"}, {"0.5", "99"}, {"+Inf", "100"}};
        for (String[] b : buckets) {
            data.add(l("__name__", "latency_bucket", "region", "eu", "le", b[0]), 0, Double.parseDouble(b[1]));
        }
        // rank 99 of 100 falls at the top of the 0.2..0.5 bucket; rank 50 at the top of the first.
        assertThat(eval("histogram_quantile(0.99, latency_bucket)", 0).get("{region=\"eu\"}")).isCloseTo(0.5, within(1e-12));
        assertThat(eval("histogram_quantile(0.5, latency_bucket)", 0).get("{region=\"eu\"}")).isCloseTo(0.1, within(1e-12));
        assertThat(eval("histogram_quantile(0.7, latency_bucket)", 0).get("{region=\"eu\"}")).isCloseTo(0.15, within(1e-12));
    }

    @Test
    void overTimeFunctionsAndPrediction() {
        Labels disk = l("__name__", "disk_free");
        for (int i = 0; i <= 10; i++) {
            data.add(disk, i * MIN, 1000 - i * 10.0); // losing 10 per minute
        }
        long t = 10 * MIN;
        assertThat(eval("avg_over_time(disk_free[10m])", t).get("{}")).isEqualTo(945.0); // samples 1..10: the window is left-open
        assertThat(eval("min_over_time(disk_free[10m])", t).get("{}")).isEqualTo(900.0);
        assertThat(eval("count_over_time(disk_free[10m])", t).get("{}")).isEqualTo(10.0);
        assertThat(eval("deriv(disk_free[10m])", t).get("{}")).isCloseTo(-10 / 60.0, within(1e-12));
        assertThat(eval("predict_linear(disk_free[10m], 3600)", t).get("{}")).isCloseTo(300.0, within(1e-9));
        assertThat(eval("last_over_time(disk_free[10m])", t)).containsExactly(Map.entry("{__name__=\"disk_free\"}", 900.0));
    }

    @Test
    void absentAndScalarHelpers() {
        assertThat(eval("absent(up{job=\"node\", instance=~\"a.*\"})", 0)).containsExactly(Map.entry("{job=\"node\"}", 1.0));
        data.add(l("__name__", "up", "job", "node"), 0, 1);
        assertThat(eval("absent(up{job=\"node\"})", 0)).isEmpty();
        assertThat(eval("vector(time())", 120_000)).containsExactly(Map.entry("{}", 120.0));
        assertThat(eval("clamp(up * 5, 0, 2)", 0)).containsExactly(Map.entry("{job=\"node\"}", 2.0));
        assertThat(eval("label_replace(up, \"j\", \"x-$1\", \"job\", \"(no).*\")", 0))
                .containsOnlyKeys("{__name__=\"up\",j=\"x-no\",job=\"node\"}");
    }

    @Test
    void selectorsThatOnlyLookAlikeAreNotConfused() {
        // Without escaping, both sums would print as sum(m{a="x",b="y"}) and share a cached answer.
        data.add(l("__name__", "m", "a", "x", "b", "y"), 0, 1);
        data.add(l("__name__", "m", "a", "x\",b=\"y"), 0, 2);
        assertThat(eval("sum(m{a=\"x\",b=\"y\"})", 0)).containsValue(1.0);
        assertThat(eval("sum(m{a=\"x\\\",b=\\\"y\"})", 0)).containsValue(2.0);
    }

    @Test
    void aCallerParsingEveryQuestionAnewDoesNotGrowTheEvaluatorWithoutEnd() {
        data.add(l("__name__", "cpu", "host", "a"), 0, 0.5);
        for (int i = 0; i < Evaluator.MAX_KEYS + 10; i++) {
            assertThat(ev.vector(Parser.parse("sum(cpu)"), MIN)).singleElement()
                    .satisfies(e -> assertThat(e.value()).isEqualTo(0.5));
        }
        assertThat(ev.rememberedExpressions()).isLessThanOrEqualTo(Evaluator.MAX_KEYS);
    }
}
