package io.pharos.engine.importer;

/**
 * How lenient and how big a parse may be.
 *
 * @param maxSkippedLines malformed lines (CSV: records) to skip and report before giving up;
 *     0, the default, stops at the first error
 * @param seriesCacheCapacity distinct series texts whose parsed key is remembered; above it the
 *     cache starts over, which costs speed and makes the series count approximate
 * @param maxLineLength longest line (CSV: record) accepted, in characters; bounds memory on
 *     input that is not what it claims to be
 */
public record ParseOptions(int maxSkippedLines, int seriesCacheCapacity, int maxLineLength) {

    public ParseOptions {
        if (maxSkippedLines < 0) {
            throw new IllegalArgumentException("maxSkippedLines must be >= 0, got " + maxSkippedLines);
        }
        if (seriesCacheCapacity < 1) {
            throw new IllegalArgumentException("seriesCacheCapacity must be >= 1, got " + seriesCacheCapacity);
        }
        if (maxLineLength < 16) {
            throw new IllegalArgumentException("maxLineLength must be >= 16, got " + maxLineLength);
        }
    }

    public static ParseOptions defaults() {
        return new ParseOptions(0, 500_000, 1 << 20);
    }

    public ParseOptions withMaxSkippedLines(int limit) {
        return new ParseOptions(limit, seriesCacheCapacity, maxLineLength);
    }

    public ParseOptions withSeriesCacheCapacity(int capacity) {
        return new ParseOptions(maxSkippedLines, capacity, maxLineLength);
    }

    public ParseOptions withMaxLineLength(int length) {
        return new ParseOptions(maxSkippedLines, seriesCacheCapacity, length);
    }
}
