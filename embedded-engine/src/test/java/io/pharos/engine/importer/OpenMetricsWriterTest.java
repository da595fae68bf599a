package io.pharos.engine.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pharos.engine.model.Labels;
import io.pharos.engine.model.SeriesKey;
import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class OpenMetricsWriterTest {

    private final StringWriter text = new StringWriter();
    private final OpenMetricsWriter writer = new OpenMetricsWriter(text);

    @Test
    void writesFamiliesWithTypeLinesSecondsAndEof() throws IOException {
        SeriesKey h1 = SeriesKey.of("node_cpu_utilization_ratio", "region", "eu-west-1", "host", "h1");
        SeriesKey h2 = SeriesKey.of("node_cpu_utilization_ratio", "region", "eu-west-1", "host", "h2");
        writer.write(h1, 1_700_000_000_123L, 0.42);
        writer.write(h2, 1_700_000_000_000L, 1.0E-7);
        writer.write(h1, 1_700_000_000_500L, Double.NaN);
        writer.writeSeries(SeriesKey.of("up"), new long[] {1_000, 2_010, 3_000}, new double[] {1, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY}, 3);
        writer.close();

        assertThat(text.toString()).isEqualTo("""
                # TYPE node_cpu_utilization_ratio gauge
                node_cpu_utilization_ratio{host="h1",region="eu-west-1"} 0.42 1700000000.123
                node_cpu_utilization_ratio{host="h2",region="eu-west-1"} 1.0E-7 1700000000
                node_cpu_utilization_ratio{host="h1",region="eu-west-1"} NaN 1700000000.5
                # TYPE up gauge
                up 1.0 1
                up +Inf 2.01
                up -Inf 3
                # EOF
                """);
    }

    @Test
    void escapesLabelValuesAndLeavesOutEmptyOnes() throws IOException {
        writer.write(new SeriesKey("m", Labels.of("a", "back\\slash \"q\"\nnext", "b", "", "c", "日本")), -1, -0.0);
        writer.finish();
        assertThat(text.toString()).isEqualTo("# TYPE m gauge\nm{a=\"back\\\\slash \\\"q\\\"\\nnext\",c=\"日本\"} -0.0 -0.001\n# EOF\n");
    }

    @Test
    void formatsMillisecondsAsExactSeconds() {
        assertThat(seconds(0)).isEqualTo("0");
        assertThat(seconds(1)).isEqualTo("0.001");
        assertThat(seconds(10)).isEqualTo("0.01");
        assertThat(seconds(999)).isEqualTo("0.999");
        assertThat(seconds(1_500)).isEqualTo("1.5");
        assertThat(seconds(-1_500)).isEqualTo("-1.5");
        assertThat(seconds(1_795_428_000_050L)).isEqualTo("1795428000.05");
        assertThat(seconds(Long.MIN_VALUE)).isEqualTo("-9223372036854775.808");
    }

    @Test
    void refusesAFamilyThatComesBackAndSamplesAfterEof() throws IOException {
        writer.write(SeriesKey.of("a"), 1, 1);
        writer.write(SeriesKey.of("b"), 1, 1);
        assertThatThrownBy(() -> writer.write(SeriesKey.of("a"), 2, 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("samples of metric a must be written together");
        writer.finish();
        writer.finish();
        assertThat(text.toString()).endsWith("b 1.0 0.001\n# EOF\n");
        assertThatThrownBy(() -> writer.write(SeriesKey.of("b"), 3, 1)).isInstanceOf(IllegalStateException.class);
    }

    private static String seconds(long ms) {
        StringBuilder sb = new StringBuilder();
        OpenMetricsWriter.appendSeconds(ms, sb);
        return sb.toString();
    }
}
