package io.pharos.engine.importer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Counters and collected problems of one parse run; builds its {@link ParseResult}. */
final class ParseStats {

    private final int maxSkipped;
    private final List<String> warnings = new ArrayList<>();
    private final List<ImportException> skipped = new ArrayList<>();
    private long samples;
    private long minMs = Long.MAX_VALUE;
    private long maxMs = Long.MIN_VALUE;

    ParseStats(int maxSkipped) {
        this.maxSkipped = maxSkipped;
    }

    void sample(long timestampMs) {
        samples++;
        if (timestampMs < minMs) {
            minMs = timestampMs;
        }
        if (timestampMs > maxMs) {
            maxMs = timestampMs;
        }
    }

    void warn(String warning) {
        warnings.add(warning);
    }

    /** Records a malformed line if the limit allows, else throws it. */
    void skipOrThrow(ImportException e) throws ImportException {
        if (skipped.size() < maxSkipped) {
            skipped.add(e);
            return;
        }
        if (maxSkipped == 0) {
            throw e;
        }
        throw e.withProblem(e.problem() + " (stopped: more than " + maxSkipped + " malformed lines)");
    }

    ParseResult result(long lines, SeriesCache cache) {
        Optional<ParseResult.TimeRange> range = samples == 0
                ? Optional.empty() : Optional.of(new ParseResult.TimeRange(minMs, maxMs));
        return new ParseResult(lines, samples, cache.distinct(), !cache.overflowed(), range, warnings, skipped);
    }
}
