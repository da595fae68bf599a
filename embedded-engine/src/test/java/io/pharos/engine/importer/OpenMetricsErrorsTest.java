package io.pharos.engine.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.StringReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each malformed line is reported with file, line, column, what was expected and what was found. */
class OpenMetricsErrorsTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            # missing value
            m{a="1"}|              2:9: expected a space and a value after the series, found the end of the line
            `m{a="1"} `|           2:10: expected a value after the series (a number, NaN, +Inf or -Inf), found the end of the line
            m  1 1|                2:3: expected a value after the series (a number, NaN, +Inf or -Inf), found a second space
            # missing timestamp
            m 1|                   2:4: the sample has no timestamp: importing history needs one per sample (seconds since 1970, e.g. 1700000000.123)
            m 1 # {a="b"} 1|       2:4: the sample has no timestamp: importing history needs one per sample (seconds since 1970, e.g. 1700000000.123)
            # bad label syntax
            m{a=1} 1 1|            2:5: expected a quoted value after a=, found "1} 1 1"
            m{a="1" b="2"} 1 1|    2:8: expected ',' or '}' after the value of label "a", found " b=\\"2\\"} 1 1"
            m{1a="x"} 1 1|         2:3: expected a label name or '}', found "1a=\\"x\\"} 1 1"
            m{a} 1 1|              2:4: expected '=' after the label name "a", found "} 1 1"
            m{,} 1 1|              2:3: expected a label name or '}', found ",} 1 1"
            m{a="1",} 1 1|         2:9: expected a label name after ',', found '}': OpenMetrics allows no trailing comma
            m{a="1",a="2"} 1 1|    2:1: label "a" appears twice in the series
            m{__name__="x"} 1 1|   2:1: label "__name__" is not allowed: the metric name goes before '{'
            m{a="1"}{b="2"} 1 1|   2:9: expected a space and a value after the series, found "{b=\\"2\\"} 1 1"
            1m 1 1|                2:1: expected a metric name at the start of the line, found "1m 1 1"
            m-x 1 1|               2:2: expected '{', a space or the end of the metric name "m", found "-x 1 1"
            # unterminated quote, missing brace
            m{a="1} 1 1|           2:5: unterminated value of label "a": no closing quote on this line
            m{a="1\\"} 1 1|        2:5: unterminated value of label "a": no closing quote on this line
            m{a="1" 1 1|           2:8: expected ',' or '}' after the value of label "a", found " 1 1"
            # bad timestamp
            m 1 17000000O0|        2:5: expected a timestamp after the value in seconds since 1970 (e.g. 1700000000.123), found "17000000O0"
            m 1 NaN|               2:5: expected a timestamp after the value in seconds since 1970 (e.g. 1700000000.123), found "NaN" (not a finite time)
            m 1 1700000000000|     2:5: timestamp "1700000000000" is outside the years 1 to 9999: OpenMetrics timestamps are seconds, was it written in milliseconds?
            m 1 2026-11-23T10:00:00Z|2:5: expected a timestamp after the value in seconds since 1970 (e.g. 1700000000.123), found "2026-11-23T10:00:00Z"
            # bad number
            m abc 1|               2:3: expected a value after the series (a number, NaN, +Inf or -Inf), found "abc"
            m 1,5 1|               2:3: expected a value after the series (a number, NaN, +Inf or -Inf), found "1,5"
            m 0x1p3 1|             2:3: expected a value after the series (a number, NaN, +Inf or -Inf), found "0x1p3"
            m 1e999 1|             2:3: expected a value after the series (a number, NaN, +Inf or -Inf), found "1e999" (out of the range of a 64-bit float)
            # garbage after the timestamp
            m 1 1 extra|           2:6: expected the end of the line or an exemplar (" # {labels} value") after the timestamp, found " extra"
            m_total 1 1 # {a="b"} 1 2 3|2:26: expected the end of the line after the exemplar's timestamp, found " 3"
            m_total 1 1 # {a="b"}x|2:22: expected a space and a value after the exemplar's labels, found "x"
            m_total 1 1 # {a="b",} 1|2:22: expected a label name after ',', found '}': OpenMetrics allows no trailing comma
            m 1 1 # {a="b"} 1|     2:7: "m" may not carry an exemplar: OpenMetrics allows them on _total and _bucket samples only
            m_created 1 1 # {} 1|  2:15: "m_created" may not carry an exemplar: OpenMetrics allows them on _total and _bucket samples only
            # lines OpenMetrics does not allow
            `` |                   2:1: found an empty line: OpenMetrics allows none (expected a sample or a # HELP, # TYPE, # UNIT or # EOF line)
            `# a comment`|           2:1: expected "# HELP", "# TYPE", "# UNIT" or "# EOF", found "# a comment": OpenMetrics allows no other comments
            `#EOF`|                  2:1: expected "# HELP", "# TYPE", "# UNIT" or "# EOF", found "#EOF": OpenMetrics allows no other comments
            `# TYPE m gauges`|       2:10: unknown metric type "gauges": expected counter, gauge, histogram, gaugehistogram, stateset, info, summary or unknown
            `# TYPE m`|              2:9: expected a space and the type after the metric name, found the end of the line
            `# HELP 9m text`|        2:8: expected a metric name after # HELP, found "9m text"
            `# UNIT m_bytes seconds`|2:16: unit "seconds" is not the suffix of the metric name "m_bytes": OpenMetrics wants the name to end with _seconds
            """)
    void reportsWhereAndWhat(String badLine, String expected) {
        String input = "ok 1 1\n" + badLine + "\n# EOF\n";
        ImportException e = parseError(input);
        assertThat(e).hasMessage("metrics.om:" + expected);
        assertThat(e.line()).isEqualTo(2);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            `ok 1 1\\r\\n# EOF\\n`|           metrics.om:1:7: found a carriage return at the end of the line: OpenMetrics lines end with LF only (convert the line endings, e.g. with dos2unix)
            `# EOF\\nok 1 1\\n`|              metrics.om:2:1: unexpected data after "# EOF" on line 1: OpenMetrics ends there
            `# EOF\\n\\n`|                    metrics.om:2:1: unexpected data after "# EOF" on line 1: OpenMetrics ends there
            `\\uFEFFok 1 1\\n`|               metrics.om:1:1: expected a metric name at the start of the line, found "\\uFEFFok 1 1"
            """)
    void reportsProblemsOfTheFileAsAWhole(String input, String expected) {
        String text = input.replace("\\r", "\r").replace("\\n", "\n").replace("\\uFEFF", "\uFEFF");
        assertThat(parseError(text)).hasMessage(expected);
    }

    private static ImportException parseError(String input) {
        return catchThrowableOfType(ImportException.class,
                () -> new OpenMetricsParser().parse(new StringReader(input), "metrics.om", (k, t, v) -> { }));
    }
}
