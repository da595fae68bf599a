package io.pharos.engine.fleet;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Times as people write them in scenario files: a start is an ISO-8601 instant
 * ("2025-03-01T14:00:00Z", also with an offset "+01:00"), "now", or an offset from a base time
 * ("+2h", "-30m", "+1h30m"); a duration is "90s", "30m", "2h", "1d", combinations like "1h30m",
 * or ISO-8601 ("PT1H30M").
 */
final class ScenarioTimes {

    private ScenarioTimes() {
    }

    static Instant parseStart(String text, Instant base) {
        String t = text.strip();
        if (t.equals("now")) {
            return base;
        }
        if (t.startsWith("+")) {
            return base.plus(parseDuration(t.substring(1)));
        }
        if (t.startsWith("-")) {
            return base.minus(parseDuration(t.substring(1)));
        }
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(t).toInstant();
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException("start '" + text + "' is neither an ISO-8601 instant "
                        + "(e.g. 2025-03-01T14:00:00Z) nor an offset from the base time (e.g. +2h, -30m)");
            }
        }
    }

    static Duration parseDuration(String text) {
        String t = text.strip();
        if (t.startsWith("P") || t.startsWith("p")) {
            try {
                return Duration.parse(t);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("duration '" + text + "' is not a valid ISO-8601 duration (e.g. PT1H30M)");
            }
        }
        Duration d = io.pharos.engine.model.Durations.compound(t);
        if (d == null) {
            throw new IllegalArgumentException("duration '" + text + "' needs a number and a unit (ms, s, m, h, d), "
                    + "e.g. 30m, 2h or 1h30m");
        }
        return d;
    }
}
