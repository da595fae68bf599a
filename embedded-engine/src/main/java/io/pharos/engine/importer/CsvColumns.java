package io.pharos.engine.importer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The CSV header: where the required columns are, and which columns are labels. */
final class CsvColumns {

    static final String TIMESTAMP = "timestamp";
    static final String METRIC = "metric";
    static final String VALUE = "value";

    final int count;
    final int timestamp;
    final int metric;
    final int value;
    final int[] labelColumns;
    final String[] labelNames;

    private CsvColumns(int count, int timestamp, int metric, int value, int[] labelColumns, String[] labelNames) {
        this.count = count;
        this.timestamp = timestamp;
        this.metric = metric;
        this.value = value;
        this.labelColumns = labelColumns;
        this.labelNames = labelNames;
    }

    static CsvColumns of(CsvRecordReader header, String source) throws ImportException {
        int timestamp = -1;
        int metric = -1;
        int value = -1;
        List<Integer> labelColumns = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < header.fieldCount(); i++) {
            String name = header.field(i);
            long line = header.fieldLine(i);
            int column = header.fieldColumn(i);
            if (!seen.add(name)) {
                throw new ImportException(source, line, column, "the column " + ImportException.quote(name) + " appears twice in the header");
            }
            switch (name) {
                case TIMESTAMP -> timestamp = i;
                case METRIC -> metric = i;
                case VALUE -> value = i;
                default -> {
                    if (!Names.isLabelName(name) || name.equals("__name__")) {
                        throw new ImportException(source, line, column, "the column " + ImportException.quote(name)
                                + " is not a valid label name: use letters, digits and _, not starting with a digit"
                                + " (columns other than timestamp, metric and value are labels)");
                    }
                    labelColumns.add(i);
                    names.add(name);
                }
            }
        }
        String missing = timestamp < 0 ? TIMESTAMP : metric < 0 ? METRIC : value < 0 ? VALUE : null;
        if (missing != null) {
            throw new ImportException(source, header.recordLine(), 0, "the header has no column \"" + missing
                    + "\": it must name the columns timestamp, metric and value (found: " + String.join(", ", header(header)) + ")");
        }
        return new CsvColumns(header.fieldCount(), timestamp, metric, value,
                labelColumns.stream().mapToInt(Integer::intValue).toArray(), names.toArray(String[]::new));
    }

    private static List<String> header(CsvRecordReader header) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < header.fieldCount(); i++) {
            names.add(ImportException.quote(header.field(i)));
        }
        return names;
    }
}
