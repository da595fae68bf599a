package io.pharos.engine.importer;

import io.pharos.engine.model.Labels;
import io.pharos.engine.model.SeriesKey;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.Writer;
import java.util.HashSet;
import java.util.Set;

/**
 * Writes samples as OpenMetrics text that {@link OpenMetricsParser} and
 * {@code promtool tsdb create-blocks-from openmetrics} both read:
 * <pre>
 * # TYPE node_cpu_utilization_ratio gauge
 * node_cpu_utilization_ratio{host="h1",region="eu-west-1"} 0.42 1700000000.123
 * # EOF
 * </pre>
 * Each metric is written as a gauge family; OpenMetrics forbids interleaving families, so the
 * samples of one metric must come together (series within it may interleave). Timestamps are
 * seconds with up to three decimals; values are the shortest text that reads back to the same
 * double ({@link Double#toString}), {@code NaN}, {@code +Inf} or {@code -Inf}. Labels with an
 * empty value are left out: in Prometheus they mean no label. {@link #finish()} (or
 * {@link #close()}) writes the closing {@code # EOF}. Output is not buffered here: pass a
 * {@link java.io.BufferedWriter}.
 */
public final class OpenMetricsWriter implements Closeable, Flushable {

    private final Writer out;
    private final Set<String> writtenFamilies = new HashSet<>();
    private final StringBuilder line = new StringBuilder(256);
    private String family;
    private SeriesKey lastKey;
    private String lastSeriesText;
    private boolean finished;

    public OpenMetricsWriter(Writer out) {
        this.out = out;
    }

    public void write(SeriesKey key, long timestampMs, double value) throws IOException {
        startSeries(key);
        line.setLength(0);
        line.append(lastSeriesText).append(' ');
        appendValue(value, line);
        line.append(' ');
        appendSeconds(timestampMs, line);
        out.append(line.append('\n'));
    }

    /** Writes {@code count} samples of one series. */
    public void writeSeries(SeriesKey key, long[] timestampsMs, double[] values, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            write(key, timestampsMs[i], values[i]);
        }
    }

    /** Writes {@code # EOF} and flushes; nothing may be written after it. */
    public void finish() throws IOException {
        if (!finished) {
            finished = true;
            out.write("# EOF\n");
            out.flush();
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /** Finishes, then closes the underlying writer. */
    @Override
    public void close() throws IOException {
        try {
            finish();
        } finally {
            out.close();
        }
    }

    private void startSeries(SeriesKey key) throws IOException {
        if (finished) {
            throw new IllegalStateException("samples written after # EOF");
        }
        if (key.equals(lastKey)) {
            return;
        }
        String metric = key.metric();
        if (!metric.equals(family)) {
            if (!writtenFamilies.add(metric)) {
                throw new IllegalStateException("samples of metric " + metric + " must be written together:"
                        + " OpenMetrics forbids a family that comes back after another one");
            }
            family = metric;
            out.write("# TYPE " + metric + " gauge\n");
        }
        lastKey = key;
        lastSeriesText = seriesText(key);
    }

    /**
     * The series as both text formats write it: {@code name{a="x",b="y"}}, labels with an empty value
     * left out (in Prometheus they mean no label).
     */
    public static String seriesText(SeriesKey key) {
        Labels labels = key.labels();
        StringBuilder sb = new StringBuilder(key.metric());
        boolean first = true;
        for (int i = 0; i < labels.size(); i++) {
            String value = labels.value(i);
            if (value.isEmpty()) {
                continue;
            }
            sb.append(first ? '{' : ',').append(labels.name(i)).append("=\"");
            first = false;
            Labels.escape(value, sb);
            sb.append('"');
        }
        return first ? sb.toString() : sb.append('}').toString();
    }

    /** A value as both text formats write it: the shortest decimal, NaN, +Inf or -Inf. */
    public static void appendValue(double value, StringBuilder sb) {
        if (Double.isNaN(value)) {
            sb.append("NaN");
        } else if (value == Double.POSITIVE_INFINITY) {
            sb.append("+Inf");
        } else if (value == Double.NEGATIVE_INFINITY) {
            sb.append("-Inf");
        } else {
            sb.append(value);
        }
    }

    /** Epoch milliseconds as exact decimal seconds: 1700000000123 → 1700000000.123, 1500 → 1.5. */
    static void appendSeconds(long ms, StringBuilder sb) {
        if (ms < 0) {
            sb.append('-');
        }
        // Unsigned arithmetic on the magnitude also covers Long.MIN_VALUE.
        long magnitude = ms < 0 ? -ms : ms;
        long seconds = Long.divideUnsigned(magnitude, 1000);
        int millis = (int) Long.remainderUnsigned(magnitude, 1000);
        sb.append(Long.toUnsignedString(seconds));
        if (millis != 0) {
            sb.append('.');
            if (millis < 100) {
                sb.append('0');
            }
            if (millis < 10) {
                sb.append('0');
            }
            int digits = millis;
            while (digits % 10 == 0) {
                digits /= 10;
            }
            sb.append(digits);
        }
    }
}
