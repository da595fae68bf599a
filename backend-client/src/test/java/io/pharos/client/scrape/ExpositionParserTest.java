package io.pharos.client.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pharos.engine.model.SeriesKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpositionParserTest {
    private final ExpositionParser parser = new ExpositionParser(Map.of("job", "node", "instance", "h1:9100"));
    private final List<SeriesKey> keys = new ArrayList<>();
    private final List<Long> times = new ArrayList<>();
    private final List<Double> values = new ArrayList<>();

    private void parse(String text) {
        for (String line : text.split("\n", -1)) {
            parser.line(line, (k, t, v) -> {
                keys.add(k);
                times.add(t);
                values.add(v);
            });
        }
    }

    @Test
    void anExportersPageAsNodeExporterServesIt() {
        parse("""
                # HELP node_cpu_seconds_total Seconds the CPUs spent in each mode.
                # TYPE node_cpu_seconds_total counter
                node_cpu_seconds_total{cpu="0",mode="idle"} 3.05921791e+06
                node_cpu_seconds_total{cpu="0",mode="user"} 12345.5 1700000000123

                node_load1 0.42
                \tnode_filesystem_avail_bytes{device="/dev/vda1",fstype="ext4",mountpoint="/"}   8.36e+10
                http_request_duration_seconds_bucket{le="+Inf",} 17
                weird{path="C:\\\\dir \\"x\\"\\nnext",empty=""} NaN
                up_down -Inf
                """);
        assertThat(keys).hasSize(7);
        assertThat(keys.get(0)).isEqualTo(SeriesKey.of("node_cpu_seconds_total", "cpu", "0", "mode", "idle", "job",
                "node", "instance", "h1:9100"));
        assertThat(values.get(0)).isEqualTo(3.05921791e6);
        assertThat(times.get(0)).as("no timestamp: the scrape's").isEqualTo(Long.MIN_VALUE);
        assertThat(times.get(1)).isEqualTo(1_700_000_000_123L);
        assertThat(keys.get(3).label("mountpoint")).isEqualTo("/");
        assertThat(keys.get(4).label("le")).isEqualTo("+Inf");
        assertThat(keys.get(5).label("path")).isEqualTo("C:\\dir \"x\"\nnext");
        assertThat(keys.get(5).label("empty")).as("an empty value is no label").isNull();
        assertThat(values.get(5)).isNaN();
        assertThat(values.get(6)).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void theExportersOwnInstanceLabelWins() {
        parse("probe_success{instance=\"example.org\"} 1");
        assertThat(keys.getFirst().label("instance")).isEqualTo("example.org");
        assertThat(keys.getFirst().label("job")).isEqualTo("node");
    }

    @Test
    void aMalformedLineIsRefusedWithWhatIsWrong() {
        assertRefused("node_load1", "needs a value");
        assertRefused("node_load1 1d", "not a number");
        assertRefused("node_load1 0x1p3", "not a number");
        assertRefused("node_load1{a=\"b\" 1", "not closed");
        assertRefused("node_load1{a=b} 1", "double quotes");
        assertRefused("node_load1{a=\"b\",a=\"c\"} 1", "given twice");
        assertRefused("node_load1{9a=\"b\"} 1", "9a");
        assertRefused("node-load 1", "not a metric name");
        assertRefused("node_load1 1 12.5", "not whole milliseconds");
        assertRefused("node_load1 1 12 extra", "after the timestamp");
    }

    private void assertRefused(String line, String why) {
        assertThatThrownBy(() -> parse(line)).isInstanceOf(ExpositionParser.ExpositionException.class)
                .hasMessageContaining(why);
    }
}
