package io.pharos.engine.importer;

import java.io.IOException;

/**
 * Malformed input: says where (file, line, column, each when known), what was expected and what
 * was found, e.g. {@code metrics.om:1234:17: expected a value after the series, found "abc"}.
 * An {@link IOException} so that parsers reading from a {@link java.io.Reader} declare one type.
 */
public final class ImportException extends IOException {

    private static final int MAX_QUOTED = 60;

    private final String source;
    private final long line;
    private final int column;
    private final String problem;

    /**
     * @param source file name, or null when unknown
     * @param line 1-based line, or 0 when the problem is not on one line
     * @param column 1-based column, or 0 when a column would not help
     */
    public ImportException(String source, long line, int column, String problem) {
        super(location(source, line, column) + problem);
        this.source = source;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    /** The same problem, reported with a different explanation (e.g. after a limit was reached). */
    ImportException withProblem(String newProblem) {
        return new ImportException(source, line, column, newProblem);
    }

    public String source() {
        return source;
    }

    public long line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The message without the location. */
    public String problem() {
        return problem;
    }

    private static String location(String source, long line, int column) {
        if (source != null) {
            StringBuilder sb = new StringBuilder(source);
            if (line > 0) {
                sb.append(':').append(line);
                if (column > 0) {
                    sb.append(':').append(column);
                }
            }
            return sb.append(": ").toString();
        }
        if (line <= 0) {
            return "";
        }
        return column > 0 ? "line " + line + ", column " + column + ": " : "line " + line + ": ";
    }

    /** Offending text in quotes, shortened, with control characters made visible. */
    static String quote(char[] chars, int start, int end) {
        if (start >= end) {
            return "the end of the line";
        }
        StringBuilder sb = new StringBuilder(Math.min(end - start, MAX_QUOTED) + 8).append('"');
        int stop = Math.min(end, start + MAX_QUOTED);
        for (int i = start; i < stop; i++) {
            char c = chars[i];
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == '\uFEFF') {
                        sb.append(String.format("\\u%04X", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        if (stop < end) {
            sb.append('…');
        }
        return sb.append('"').toString();
    }

    static String quote(CharSequence text) {
        if (text.isEmpty()) {
            return "\"\"";
        }
        char[] chars = text.toString().toCharArray();
        return quote(chars, 0, chars.length);
    }
}
