package io.pharos.engine.importer;

import io.pharos.engine.model.Labels;
import io.pharos.engine.model.SeriesKey;
import java.io.IOException;
import java.io.Reader;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Samples in a long CSV format, one sample per record:
 * <pre>
 * timestamp,metric,value,region,host
 * 2026-11-23T10:00:00Z,node_cpu_utilization_ratio,0.42,eu-west-1,h1
 * 1795428000000,node_cpu_utilization_ratio,NaN,eu-west-1,"h2"
 * 2026-11-23T10:00:00.250+01:00,node_up,1,eu-west-1,
 * </pre>
 * <ul>
 *   <li>UTF-8 (a leading byte order mark is ignored), RFC 4180: fields separated by commas and
 *       optionally enclosed in double quotes; a quoted field may hold commas and line breaks, and
 *       a quote inside it is doubled ({@code "say ""hi"""}). Lines end with LF or CRLF. Empty lines
 *       are skipped. Spaces are part of a field, never trimmed.</li>
 *   <li>The first record is the header. The columns {@code timestamp}, {@code metric} and
 *       {@code value} are required, in any order (names are case-sensitive). Every other column is
 *       a label named by its header, which must be a Prometheus label name. An empty cell means the
 *       row's series has no such label.</li>
 *   <li>{@code timestamp}: either integer epoch milliseconds ({@code 1795428000000}) or an
 *       ISO-8601 instant with {@code Z} or an offset ({@code 2026-11-23T10:00:00Z},
 *       {@code 2026-11-23T11:00:00.250+01:00}); digits past the millisecond are cut off. Epoch
 *       seconds are not accepted: an integer is always milliseconds. Years 1 to 9999.</li>
 *   <li>{@code metric}: a Prometheus metric name. {@code value}: as in OpenMetrics (decimal,
 *       exponent, {@code NaN}, {@code +Inf}, {@code -Inf}).</li>
 *   <li>Every record has as many fields as the header.</li>
 * </ul>
 */
public final class CsvParser implements SampleParser {

    private final ParseOptions options;

    public CsvParser() {
        this(ParseOptions.defaults());
    }

    public CsvParser(ParseOptions options) {
        this.options = options;
    }

    @Override
    public ParseResult parse(Reader in, String source, SampleConsumer sink) throws IOException {
        CsvRecordReader records = new CsvRecordReader(in, source, options.maxLineLength());
        if (!records.next()) {
            throw new ImportException(source, 0, 0, "the input is empty: expected a header naming the columns timestamp, metric and value");
        }
        return new Run(records, CsvColumns.of(records, source), source, sink).parseAll();
    }

    /** The state of one parse. */
    private final class Run {
        private final CsvRecordReader records;
        private final CsvColumns columns;
        private final String source;
        private final SampleConsumer sink;
        private final SeriesCache cache = new SeriesCache(options.seriesCacheCapacity());
        private final ParseStats stats = new ParseStats(options.maxSkippedLines());
        private char[] keyText = new char[128];
        private char[] lastInstantText;
        private long lastInstantMs;

        Run(CsvRecordReader records, CsvColumns columns, String source, SampleConsumer sink) {
            this.records = records;
            this.columns = columns;
            this.source = source;
            this.sink = sink;
        }

        ParseResult parseAll() throws IOException {
            while (records.next()) {
                try {
                    parseRecord();
                } catch (ImportException e) {
                    stats.skipOrThrow(e);
                }
            }
            return stats.result(records.linesRead(), cache);
        }

        private void parseRecord() throws ImportException {
            if (records.fieldCount() != columns.count) {
                throw new ImportException(source, records.recordLine(), 0, "expected " + columns.count
                        + " fields as in the header, found " + records.fieldCount());
            }
            long timestampMs = timestamp(columns.timestamp);
            double value = value(columns.value);
            SeriesKey key = series();
            sink.accept(key, timestampMs, value);
            stats.sample(timestampMs);
        }

