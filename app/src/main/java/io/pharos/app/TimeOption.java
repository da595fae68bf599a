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
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    static Instant parse(String text, String option, Instant relativeTo) {
        Instant t = parseAny(text, option, relativeTo);
        if (t.isBefore(Instant.EPOCH) || t.isAfter(LATEST)) {
            throw new UserFacingException(option + " '" + text + "' is " + t + ", outside the years 1970 to 9999 that"
                    + " Pharos keeps.");
        }
        return t;
    }

    private static Instant parseAny(String text, String option, Instant relativeTo) {
        if ("now".equals(text)) {
            return Instant.now();
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notAnInstant) {
            if (relativeTo != null) {
                try {
                    return relativeTo.minus(DurationConverter.parse(text));
                } catch (CommandLine.TypeConversionException | java.time.DateTimeException | ArithmeticException e) {
                    // fall through to the message below (a duration beyond the calendar's years, too)
                }
            }
            throw new UserFacingException(option + " '" + text + "' is not a time: write an ISO-8601 instant such as"
                    + " 2026-11-17T12:00:00Z" + (relativeTo != null ? ", or a duration before --to such as 6h" : "")
                    + ".");
        }
    }
}
