package io.pharos.views.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/**
 * What a table shows, as data: its visible columns and its rows in the order shown (sorted, filtered),
 * each cell the value behind it (a number stays a number, not its formatted text). Written as CSV or
 * JSON for whoever takes it further (docs/console.md, "Exporting a table").
 */
public record TableData(List<String> columns, List<List<Object>> rows) {

    public TableData {
        columns = List.copyOf(columns);
        rows = rows.stream().map(r -> java.util.Collections.unmodifiableList(new ArrayList<>(r))).toList();
    }

    /** The table as it is shown now; read it on the UI thread. */
    public static TableData of(TableView<?> table) {
        List<TableColumn<?, ?>> columns = new ArrayList<>(table.getVisibleLeafColumns());
        List<String> names = columns.stream().map(TableColumn::getText).toList();
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < table.getItems().size(); i++) {
            List<Object> row = new ArrayList<>();
            for (TableColumn<?, ?> c : columns) {
                row.add(plain(c.getCellData(i)));
            }
            rows.add(row);
        }
        return new TableData(names, rows);
    }

    /**
     * A chart's data: a row per time step (ISO-8601, UTC: the step's start) and a column per line, its
     * value there (empty where the line has none); lines on different steps are merged by time.
     *
     * @param lines the lines by their column name, in the chart's order
     */
    public static TableData ofSeries(java.util.Map<String, io.pharos.engine.query.TimeSeries> lines) {
        List<String> names = new ArrayList<>();
        names.add("time");
        names.addAll(lines.keySet());
        java.util.TreeMap<Long, Object[]> byTime = new java.util.TreeMap<>();
        int column = 1;
        for (io.pharos.engine.query.TimeSeries s : lines.values()) {
            for (int i = 0; i < s.size(); i++) {
                double v = s.values()[i];
                if (Double.isNaN(v)) {
                    continue;
                }
                Object[] row = byTime.computeIfAbsent(s.time(i), t -> new Object[names.size()]);
                row[column] = v;
            }
            column++;
        }
        List<List<Object>> rows = new ArrayList<>();
        byTime.forEach((t, row) -> {
            row[0] = java.time.Instant.ofEpochMilli(t).toString();
            rows.add(java.util.Arrays.asList(row));
        });
        return new TableData(names, rows);
    }

    private static Object plain(Object v) {
        Object x = v instanceof ObservableValue<?> o ? o.getValue() : v;
        if (x instanceof Double d && !Double.isFinite(d)) {
            return null; // no reading: empty in CSV, null in JSON
        }
        return x == null || x instanceof Number || x instanceof Boolean ? x : x.toString();
    }

    /**
     * RFC 4180 CSV with a header row. A text cell that a spreadsheet would take for a formula (it starts
     * with =, +, -, @, a tab or a carriage return) is written after an apostrophe: a label value from a
     * monitored system must not run as a formula where the file is opened.
     */
    public String csv() {
        StringBuilder out = new StringBuilder();
        line(out, columns);
        for (List<Object> r : rows) {
            line(out, r);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            Object v = cells.get(i);
            if (v == null) {
                continue;
            }
            String s = v instanceof String t && !t.isEmpty() && "=+-@\t\r".indexOf(t.charAt(0)) >= 0 ? "'" + t
                    : v.toString();
            boolean quote = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
            out.append(quote ? '"' + s.replace("\"", "\"\"") + '"' : s);
        }
        out.append("\r\n");
    }

    /** A JSON array of objects, one a row, keyed by the column names; numbers as numbers. */
    public String json() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (List<Object> r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                m.put(columns.get(i), r.get(i));
            }
            out.add(m);
        }
        try {
            return JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("strings and numbers always serialise", e);
        }
    }
}
