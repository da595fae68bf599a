package io.pharos.engine.importer;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What an import did.
 *
 * @param format the format read (never {@link Format#DETECT})
 * @param bytes bytes of the file read (compressed bytes for a .gz file)
 */
public record ImportSummary(Path file, Format format, long bytes, Duration elapsed, ParseResult result) {

    public long lines() {
        return result.lines();
    }

    public long samples() {
        return result.samples();
    }

    public long series() {
        return result.series();
    }

    public Optional<ParseResult.TimeRange> timeRange() {
        return result.timeRange();
    }

    public List<String> warnings() {
        return result.warnings();
    }

    public List<ImportException> skipped() {
        return result.skipped();
    }

    /** One line for a person, e.g. for the command line. */
    public String describe() {
        double seconds = elapsed.toNanos() / 1e9;
        StringBuilder sb = new StringBuilder()
                .append("imported ").append(samples()).append(" samples of ")
                .append(result.seriesCountExact() ? "" : "at most ").append(series()).append(" series from ")
                .append(file.getFileName()).append(" (").append(format).append(", ").append(lines()).append(" lines, ")
                .append(bytes).append(" bytes) in ").append(String.format(Locale.ROOT, "%.1f s", seconds));
        timeRange().ifPresent(r -> sb.append(", ").append(Instant.ofEpochMilli(r.minMs()))
                .append(" to ").append(Instant.ofEpochMilli(r.maxMs())));
        if (!skipped().isEmpty()) {
            sb.append(", ").append(skipped().size()).append(" malformed lines skipped");
        }
        return sb.toString();
    }
}
