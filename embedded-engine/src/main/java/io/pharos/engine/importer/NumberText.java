package io.pharos.engine.importer;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Numbers as Prometheus' text parsers accept them (Go's {@code strconv.ParseFloat} without hex
 * floats or underscores): {@code [+-]digits[.digits][e[+-]digits]}, {@code .5}, {@code 5.},
 * {@code NaN}, {@code [+-]Inf}, {@code [+-]Infinity} (these three in any case). A finite number too
 * large for a double is an error, as in Go.
 *
 * <p>Plain decimals take a fast path (at most 15–19 significant digits and a power of ten up to
 * 22: one exactly rounded multiplication or division), which gives the same bits as
 * {@link Double#parseDouble}; everything else goes to {@link Double#parseDouble} after the syntax
 * check, so no text that Java alone would accept ("1d", "0x1p3", " 1") gets through.
 */
final class NumberText {

    /** 9999-12-31T23:59:59.999Z: later times are almost surely in the wrong unit. */
    static final long MAX_MILLIS = 253_402_300_799_999L;
    /** 0001-01-01T00:00:00Z. */
    static final long MIN_MILLIS = -62_135_596_800_000L;

    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    };
    private static final long MAX_EXACT_MANTISSA = 1L << 53;
    /** Longer timestamp text is nonsense, and exact decimal arithmetic on it would be slow. */
    private static final int MAX_TIMESTAMP_CHARS = 64;

    private NumberText() {
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static double parseDouble(char[] b, int start, int end) throws InvalidNumberException {
        int p = start;
        if (p >= end) {
            throw notANumber();
        }
        boolean negative = false;
        char c = b[p];
        if (c == '+' || c == '-') {
            negative = c == '-';
            if (++p == end) {
                throw notANumber();
            }
            c = b[p];
        }
        if (!isDigit(c) && c != '.') {
            return special(b, p, end, p > start, negative);
        }
        long mantissa = 0;
        int significant = 0;
        int exponent = 0;
        boolean anyDigit = false;
        boolean slow = false;
        while (p < end && isDigit(c = b[p])) {
            anyDigit = true;
            if (mantissa != 0 || c != '0') {
                if (significant < 18) {
                    mantissa = mantissa * 10 + (c - '0');
                    significant++;
                } else {
                    slow = true;
                }
            }
            p++;
        }
        if (p < end && b[p] == '.') {
            p++;
            while (p < end && isDigit(c = b[p])) {
                anyDigit = true;
                if (mantissa != 0 || c != '0') {
                    if (significant < 18) {
                        mantissa = mantissa * 10 + (c - '0');
                        significant++;
                        exponent--;
                    } else {
                        slow = true;
                    }
                } else {
                    exponent--;
                }
                p++;
            }
        }
        if (!anyDigit) {
            throw notANumber();
        }
        if (p < end && (b[p] == 'e' || b[p] == 'E')) {
            p++;
            boolean negativeExponent = false;
            if (p < end && (b[p] == '+' || b[p] == '-')) {
                negativeExponent = b[p] == '-';
                p++;
            }
            if (p == end || !isDigit(b[p])) {
                throw notANumber();
            }
            int written = 0;
            while (p < end && isDigit(c = b[p])) {
                written = Math.min(written * 10 + (c - '0'), 1_000_000);
                p++;
            }
            exponent += negativeExponent ? -written : written;
        }
        if (p != end) {
            throw notANumber();
        }
        if (mantissa == 0 && !slow) {
            return negative ? -0.0 : 0.0;
        }
        if (!slow && mantissa <= MAX_EXACT_MANTISSA && exponent >= -22 && exponent <= 22) {
            double d = mantissa;
            d = exponent < 0 ? d / POWERS_OF_TEN[-exponent] : d * POWERS_OF_TEN[exponent];
            return negative ? -d : d;
        }
        double d = Double.parseDouble(new String(b, start, end - start));
        if (Double.isInfinite(d)) {
            throw new InvalidNumberException("out of the range of a 64-bit float");
        }
        return d;
    }

    private static double special(char[] b, int p, int end, boolean signed, boolean negative)
            throws InvalidNumberException {
        if (equalsIgnoreCase(b, p, end, "inf") || equalsIgnoreCase(b, p, end, "infinity")) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (!signed && equalsIgnoreCase(b, p, end, "nan")) {
            return Double.NaN;
        }
        throw notANumber();
    }

    private static boolean equalsIgnoreCase(char[] b, int start, int end, String lower) {
        if (end - start != lower.length()) {
            return false;
        }
        for (int i = 0; i < lower.length(); i++) {
            if (Character.toLowerCase(b[start + i]) != lower.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Seconds (with any number of decimals, or an exponent) to epoch milliseconds, exactly:
     * digits past the millisecond are cut off (towards zero), as promtool does.
     */
    static long parseSecondsAsMillis(char[] b, int start, int end) throws InvalidNumberException {
        if (end - start > MAX_TIMESTAMP_CHARS) {
            throw new InvalidNumberException("too long for a time");
        }
        int p = start;
        if (p >= end) {
            throw notANumber();
        }
        boolean negative = false;
        char c = b[p];
        if (c == '+' || c == '-') {
            negative = c == '-';
            if (++p == end) {
                throw notANumber();
            }
        }
        long seconds = 0;
        long millis = 0;
        int fractionDigits = 0;
        boolean anyDigit = false;
        boolean slow = false;
        while (p < end && isDigit(c = b[p])) {
            anyDigit = true;
            if (seconds < 100_000_000_000_000L) {
                seconds = seconds * 10 + (c - '0');
            } else {
                slow = true;
            }
            p++;
        }
        if (p < end && b[p] == '.') {
            p++;
            while (p < end && isDigit(c = b[p])) {
                anyDigit = true;
                if (fractionDigits < 3) {
                    millis = millis * 10 + (c - '0');
                    fractionDigits++;
                }
                p++;
            }
        }
        if (p < end || !anyDigit || slow) {
            return slowSecondsAsMillis(b, start, end);
        }
        for (int i = fractionDigits; i < 3; i++) {
            millis *= 10;
        }
        long total = seconds * 1000 + millis;
        return negative ? -total : total;
    }

    /** Exponents, huge numbers and anything invalid: exact decimal arithmetic after the syntax check. */
    private static long slowSecondsAsMillis(char[] b, int start, int end) throws InvalidNumberException {
        double approximate = parseDouble(b, start, end);
        if (Double.isNaN(approximate) || Double.isInfinite(approximate)) {
            throw new InvalidNumberException("not a finite time");
        }
        BigDecimal exact;
        try {
            exact = new BigDecimal(new String(b, start, end - start));
        } catch (NumberFormatException e) {
            // Only an exponent beyond int range gets here; a tiny value is simply zero.
            if (approximate == 0) {
                return 0;
            }
            throw outOfTimeRange();
        }
        int integerDigits = exact.precision() - exact.scale();
        if (integerDigits > 17) {
            throw outOfTimeRange();
        }
        if (integerDigits < -4) {
            return 0;
        }
        try {
            return exact.movePointRight(3).setScale(0, RoundingMode.DOWN).longValueExact();
        } catch (ArithmeticException e) {
            throw outOfTimeRange();
        }
    }

    private static InvalidNumberException notANumber() {
        return new InvalidNumberException("not a number");
    }

    private static InvalidNumberException outOfTimeRange() {
        return new InvalidNumberException("out of range");
    }
}
