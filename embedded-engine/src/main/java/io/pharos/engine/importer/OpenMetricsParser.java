package io.pharos.engine.importer;

import io.pharos.engine.model.SeriesKey;
import java.io.IOException;
import java.io.Reader;

/**
 * OpenMetrics text as {@code promtool tsdb create-blocks-from openmetrics} reads it, streamed line
 * by line:
 * <pre>
 * # TYPE http_requests counter
 * # HELP http_requests Requests served.
 * http_requests_total{method="get",code="200"} 1027 1700000000.123
 * http_requests_created{method="get",code="200"} 1699990000 1700000000.123
 * # EOF
 * </pre>
 * <ul>
 *   <li>One rule for time: the timestamp is in <b>seconds</b> since 1970 (decimals allowed),
 *       converted to milliseconds exactly, digits past the millisecond cut off. Every sample
 *       needs one: history without times means nothing. Times outside the years 1–9999 are
 *       rejected (usually milliseconds written where seconds belong).</li>
 *   <li>Values: decimals, exponents, {@code NaN}, {@code +Inf}, {@code -Inf}; see {@link NumberText}.</li>
 *   <li>Counter ({@code _total}, {@code _created}) and histogram ({@code _bucket}, {@code _sum},
 *       {@code _count}) lines are plain samples of those names. Exemplars
 *       ({@code ... # {trace_id="x"} 1.0}, on {@code _total} and {@code _bucket} lines only) are
 *       checked and dropped.</li>
 *   <li>As in promtool (checked against 2.42): exactly one space between the parts, no blank
 *       lines, no comments other than HELP, TYPE, UNIT and EOF, only LF line ends, no trailing
 *       comma in labels, nothing after {@code # EOF}. Two deliberate differences: a missing
 *       {@code # EOF} is accepted with a warning in the result (the input may be truncated), and
 *       a label given twice or a {@code __name__} label is an error. Labels with an empty value
 *       are dropped, as Prometheus does.</li>
 * </ul>
 * Series texts are cached ({@link SeriesCache}), so a repeated series costs no label parsing.
 * One instance may parse many inputs, one at a time or concurrently.
 */
public final class OpenMetricsParser implements SampleParser {

    private final ParseOptions options;

    public OpenMetricsParser() {
        this(ParseOptions.defaults());
    }

    public OpenMetricsParser(ParseOptions options) {
        this.options = options;
    }

    @Override
    public ParseResult parse(Reader in, String source, SampleConsumer sink) throws IOException {
        return new Run(new LineReader(in, source, options.maxLineLength()), sink).parseAll();
    }

    /** The state of one parse. */
    private final class Run {
        private final LineReader line;
        private final SampleConsumer sink;
        private final SeriesCache cache = new SeriesCache(options.seriesCacheCapacity());
        private final ParseStats stats = new ParseStats(options.maxSkippedLines());
        private final SeriesText seriesText;
        private final OpenMetricsMetadata metadata;
        private long eofLine;

        Run(LineReader line, SampleConsumer sink) {
            this.line = line;
            this.sink = sink;
            this.seriesText = new SeriesText(line);
            this.metadata = new OpenMetricsMetadata(line);
        }

        ParseResult parseAll() throws IOException {
            while (line.next()) {
                try {
                    parseLine(line.chars(), line.start(), line.end());
                } catch (ImportException e) {
                    stats.skipOrThrow(e);
                }
            }
            if (eofLine == 0) {
                String where = line.source() == null ? "the input" : line.source();
                stats.warn(where + " does not end with \"# EOF\": OpenMetrics requires it, so the input may be truncated");
            }
            return stats.result(line.lineNumber(), cache);
        }

        private void parseLine(char[] b, int start, int end) throws ImportException {
            if (eofLine != 0) {
                throw line.errorAt(start, "unexpected data after \"# EOF\" on line " + eofLine + ": OpenMetrics ends there");
            }
            if (start == end) {
                throw line.errorAt(start, "found an empty line: OpenMetrics allows none (expected a sample or a # HELP, # TYPE, # UNIT or # EOF line)");
            }
            if (b[end - 1] == '\r') {
                throw line.errorAt(end - 1, "found a carriage return at the end of the line: OpenMetrics lines end with LF only"
                        + " (convert the line endings, e.g. with dos2unix)");
            }
            if (b[start] == '#') {
                if (metadata.parse(b, start, end)) {
                    eofLine = line.lineNumber();
                }
                return;
            }
            parseSample(b, start, end);
        }