        private SeriesKey series() throws ImportException {
            int length = 0;
            length = appendKeyPart(columns.metric, length);
            for (int column : columns.labelColumns) {
                length = appendKeyPart(column, length);
            }
            int hash = SeriesCache.hash(keyText, 0, length);
            SeriesKey key = cache.get(keyText, 0, length, hash);
            return key != null ? key : cache.add(keyText, 0, length, hash, newKey());
        }

        /** Cache key: each part preceded by its length, so that no two rows' parts run together. */
        private int appendKeyPart(int field, int at) {
            int start = records.fieldStart(field);
            int n = records.fieldEnd(field) - start;
            if (at + n + 2 > keyText.length) {
                keyText = Arrays.copyOf(keyText, Math.max(keyText.length * 2, at + n + 2));
            }
            keyText[at] = (char) (n >>> 16);
            keyText[at + 1] = (char) n;
            System.arraycopy(records.content(), start, keyText, at + 2, n);
            return at + n + 2;
        }

        private SeriesKey newKey() throws ImportException {
            String metric = records.field(columns.metric);
            if (!Names.isMetricName(metric)) {
                throw fieldError(columns.metric, "expected a metric name (letters, digits, _ and :, not starting with a digit) in the column \"metric\", found "
                        + quoteField(columns.metric));
            }
            List<String> pairs = new ArrayList<>();
            for (int i = 0; i < columns.labelColumns.length; i++) {
                String value = records.field(columns.labelColumns[i]);
                if (!value.isEmpty()) {
                    pairs.add(columns.labelNames[i]);
                    pairs.add(value);
                }
            }
            return new SeriesKey(metric, pairs.isEmpty() ? Labels.EMPTY : Labels.of(pairs.toArray(String[]::new)));
        }

        private double value(int field) throws ImportException {
            try {
                return NumberText.parseDouble(records.content(), records.fieldStart(field), records.fieldEnd(field));
            } catch (InvalidNumberException e) {
                throw fieldError(field, "expected a number, NaN, +Inf or -Inf in the column \"value\", found "
                        + quoteField(field) + (e.reason().equals("not a number") ? "" : " (" + e.reason() + ")"));
            }
        }

        private long timestamp(int field) throws ImportException {
            char[] b = records.content();
            int start = records.fieldStart(field);
            int end = records.fieldEnd(field);
            long ms;
            if (isInteger(b, start, end)) {
                ms = end - start > 18 ? Long.MAX_VALUE : Long.parseLong(new String(b, start, end - start));
            } else if (lastInstantText != null && Arrays.equals(b, start, end, lastInstantText, 0, lastInstantText.length)) {
                ms = lastInstantMs;
            } else {
                ms = instant(field, b, start, end);
                lastInstantText = Arrays.copyOfRange(b, start, end);
                lastInstantMs = ms;
            }
            if (ms > NumberText.MAX_MILLIS || ms < NumberText.MIN_MILLIS) {
                throw fieldError(field, "timestamp " + quoteField(field) + " is outside the years 1 to 9999:"
                        + " an integer timestamp is epoch milliseconds (not micro- or nanoseconds)");
            }
            return ms;
        }

        private long instant(int field, char[] b, int start, int end) throws ImportException {
            try {
                return Instant.parse(new String(b, start, end - start)).toEpochMilli();
            } catch (DateTimeParseException | ArithmeticException e) {
                throw fieldError(field, "expected epoch milliseconds or an ISO-8601 instant like 2026-11-23T10:00:00Z"
                        + " in the column \"timestamp\", found " + quoteField(field));
            }
        }

        private static boolean isInteger(char[] b, int start, int end) {
            int p = start < end && b[start] == '-' ? start + 1 : start;
            if (p == end) {
                return false;
            }
            for (; p < end; p++) {
                if (!NumberText.isDigit(b[p])) {
                    return false;
                }
            }
            return true;
        }

        private String quoteField(int field) {
            int start = records.fieldStart(field);
            int end = records.fieldEnd(field);
            return start == end ? "an empty field" : ImportException.quote(records.content(), start, end);
        }

        private ImportException fieldError(int field, String problem) {
            return new ImportException(source, records.fieldLine(field), records.fieldColumn(field), problem);
        }
    }
}
