package io.pharos.engine.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pharos.engine.importer.FakeHistoryWriter.Sample;
import io.pharos.engine.model.SeriesKey;
import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvParserTest {

    private final FakeHistoryWriter writer = new FakeHistoryWriter();

    private ParseResult parse(String text) throws IOException {
        return new CsvParser().parse(new StringReader(text), "data.csv", writer::append);
    }

    @Test
    void readsTheDocumentedExample() throws IOException {
        ParseResult result = parse("""
                timestamp,metric,value,region,host
                2026-11-23T10:00:00Z,node_cpu_utilization_ratio,0.42,eu-west-1,h1
                1795428000000,node_cpu_utilization_ratio,NaN,eu-west-1,"h2"
                2026-11-23T11:00:00.250+01:00,node_up,1,eu-west-1,
                """);
        assertThat(writer.samples).containsExactly(
                new Sample(SeriesKey.of("node_cpu_utilization_ratio", "region", "eu-west-1", "host", "h1"), 1_795_428_000_000L, 0.42),
                new Sample(SeriesKey.of("node_cpu_utilization_ratio", "region", "eu-west-1", "host", "h2"), 1_795_428_000_000L, Double.NaN),
                new Sample(SeriesKey.of("node_up", "region", "eu-west-1"), 1_795_428_000_250L, 1.0));
        assertThat(result.lines()).isEqualTo(4);
        assertThat(result.samples()).isEqualTo(3);
        assertThat(result.series()).isEqualTo(3);
        assertThat(result.timeRange()).contains(new ParseResult.TimeRange(1_795_428_000_000L, 1_795_428_000_250L));
    }

    @Test
    void takesColumnsInAnyOrder() throws IOException {
        parse("host,value,metric,timestamp\nh1,-Inf,m,5\n");
        assertThat(writer.samples).containsExactly(new Sample(SeriesKey.of("m", "host", "h1"), 5, Double.NEGATIVE_INFINITY));
    }

    @Test
    void readsRfc4180Quoting() throws IOException {
        parse("timestamp,metric,value,note\r\n"
                + "1,m,1,\"a,b\"\r\n"
                + "2,m,2,\"say \"\"hi\"\"\"\r\n"
                + "3,\"m\",\"3\",\"two\nlines\"\r\n"
                + "4,m,4,\"\"\r\n");
        assertThat(writer.samples).extracting(s -> s.key().labels().get("note"))
                .containsExactly("a,b", "say \"hi\"", "two\nlines", null);
        assertThat(writer.samples).extracting(Sample::timestampMs).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void skipsEmptyLinesAndAByteOrderMark() throws IOException {
        ParseResult result = parse("\uFEFFtimestamp,metric,value\n\n1,m,1\n\r\n2,m,2\n\n");
        assertThat(result.samples()).isEqualTo(2);
        assertThat(result.lines()).isEqualTo(6);
    }

    @Test
    void sameSeriesSharesOneKeyAndPartsDoNotRunTogether() throws IOException {
        parse("timestamp,metric,value,a,b\n1,m,1,xy,z\n2,m,1,xy,z\n3,m,1,x,yz\n");
        assertThat(writer.samples.get(1).key()).isSameAs(writer.samples.get(0).key());
        assertThat(writer.samples.get(2).key()).isEqualTo(SeriesKey.of("m", "a", "x", "b", "yz"));
    }

    @Test
    void readsAFileWithoutTrailingNewline() throws IOException {
        assertThat(parse("timestamp,metric,value\n1,m,1").samples()).isEqualTo(1);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            # bad quoting
            `1,m,1,"a"b`|           data.csv:2:10: expected ',' or the end of the line after the closing quote, found "b" (a quote inside a quoted field must be doubled)
            `1,m,1,a"b"`|           data.csv:2:8: a quote inside an unquoted field: enclose the whole field in quotes and double each quote inside it
            `1,m,1,"open`|          data.csv:2:7: unterminated quoted field: the quote opened here is never closed
            # wrong number of fields
            `1,m,1`|                data.csv:2: expected 4 fields as in the header, found 3
            `1,m,1,x,y`|            data.csv:2: expected 4 fields as in the header, found 5
            # bad timestamp
            `17000000O0,m,1,x`|     data.csv:2:1: expected epoch milliseconds or an ISO-8601 instant like 2026-11-23T10:00:00Z in the column "timestamp", found "17000000O0"
            `1.5,m,1,x`|            data.csv:2:1: expected epoch milliseconds or an ISO-8601 instant like 2026-11-23T10:00:00Z in the column "timestamp", found "1.5"
            `2026-11-23 10:00,m,1,x`|data.csv:2:1: expected epoch milliseconds or an ISO-8601 instant like 2026-11-23T10:00:00Z in the column "timestamp", found "2026-11-23 10:00"
            `,m,1,x`|               data.csv:2:1: expected epoch milliseconds or an ISO-8601 instant like 2026-11-23T10:00:00Z in the column "timestamp", found an empty field
            `1795428000000000,m,1,x`|data.csv:2:1: timestamp "1795428000000000" is outside the years 1 to 9999: an integer timestamp is epoch milliseconds (not micro- or nanoseconds)
            # bad number
            `1,m,abc,x`|            data.csv:2:5: expected a number, NaN, +Inf or -Inf in the column "value", found "abc"
            `1,m, 1,x`|             data.csv:2:5: expected a number, NaN, +Inf or -Inf in the column "value", found " 1"
            `1,m,,x`|               data.csv:2:5: expected a number, NaN, +Inf or -Inf in the column "value", found an empty field
            # bad metric
            `1,my metric,1,x`|      data.csv:2:3: expected a metric name (letters, digits, _ and :, not starting with a digit) in the column "metric", found "my metric"
            `1,,1,x`|               data.csv:2:3: expected a metric name (letters, digits, _ and :, not starting with a digit) in the column "metric", found an empty field
            `1,m,1,x\\rz`|           data.csv:2:8: a carriage return not followed by a line feed: end lines with LF or CRLF
            """)
    void reportsMalformedRecords(String record, String expected) {
        String input = "timestamp,metric,value,label\n" + record.replace("\\r", "\r") + "\n";
        assertThat(parseError(input)).hasMessage(expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            `time,metric,value`|          data.csv:1: the header has no column "timestamp": it must name the columns timestamp, metric and value (found: "time", "metric", "value")
            `timestamp,name,value`|       data.csv:1: the header has no column "metric": it must name the columns timestamp, metric and value (found: "timestamp", "name", "value")
            `timestamp,metric,Value`|     data.csv:1: the header has no column "value": it must name the columns timestamp, metric and value (found: "timestamp", "metric", "Value")
            `timestamp,metric,value,host name`|data.csv:1:24: the column "host name" is not a valid label name: use letters, digits and _, not starting with a digit (columns other than timestamp, metric and value are labels)
            `timestamp,metric,value,,x`|  data.csv:1:24: the column "" is not a valid label name: use letters, digits and _, not starting with a digit (columns other than timestamp, metric and value are labels)
            `timestamp,metric,value,metric`|data.csv:1:24: the column "metric" appears twice in the header
            """)
    void reportsBadHeaders(String header, String expected) {
        assertThat(parseError(header + "\n1,m,1\n")).hasMessage(expected);
    }

    @Test
    void anEmptyInputIsAnError() {
        assertThat(parseError("")).hasMessage(
                "data.csv: the input is empty: expected a header naming the columns timestamp, metric and value");
        assertThat(parseError("\n\r\n")).hasMessage(
                "data.csv: the input is empty: expected a header naming the columns timestamp, metric and value");
    }

    @Test
    void aMissingValueInALaterLineNamesThatLine() {
        String input = "timestamp,metric,value\n1,m,1\n2,m,2\n3,m,\"x\ny\"\n4,m,z\n";
        assertThat(parseError(input)).hasMessage(
                "data.csv:4:5: expected a number, NaN, +Inf or -Inf in the column \"value\", found \"x\\ny\"");
    }

    private static ImportException parseError(String input) {
        return catchThrowableOfType(ImportException.class,
                () -> new CsvParser().parse(new StringReader(input), "data.csv", (k, t, v) -> { }));
    }
}
