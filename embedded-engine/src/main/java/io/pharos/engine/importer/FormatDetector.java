package io.pharos.engine.importer;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** Tells OpenMetrics from CSV by file name, or else by the first line. */
final class FormatDetector {

    private FormatDetector() {
    }

    /** The format a file name says, or null when it says none. */
    static Format fromFileName(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) {
            name = name.substring(0, name.length() - 3);
        }
        if (name.endsWith(".om") || name.endsWith(".openmetrics")) {
            return Format.OPENMETRICS;
        }
        if (name.endsWith(".csv")) {
            return Format.CSV;
        }
        return null;
    }

    /** The format the first line of {@code head} looks like, or null. */
    static Format fromContent(byte[] head, int length) {
        String text = new String(head, 0, length, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        int newline = text.indexOf('\n');
        String first = newline < 0 ? text : text.substring(0, newline);
        if (first.startsWith("# TYPE ") || first.startsWith("# HELP ") || first.startsWith("# UNIT ") || first.equals("# EOF")) {
            return Format.OPENMETRICS;
        }
        List<String> cells = List.of(first.replace("\"", "").replace("\r", "").split(",", -1));
        if (cells.contains(CsvColumns.TIMESTAMP) && cells.contains(CsvColumns.METRIC) && cells.contains(CsvColumns.VALUE)) {
            return Format.CSV;
        }
        if (!first.isEmpty() && Names.isMetricNameStart(first.charAt(0))) {
            int i = 1;
            while (i < first.length() && Names.isMetricNameChar(first.charAt(i))) {
                i++;
            }
            if (i < first.length() && (first.charAt(i) == '{' || first.charAt(i) == ' ')) {
                return Format.OPENMETRICS;
            }
        }
        return null;
    }
}