        private void parseSample(char[] b, int start, int end) throws ImportException {
            int seriesEnd = SeriesText.scanEnd(b, start, end);
            if (seriesEnd < 0) {
                seriesText.parse(b, start, end);
                throw line.errorAt(end, "expected '}' to close the labels, found the end of the line");
            }
            SeriesKey key = lookUp(b, start, seriesEnd);

            int p = seriesEnd;
            if (p >= end || b[p] != ' ') {
                throw line.errorAt(p, "expected a space and a value after the series, found " + ImportException.quote(b, p, end));
            }
            int valueStart = ++p;
            while (p < end && b[p] != ' ') {
                p++;
            }
            double value = value(b, valueStart, p, "a value after the series");

            if (p >= end || (p + 2 < end && b[p + 1] == '#' && b[p + 2] == ' ')) {
                throw line.errorAt(p, "the sample has no timestamp: importing history needs one per sample"
                        + " (seconds since 1970, e.g. 1700000000.123)");
            }
            int timeStart = ++p;
            while (p < end && b[p] != ' ') {
                p++;
            }
            long timestampMs = timestamp(b, timeStart, p, "a timestamp after the value");
            if (p < end) {
                checkExemplar(key, b, p, end);
            }
            sink.accept(key, timestampMs, value);
            stats.sample(timestampMs);
        }

        private SeriesKey lookUp(char[] b, int start, int end) throws ImportException {
            int hash = SeriesCache.hash(b, start, end);
            SeriesKey key = cache.get(b, start, end, hash);
            return key != null ? key : cache.add(b, start, end, hash, seriesText.parse(b, start, end));
        }

        /**
         * {@code " # {labels} value [timestamp]"} after the timestamp, on a _total or _bucket sample
         * only (as promtool wants): checked, then dropped.
         */
        private void checkExemplar(SeriesKey key, char[] b, int p, int end) throws ImportException {
            if (!(p + 3 < end && b[p + 1] == '#' && b[p + 2] == ' ' && b[p + 3] == '{')) {
                throw line.errorAt(p, "expected the end of the line or an exemplar (\" # {labels} value\") after the timestamp, found "
                        + ImportException.quote(b, p, end));
            }
            if (!key.metric().endsWith("_total") && !key.metric().endsWith("_bucket")) {
                throw line.errorAt(p + 1, "\"" + key.metric() + "\" may not carry an exemplar: OpenMetrics allows them"
                        + " on _total and _bucket samples only");
            }
            p = seriesText.parseLabels(b, p + 4, end, null);
            if (p >= end || b[p] != ' ') {
                throw line.errorAt(p, "expected a space and a value after the exemplar's labels, found " + ImportException.quote(b, p, end));
            }
            int valueStart = ++p;
            while (p < end && b[p] != ' ') {
                p++;
            }
            value(b, valueStart, p, "the exemplar's value");
            if (p < end) {
                int timeStart = ++p;
                while (p < end && b[p] != ' ') {
                    p++;
                }
                timestamp(b, timeStart, p, "the exemplar's timestamp");
                if (p < end) {
                    throw line.errorAt(p, "expected the end of the line after the exemplar's timestamp, found "
                            + ImportException.quote(b, p, end));
                }
            }
        }

        private double value(char[] b, int start, int end, String expected) throws ImportException {
            try {
                return NumberText.parseDouble(b, start, end);
            } catch (InvalidNumberException e) {
                throw line.errorAt(start, "expected " + expected + " (a number, NaN, +Inf or -Inf), found "
                        + found(b, start, end) + reason(e));
            }
        }

        private long timestamp(char[] b, int start, int end, String expected) throws ImportException {
            long ms;
            try {
                ms = NumberText.parseSecondsAsMillis(b, start, end);
            } catch (InvalidNumberException e) {
                throw line.errorAt(start, "expected " + expected + " in seconds since 1970 (e.g. 1700000000.123), found "
                        + found(b, start, end) + reason(e));
            }
            if (ms > NumberText.MAX_MILLIS || ms < NumberText.MIN_MILLIS) {
                throw line.errorAt(start, "timestamp " + ImportException.quote(b, start, end)
                        + " is outside the years 1 to 9999: OpenMetrics timestamps are seconds, was it written in milliseconds?");
            }
            return ms;
        }

        private String found(char[] b, int start, int end) {
            return start == end && end < line.end() ? "a second space" : ImportException.quote(b, start, end);
        }

        private static String reason(InvalidNumberException e) {
            return e.reason().equals("not a number") ? "" : " (" + e.reason() + ")";
        }
    }
}
