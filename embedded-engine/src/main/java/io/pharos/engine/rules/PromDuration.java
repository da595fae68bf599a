package io.pharos.engine.rules;

/** Durations as Prometheus writes them: 1h30m, 5m, 250ms, 2d, 1w, 1y (units from largest to smallest). */
public final class PromDuration {
    private PromDuration() {
    }

    /** PromQL's duration grammar: each unit at most once, largest first. */
    private static final java.util.regex.Pattern ORDERED =
            java.util.regex.Pattern.compile("(\\d+y)?(\\d+w)?(\\d+d)?(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?");

    /** Milliseconds of a duration; an {@link IllegalArgumentException} says what is wrong. */
    public static long parseMillis(String s) {
        if (s == null || s.isEmpty()) {
            throw new IllegalArgumentException("empty duration");
        }
        java.time.Duration d = io.pharos.engine.model.Durations.compound(s);
        if (d == null) {
            char bad = s.chars().filter(c -> !Character.isDigit(c)).mapToObj(c -> (char) c).findFirst().orElse(' ');
            throw new IllegalArgumentException(Character.isLetter(bad) && "mshdwy".indexOf(bad) < 0
                    ? "invalid duration \"" + s + "\": unknown unit '" + bad + "' (use ms, s, m, h, d, w or y)"
                    : "invalid duration \"" + s + "\" (expected e.g. 30s, 5m, 1h30m)");
        }
        if (!ORDERED.matcher(s).matches()) {
            throw new IllegalArgumentException("invalid duration \"" + s + "\": units must go from largest to smallest");
        }
        return d.toMillis();
    }
}
