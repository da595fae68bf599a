package io.pharos.engine.rules;

/** Durations as Prometheus writes them: 1h30m, 5m, 250ms, 2d, 1w, 1y (units from largest to smallest). */
public final class PromDuration {
    private PromDuration() {
    }

    /** Milliseconds of a duration; an {@link IllegalArgumentException} says what is wrong. */
    public static long parseMillis(String s) {
        if (s == null || s.isEmpty()) {
            throw new IllegalArgumentException("empty duration");
        }
        long total = 0;
        int i = 0;
        long lastUnit = Long.MAX_VALUE;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
            }
            if (start == i || i >= s.length()) {
                throw new IllegalArgumentException("invalid duration \"" + s + "\" (expected e.g. 30s, 5m, 1h30m)");
            }
            long n = Long.parseLong(s.substring(start, i));
            long unit;
            if (s.startsWith("ms", i)) {
                unit = 1;
                i += 2;
            } else {
                unit = switch (s.charAt(i)) {
                    case 's' -> 1_000L;
                    case 'm' -> 60_000L;
                    case 'h' -> 3_600_000L;
                    case 'd' -> 86_400_000L;
                    case 'w' -> 604_800_000L;
                    case 'y' -> 31_536_000_000L;
                    default -> throw new IllegalArgumentException(Character.isLetter(s.charAt(i))
                            ? "invalid duration \"" + s + "\": unknown unit '" + s.charAt(i) + "' (use ms, s, m, h, d, w or y)"
                            : "invalid duration \"" + s + "\" (expected e.g. 30s, 5m, 1h30m)");
                };
                i++;
            }
            if (unit >= lastUnit) {
                throw new IllegalArgumentException("invalid duration \"" + s + "\": units must go from largest to smallest");
            }
            lastUnit = unit;
            total = Math.addExact(total, Math.multiplyExact(n, unit));
        }
        return total;
    }
}
