package io.pharos.app;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;

/** A time on the command line: an ISO-8601 instant, or (for the start of a range) a duration before its end. */
final class TimeOption {
    private TimeOption() {
    }

    /**
     * @param relativeTo the end of the range when {@code text} may be a duration before it; null when
     *                   only an instant is accepted
     */
    static Instant parse(String text, String option, Instant relativeTo) {
        if ("now".equals(text)) {
            return Instant.now();
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notAnInstant) {
            if (relativeTo != null) {
                try {
                    return relativeTo.minus(DurationConverter.parse(text));
                } catch (CommandLine.TypeConversionException ignored) {
                    // fall through to the message below
                }
            }
            throw new UserFacingException(option + " '" + text + "' is not a time: write an ISO-8601 instant such as"
                    + " 2026-11-17T12:00:00Z" + (relativeTo != null ? ", or a duration before --to such as 6h" : "")
                    + ".");
        }
    }
}
