package io.pharos.engine.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pharos.engine.importer.FakeHistoryWriter.Sample;
import io.pharos.engine.model.Labels;
import io.pharos.engine.model.SeriesKey;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenMetricsParserTest {

    private final FakeHistoryWriter writer = new FakeHistoryWriter();

    private ParseResult parse(String text) throws IOException {
        return new OpenMetricsParser().parse(new StringReader(text), "metrics.om", writer::append);
    }

    private List<Sample> samples(String text) throws IOException {
        parse(text);
        return writer.samples;
    }

    @Test
    void readsMetadataSamplesAndEof() throws IOException {
        ParseResult result = parse("""
                # TYPE node_cpu_utilization_ratio gauge
                # HELP node_cpu_utilization_ratio CPU in use, "busy" share \\\\ of 1.
                # UNIT node_cpu_utilization_ratio ratio
                node_cpu_utilization_ratio{host="h1",region="eu-west-1"} 0.42 1700000000
                node_cpu_utilization_ratio{host="h2",region="eu-west-1"} 0.5 1700000000.5
                node_cpu_utilization_ratio{host="h1",region="eu-west-1"} 0.43 1700000015
                # EOF
                """);
        assertThat(writer.samples).containsExactly(
                new Sample(SeriesKey.of("node_cpu_utilization_ratio", "host", "h1", "region", "eu-west-1"), 1_700_000_000_000L, 0.42),
                new Sample(SeriesKey.of("node_cpu_utilization_ratio", "host", "h2", "region", "eu-west-1"), 1_700_000_000_500L, 0.5),
                new Sample(SeriesKey.of("node_cpu_utilization_ratio", "host", "h1", "region", "eu-west-1"), 1_700_000_015_000L, 0.43));
        assertThat(result.lines()).isEqualTo(7);
        assertThat(result.samples()).isEqualTo(3);
        assertThat(result.series()).isEqualTo(2);
        assertThat(result.seriesCountExact()).isTrue();
        assertThat(result.timeRange()).contains(new ParseResult.TimeRange(1_700_000_000_000L, 1_700_000_015_000L));
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void repeatedSeriesShareOneKeyInstanceEvenWithLabelsInAnotherOrder() throws IOException {
        samples("""
                up{a="1",b="2"} 1 1
                up{a="1",b="2"} 1 2
                up{b="2",a="1"} 1 3
                # EOF
                """);
        assertThat(writer.samples.get(1).key()).isSameAs(writer.samples.get(0).key());
        assertThat(writer.samples.get(2).key()).isSameAs(writer.samples.get(0).key());
    }

    @Test
    void readsEveryKindOfValue() throws IOException {
        samples("""
                m 1 1
                m -2.5 2
                m 1.5e3 3
                m 6.02E+23 4
                m NaN 5
                m +Inf 6
                m -Inf 7
                m 0.1 8
                m -0 9
                m 12345678901234567890 10
                # EOF
                """);
        assertThat(writer.samples).extracting(Sample::value).containsExactly(
                1.0, -2.5, 1500.0, 6.02e23, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.1, -0.0,
                12345678901234567890.0);
        assertThat(Double.doubleToRawLongBits(writer.samples.get(8).value())).isEqualTo(Double.doubleToRawLongBits(-0.0));
    }

    @Test
    void convertsSecondTimestampsToExactMilliseconds() throws IOException {
        samples("""
                m 1 1700000000.123
                m 1 1700000000.001
                m 1 1700000000.999
                m 1 1700000000.1
                m 1 -1.5
                m 1 1.7e9
                # EOF
                """);
        assertThat(writer.samples).extracting(Sample::timestampMs).containsExactly(
                1_700_000_000_123L, 1_700_000_000_001L, 1_700_000_000_999L, 1_700_000_000_100L, -1500L, 1_700_000_000_000L);
    }

    @Test
    void unescapesLabelValuesAsPrometheusDoes() throws IOException {
        samples("""
                m{a="back\\\\slash",b="say \\"hi\\"",c="two\\nlines",d="tab\\tstays",e="ünï{}=,"} 1 1
                # EOF
                """);
        Labels labels = writer.samples.getFirst().key().labels();
        assertThat(labels.get("a")).isEqualTo("back\\slash");
        assertThat(labels.get("b")).isEqualTo("say \"hi\"");
        assertThat(labels.get("c")).isEqualTo("two\nlines");
        assertThat(labels.get("d")).isEqualTo("tab\\tstays");
        assertThat(labels.get("e")).isEqualTo("ünï{}=,");
    }

    @Test
    void acceptsEmptyBracesAndDropsEmptyLabelValues() throws IOException {
        samples("""
                up{} 1 1
                up{job="a"} 1 1
                up{job="a",instance=""} 1 1
                # EOF
                """);
        assertThat(writer.samples).extracting(Sample::key).containsExactly(
                SeriesKey.of("up"), SeriesKey.of("up", "job", "a"), SeriesKey.of("up", "job", "a"));
    }

    @Test
    void readsCounterAndHistogramLinesAsPlainSamples() throws IOException {
        samples("""
                # TYPE http_requests counter
                http_requests_total{code="200"} 1027 1700000000
                http_requests_created{code="200"} 1699990000.5 1700000000
                # TYPE latency_seconds histogram
                latency_seconds_bucket{le="0.1"} 3 1700000000
                latency_seconds_bucket{le="+Inf"} 5 1700000000
                latency_seconds_sum 0.75 1700000000
                latency_seconds_count 5 1700000000
                # EOF
                """);
        assertThat(writer.samples).extracting(s -> s.key().toString()).containsExactly(
                "http_requests_total{code=\"200\"}", "http_requests_created{code=\"200\"}",
                "latency_seconds_bucket{le=\"0.1\"}", "latency_seconds_bucket{le=\"+Inf\"}",
                "latency_seconds_sum", "latency_seconds_count");
        assertThat(writer.samples.get(1).value()).isEqualTo(1_699_990_000.5);
    }

    @Test
    void checksAndDropsExemplars() throws IOException {
        samples("""
                # TYPE rpc_seconds histogram
                rpc_seconds_bucket{le="1"} 7 1700000000 # {trace_id="abc"} 0.67 1700000000.5
                rpc_seconds_bucket{le="2"} 9 1700000000 # {} 1.5
                # TYPE rpc counter
                rpc_total 3 1700000000 # {span_id="x",trace_id="y"} 1 1700000000
                # EOF
                """);
        assertThat(writer.samples).extracting(Sample::value).containsExactly(7.0, 9.0, 3.0);
    }

    @Test
    void acceptsAMissingEofButSaysSo() throws IOException {
        ParseResult result = parse("m 1 1\nm 2 2\n");
        assertThat(result.samples()).isEqualTo(2);
        assertThat(result.warnings()).singleElement().asString()
                .contains("metrics.om").contains("# EOF").contains("truncated");
    }

    @Test
    void acceptsALastLineWithoutNewline() throws IOException {
        ParseResult result = parse("m 1 1\n# EOF");
        assertThat(result.samples()).isEqualTo(1);
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void anEmptyInputHasNoSamplesAndAWarning() throws IOException {
        ParseResult result = parse("");
        assertThat(result.samples()).isZero();
        assertThat(result.timeRange()).isEmpty();
        assertThat(result.warnings()).hasSize(1);
    }

    @Test
    void canSkipMalformedLinesUpToALimitAndReportThem() throws IOException {
        OpenMetricsParser lenient = new OpenMetricsParser(ParseOptions.defaults().withMaxSkippedLines(2));
        ParseResult result = lenient.parse(new StringReader("m 1 1\nm x 2\nm 3 3\nm 4\n# EOF\n"), "a.om", writer::append);
        assertThat(result.samples()).isEqualTo(2);
        assertThat(result.skipped()).extracting(ImportException::line).containsExactly(2L, 4L);

        assertThatThrownBy(() -> lenient.parse(new StringReader("m x 1\nm y 2\nm z 3\n"), "a.om", writer::append))
                .isInstanceOf(ImportException.class)
                .hasMessage("a.om:3:3: expected a value after the series (a number, NaN, +Inf or -Inf), found \"z\""
                        + " (stopped: more than 2 malformed lines)");
    }

    @Test
    void aFullSeriesCacheStartsOverAndTheSeriesCountBecomesAnUpperBound() throws IOException {
        OpenMetricsParser small = new OpenMetricsParser(ParseOptions.defaults().withSeriesCacheCapacity(2));
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            text.append("m{i=\"").append(i % 5).append("\"} 1 ").append(i).append('\n');
        }
        ParseResult result = small.parse(new StringReader(text.append("# EOF\n").toString()), null, writer::append);
        assertThat(result.samples()).isEqualTo(10);
        assertThat(result.seriesCountExact()).isFalse();
        assertThat(result.series()).isGreaterThanOrEqualTo(5);
        assertThat(writer.samples).extracting(s -> s.key().labels().get("i"))
                .containsExactly("0", "1", "2", "3", "4", "0", "1", "2", "3", "4");
    }

    @Test
    void acceptsEveryMetricType() throws IOException {
        for (String type : List.of("counter", "gauge", "histogram", "gaugehistogram", "stateset", "info", "summary", "unknown")) {
            parse("# TYPE x " + type + "\n# EOF\n");
        }
        parse("# UNIT x_seconds seconds\n# UNIT y \n# HELP y \n# EOF\n");
    }
}
