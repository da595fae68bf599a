package io.pharos.engine.importer;

import java.io.Reader;

/**
 * OpenMetrics text made up while it is read, so that tests can feed millions of lines without a
 * file or the text in memory: {@code lines} samples of {@code series} series (host × region) one
 * second apart per round, then {@code # EOF}.
 */
final class GeneratedOpenMetricsReader extends Reader {

    private final long lines;
    private final int series;
    private final StringBuilder chunk = new StringBuilder(1 << 14);
    private long line;
    private int chunkPos;
    private boolean eofWritten;

    GeneratedOpenMetricsReader(long lines, int series) {
        this.lines = lines;
        this.series = series;
    }

    static double valueOf(long line) {
        return (line % 1000) / 8.0;
    }

    static long timestampMsOf(long line, int series) {
        return 1_795_428_000_000L + (line / series) * 1000 + 250;
    }

    @Override
    public int read(char[] cbuf, int off, int len) {
        if (chunkPos == chunk.length()) {
            if (!refill()) {
                return -1;
            }
        }
        int n = Math.min(len, chunk.length() - chunkPos);
        chunk.getChars(chunkPos, chunkPos + n, cbuf, off);
        chunkPos += n;
        return n;
    }

    private boolean refill() {
        chunk.setLength(0);
        chunkPos = 0;
        while (chunk.length() < 16_000 && line < lines) {
            int s = (int) (line % series);
            long ms = timestampMsOf(line, series);
            chunk.append("node_cpu_utilization_ratio{host=\"host-").append(s / 6)
                    .append("\",provider=\"aws\",region=\"region-").append(s % 6).append("\"} ")
                    .append(valueOf(line)).append(' ').append(ms / 1000).append('.').append(ms % 1000).append('\n');
            line++;
        }
        if (line == lines && chunk.isEmpty() && !eofWritten) {
            eofWritten = true;
            chunk.append("# EOF\n");
        }
        return !chunk.isEmpty();
    }

    @Override
    public void close() {
    }
}
