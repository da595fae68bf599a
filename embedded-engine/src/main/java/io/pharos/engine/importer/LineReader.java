package io.pharos.engine.importer;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;

/**
 * Lines of a {@link Reader} without making a String of each: the current line is
 * {@code chars()[start(), end())}, valid until the next call of {@link #next()}. Only LF ends a
 * line, so a CR stays in the line and the format can say something precise about it. Memory is one
 * buffer of the longest line, bounded by {@code maxLineLength}, whatever the size of the input.
 */
final class LineReader {

    private static final int INITIAL_BUFFER = 1 << 16;

    private final Reader in;
    private final String source;
    private final int maxLineLength;
    private char[] buf;
    private int pos;
    private int limit;
    private boolean eof;
    private long lineNumber;
    private int lineStart;
    private int lineEnd;

    LineReader(Reader in, String source, int maxLineLength) {
        this.in = in;
        this.source = source;
        this.maxLineLength = maxLineLength;
        this.buf = new char[Math.min(INITIAL_BUFFER, Math.max(16, maxLineLength + 1))];
    }

    /** Advances to the next line; false at the end of the input. */
    boolean next() throws IOException {
        int scan = pos;
        while (true) {
            char[] b = buf;
            for (int i = scan, n = limit; i < n; i++) {
                if (b[i] == '\n') {
                    return take(i, i + 1);
                }
            }
            if (eof) {
                return pos < limit && take(limit, limit);
            }
            scan = limit - pos;
            fill();
        }
    }

    private boolean take(int end, int nextPos) throws ImportException {
        lineNumber++;
        if (end - pos > maxLineLength) {
            throw tooLong(lineNumber);
        }
        lineStart = pos;
        lineEnd = end;
        pos = nextPos;
        return true;
    }

    private void fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        if (buf.length - limit < 2) {
            if (limit > maxLineLength) {
                throw tooLong(lineNumber + 1);
            }
            char[] bigger = new char[(int) Math.min((long) buf.length * 2, (long) maxLineLength + 2)];
            System.arraycopy(buf, 0, bigger, 0, limit);
            buf = bigger;
        }
        int n;
        try {
            n = in.read(buf, limit, buf.length - limit);
        } catch (CharacterCodingException e) {
            // The text before the bad bytes is all in the buffer, and it holds no line break.
            throw new ImportException(source, lineNumber + 1, 0,
                    "the input is not valid UTF-8 text: save or convert the file as UTF-8");
        }
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
    }

    private ImportException tooLong(long line) {
        return new ImportException(source, line, 0,
                "line is longer than " + maxLineLength + " characters: is this really a text file of this format?");
    }

    char[] chars() {
        return buf;
    }

    int start() {
        return lineStart;
    }

    int end() {
        return lineEnd;
    }

    /** 1-based number of the current line. */
    long lineNumber() {
        return lineNumber;
    }

    String source() {
        return source;
    }

    /** An error at {@code index} of the current line's buffer. */
    ImportException errorAt(int index, String problem) {
        return new ImportException(source, lineNumber, index - lineStart + 1, problem);
    }
}
