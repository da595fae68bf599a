package io.pharos.engine.importer;

import java.util.List;
import java.util.Optional;

/**
 * What a parse found.
 *
 * @param lines lines read (CSV: physical lines, the header included)
 * @param samples samples handed to the sink
 * @param series distinct series; exact when {@code seriesCountExact}, else an upper bound
 * @param timeRange first and last sample time, empty when there were no samples
 * @param warnings things that did not stop the parse but deserve a look (e.g. no {@code # EOF})
 * @param skipped malformed lines skipped, when {@link ParseOptions#maxSkippedLines()} allows
 */
public record ParseResult(long lines, long samples, long series, boolean seriesCountExact,
                          Optional<TimeRange> timeRange, List<String> warnings, List<ImportException> skipped) {

    public ParseResult {
        warnings = List.copyOf(warnings);
        skipped = List.copyOf(skipped);
    }

    /** Epoch milliseconds, both inclusive. */
    public record TimeRange(long minMs, long maxMs) {
    }
}
