package io.pharos.engine.model;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them everywhere in Pharos (command line, scenario and notification
 * files, rule files): a number and a unit, possibly several (500ms, 90s, 30m, 2h, 1h30m, 7d, 1w,
 * 1y), or ISO-8601 (PT30M). One parser, so every file and option reads them alike.
 */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d|w|y)");
    private static final Pattern COMPOUND = Pattern.compile("(\\d+(ms|s|m|h|d|w|y))+");

    private Durations() {
    }

    /** A number-and-unit duration such as 1h30m, or null when the text is not one. */
    public static Duration compound(String text) {
        String t = text == null ? "" : text.strip();
        if (!COMPOUND.matcher(t).matches()) {
            return null;
        }
        Duration sum = Duration.ZERO;
        Matcher m = PART.matcher(t);
        try {
            while (m.find()) {
                long n = Long.parseLong(m.group(1));
                sum = sum.plus(switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    case "d" -> Duration.ofDays(n);
                    case "w" -> Duration.ofDays(Math.multiplyExact(7, n));
                    default -> Duration.ofDays(Math.multiplyExact(365, n));
                });
            }
        } catch (ArithmeticException | NumberFormatException tooLarge) {
            return null;
        }
        return sum;
    }

    /**
     * A number-and-unit duration or an ISO-8601 one; an {@link IllegalArgumentException} says how to
     * write it otherwise.
     */
    public static Duration parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.startsWith("P") || t.startsWith("p")) {
            try {
                return Duration.parse(t);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + text + "' is not a valid ISO-8601 duration (e.g. PT1H30M)");
            }
        }
        Duration d = compound(t);
        if (d == null) {
            throw new IllegalArgumentException("'" + text + "' is not a duration: write a number and a unit"
                    + " (ms, s, m, h, d, w, y), e.g. 500ms, 30m, 2h or 1h30m");
        }
        return d;
    }

    /**
     * A duration for people to read, the same in every message, timeline and report: "250 ms",
     * "1.5 s", "45 s", "4 min 59 s", "23 min", "1 h 13 min", "3 d 2 h". Negative durations read as zero.
     */
    public static String human(long ms) {
        long t = Math.max(0, ms);
        if (t == 0) {
            return "0 s";
        }
        if (t < 1000) {
            return t + " ms";
        }
        if (t < 10_000 && t % 1000 != 0) {
            return String.format(java.util.Locale.ROOT, "%.1f s", t / 1000.0);
        }
        long s = t / 1000;
        if (s < 60) {
            return s + " s";
        }
        long m = s / 60;
        if (m < 60) {
            return m + " min" + (s % 60 == 0 ? "" : " " + s % 60 + " s");
        }
        long h = m / 60;
        if (h < 48) {
            return h + " h" + (m % 60 == 0 ? "" : " " + m % 60 + " min");
        }
        return h / 24 + " d" + (h % 24 == 0 ? "" : " " + h % 24 + " h");
    }

    /**
     * A duration as people write it, the way {@link #parse} reads it back: 15m, 1h30m, 2d, 500ms
     * (days, hours, minutes, seconds and milliseconds; weeks and years are written in days).
     */
    public static String format(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("no written form for a negative duration: " + d);
        }
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        long[] parts = {d.toDays(), d.toHoursPart(), d.toMinutesPart(), d.toSecondsPart(), d.toMillisPart()};
        String[] units = {"d", "h", "m", "s", "ms"};
        for (int i = 0; i < parts.length; i++) {
            if (parts[i] != 0) {
                sb.append(parts[i]).append(units[i]);
            }
        }
        return sb.toString();
    }
}
