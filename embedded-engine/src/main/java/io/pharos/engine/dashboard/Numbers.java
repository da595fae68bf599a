package io.pharos.engine.dashboard;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Numbers in reasons people read: few decimals, but never so few that a value looks on the wrong side of its limit. */
final class Numbers {
    private static final int MAX_DECIMALS = 9;

    private Numbers() {
    }

    /**
     * {@code value} with {@code decimals} decimals (trailing zeros dropped), or more where fewer would
     * make it look equal to {@code limit} or on the other side of it.
     */
    static String near(double value, double limit, int decimals) {
        if (!Double.isFinite(value) || !Double.isFinite(limit)) {
            return String.valueOf(value);
        }
        BigDecimal exact = BigDecimal.valueOf(value);
        BigDecimal bound = BigDecimal.valueOf(limit);
        int side = exact.compareTo(bound);
        for (int d = decimals; d < MAX_DECIMALS; d++) {
            BigDecimal rounded = exact.setScale(d, RoundingMode.HALF_EVEN);
            if (rounded.compareTo(bound) == side) {
                return plain(rounded);
            }
        }
        return plain(exact);
    }

    /** A ratio such as a success rate: four decimals, more near the limit. */
    static String ratio(double value, double limit) {
        return near(value, limit, 4);
    }

    /** E.g. "0.95", "120". */
    static String plain(double value) {
        return Double.isFinite(value) ? plain(BigDecimal.valueOf(value)) : String.valueOf(value);
    }

    private static String plain(BigDecimal d) {
        String s = d.stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    /** Seconds as milliseconds with one decimal at most (more near the limit), e.g. "240 ms", "199.5 ms". */
    static String millis(double seconds, double limitSeconds) {
        return near(seconds * 1000, limitSeconds * 1000, 1) + " ms";
    }
}
