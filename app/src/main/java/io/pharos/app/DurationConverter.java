package io.pharos.app;

import java.time.Duration;
import picocli.CommandLine;

/** Reads durations as people write them: 500ms, 15s, 10m, 2h, 7d (or ISO-8601 like PT15S). */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String text) {
        return parse(text);
    }

    public static Duration parse(String text) {
        String t = text.trim();
        if (t.toUpperCase(java.util.Locale.ROOT).startsWith("P")) {
            return Duration.parse(t);
        }
        int i = 0;
        while (i < t.length() && Character.isDigit(t.charAt(i))) {
            i++;
        }
        if (i == 0 || i == t.length()) {
            throw new CommandLine.TypeConversionException("'" + text
                    + "' is not a duration: write a number and a unit, e.g. 500ms, 15s, 10m, 2h, 7d");
        }
        long n = Long.parseLong(t.substring(0, i));
        return switch (t.substring(i)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> throw new CommandLine.TypeConversionException("'" + text
                    + "' has an unknown unit: use ms, s, m, h or d");
        };
    }
}
