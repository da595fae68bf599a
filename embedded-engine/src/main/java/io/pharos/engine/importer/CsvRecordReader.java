package io.pharos.engine.importer;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.util.Arrays;

/**
 * RFC 4180 records from a {@link Reader}, streamed: comma-separated fields, a field may be quoted
 * with {@code "}, a quote inside a quoted field is doubled, a quoted field may hold commas and line
 * breaks. Records end with LF or CRLF; empty lines are skipped; a leading byte order mark is
 * ignored. Fields of the current record are {@code content()[fieldStart(i), fieldEnd(i))}, with the
 * line and column where each starts for messages.
 */
final class CsvRecordReader {

    private static final int EOF = -1;

    private final Reader in;
    private final String source;
    private final int maxRecordLength;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int limit;
    private boolean eof;
    private boolean started;

    private char[] content = new char[256];
    private int contentLength;
    private int[] fieldStart = new int[16];
    private int[] fieldEnd = new int[16];
    private long[] fieldLine = new long[16];
    private int[] fieldColumn = new int[16];
    private int fieldCount;
    private boolean lastFieldQuoted;

    /** Position of the next character, and of the one last read. */
    private long line = 1;
    private int column = 1;
    private long charLine;
    private int charColumn;
    private int lastChar = '\n';

    CsvRecordReader(Reader in, String source, int maxRecordLength) {
        this.in = in;
        this.source = source;
        this.maxRecordLength = maxRecordLength;
    }

    /** Reads the next non-empty record; false at the end of the input. */
    boolean next() throws IOException {
        while (readRecord()) {
            boolean blank = fieldCount == 1 && fieldEnd[0] == fieldStart[0] && !lastFieldQuoted;
            if (!blank) {
                return true;
            }
        }
        return false;
    }

    private boolean readRecord() throws IOException {
        int c = read();
        if (c == EOF) {
            return false;
        }
        contentLength = 0;
        fieldCount = 0;
        while (true) {
            beginField();
            lastFieldQuoted = c == '"';
            c = lastFieldQuoted ? readQuoted() : readUnquoted(c);
            endField();
            if (c == ',') {
                c = read();
                continue;
            }
            if (c == '\r') {
                long crLine = charLine;
                int crColumn = charColumn;
                c = read();
                if (c != '\n' && c != EOF) {
                    throw error(crLine, crColumn, "a carriage return not followed by a line feed: end lines with LF or CRLF");
                }
            }
            return true;
        }
    }

    /** After the opening quote; returns the character after the closing quote. */
    private int readQuoted() throws IOException {
        long quoteLine = charLine;
        int quoteColumn = charColumn;
        while (true) {
            int c = read();
            if (c == EOF) {
                throw error(quoteLine, quoteColumn, "unterminated quoted field: the quote opened here is never closed");
            }
            if (c == '"') {
                c = read();
                if (c != '"') {
                    if (c != ',' && c != '\n' && c != '\r' && c != EOF) {
                        throw error(charLine, charColumn, "expected ',' or the end of the line after the closing quote, found "
                                + ImportException.quote(String.valueOf((char) c))
                                + " (a quote inside a quoted field must be doubled)");
                    }
                    return c;
                }
            }
            append((char) c);
        }
    }

    /** From the field's first character; returns the character that ended the field. */
    private int readUnquoted(int c) throws IOException {
        while (c != ',' && c != '\n' && c != '\r' && c != EOF) {
            if (c == '"') {
                throw error(charLine, charColumn, "a quote inside an unquoted field: enclose the whole field in quotes"
                        + " and double each quote inside it");
            }
            append((char) c);
            c = read();
        }
        return c;
    }

    private int read() throws IOException {
        if (pos == limit && !fill()) {
            return EOF;
        }
        char c = buf[pos++];
        if (!started) {
            started = true;
            if (c == '\uFEFF') {
                return read();
            }
        }
        charLine = line;
        charColumn = column;
        if (c == '\n') {
            line++;
            column = 1;
        } else {
            column++;
        }
        lastChar = c;
        return c;
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n;
        try {
            n = in.read(buf, 0, buf.length);
        } catch (CharacterCodingException e) {
            throw error(line, 0, "the input is not valid UTF-8 text: save or convert the file as UTF-8");
        }
        if (n < 0) {
            eof = true;
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    private void beginField() {
        if (fieldCount == fieldStart.length) {
            int n = fieldCount * 2;
            fieldStart = Arrays.copyOf(fieldStart, n);
            fieldEnd = Arrays.copyOf(fieldEnd, n);
            fieldLine = Arrays.copyOf(fieldLine, n);
            fieldColumn = Arrays.copyOf(fieldColumn, n);
        }
        fieldStart[fieldCount] = contentLength;
        fieldLine[fieldCount] = charLine;
        fieldColumn[fieldCount] = charColumn;
    }

    private void endField() {
        fieldEnd[fieldCount++] = contentLength;
    }

    private void append(char c) throws ImportException {
        if (contentLength == content.length) {
            if (contentLength >= maxRecordLength) {
                throw error(fieldLine[0], 0, "record longer than " + maxRecordLength
                        + " characters: is a quote left open, or is this not a CSV file?");
            }
            content = Arrays.copyOf(content, Math.min(contentLength * 2, maxRecordLength));
        }
        content[contentLength++] = c;
    }

    private ImportException error(long atLine, int atColumn, String problem) {
        return new ImportException(source, atLine, atColumn, problem);
    }

    int fieldCount() {
        return fieldCount;
    }

    char[] content() {
        return content;
    }

    int fieldStart(int i) {
        return fieldStart[i];
    }

    int fieldEnd(int i) {
        return fieldEnd[i];
    }

    String field(int i) {
        return new String(content, fieldStart[i], fieldEnd[i] - fieldStart[i]);
    }

    long fieldLine(int i) {
        return fieldLine[i];
    }

    int fieldColumn(int i) {
        return fieldColumn[i];
    }

    /** Line where the current record starts. */
    long recordLine() {
        return fieldLine[0];
    }

    /** Physical lines read so far. */
    long linesRead() {
        return lastChar == '\n' ? line - 1 : line;
    }
}
