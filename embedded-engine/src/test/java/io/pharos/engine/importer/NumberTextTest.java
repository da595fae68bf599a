package io.pharos.engine.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NumberTextTest {

    private static double parse(String s) throws InvalidNumberException {
        return NumberText.parseDouble(s.toCharArray(), 0, s.length());
    }

    private static long seconds(String s) throws InvalidNumberException {
        return NumberText.parseSecondsAsMillis(s.toCharArray(), 0, s.length());
    }

    private static void assertSameBitsAsJava(String s) throws InvalidNumberException {
        assertThat(Double.doubleToRawLongBits(parse(s)))
                .as(s)
                .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(s)));
    }

    @Test
    void fastPathGivesTheBitsOfDoubleParseDoubleForRandomDecimals() throws Exception {
        Random random = new Random(20261123L);
        for (int i = 0; i < 200_000; i++) {
            assertSameBitsAsJava(randomDecimal(random));
        }
    }

    @Test
    void fastPathGivesTheBitsOfDoubleParseDoubleForRandomDoublesPrinted() throws Exception {
        Random random = new Random(42L);
        for (int i = 0; i < 100_000; i++) {
            double d = switch (i % 4) {
                case 0 -> Double.longBitsToDouble(random.nextLong());
                case 1 -> random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
                case 2 -> Math.round(random.nextDouble() * 1e6) / 1e3;
                default -> random.nextInt(2_000_000) - 1_000_000;
            };
            if (Double.isFinite(d)) {
                assertSameBitsAsJava(Double.toString(d));
                assertSameBitsAsJava(String.format(java.util.Locale.ROOT, "%.6f", d));
                assertSameBitsAsJava(new java.math.BigDecimal(d).toPlainString().replaceFirst("^(-?\\d{0,40}(\\.\\d{0,30})?).*", "$1"));
            }
        }
    }

    /** Digits with a random point and exponent, from 1 to 22 significant digits, signs and leading zeros. */
    private static String randomDecimal(Random random) {
        StringBuilder sb = new StringBuilder();
        switch (random.nextInt(3)) {
            case 0 -> sb.append('-');
            case 1 -> sb.append('+');
            default -> { }
        }
        int digits = 1 + random.nextInt(22);
        int point = random.nextInt(digits + 1);
        if (random.nextInt(4) == 0) {
            sb.append("000".substring(random.nextInt(3)));
        }
        for (int i = 0; i < digits; i++) {
            if (i == point && i > 0) {
                sb.append('.');
            }
            sb.append((char) ('0' + random.nextInt(10)));
        }
        if (random.nextBoolean()) {
            sb.append(random.nextBoolean() ? 'e' : 'E').append(random.nextInt(70) - 35);
        }
        return sb.toString();
    }

    @Test
    void readsTheSpecialValuesPrometheusReads() throws Exception {
        assertThat(parse("NaN")).isNaN();
        assertThat(parse("nan")).isNaN();
        assertThat(parse("+Inf")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(parse("-Inf")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(parse("Inf")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(parse("-infinity")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(Double.doubleToRawLongBits(parse("-0"))).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(parse(".5")).isEqualTo(0.5);
        assertThat(parse("5.")).isEqualTo(5.0);
        assertThat(parse("1E+3")).isEqualTo(1000.0);
        assertThat(parse("1e-400")).isEqualTo(0.0);
        assertThat(parse("4.9e-324")).isEqualTo(Double.MIN_VALUE);
        assertThat(parse("1.7976931348623157e308")).isEqualTo(Double.MAX_VALUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "+", "-", ".", "e5", "1e", "1e+", "1.2.3", "1,5", "0x10", "0x1p3", "1_000", "1d", "1f",
        " 1", "1 ", "+NaN", "-nan", "Infinit", "abc", "1e309", "-1e400", "١"})
    void rejectsWhatPrometheusRejects(String text) {
        assertThatThrownBy(() -> parse(text)).isInstanceOf(InvalidNumberException.class);
    }

    @Test
    void convertsSecondsToMillisecondsExactly() throws Exception {
        assertThat(seconds("1700000000")).isEqualTo(1_700_000_000_000L);
        assertThat(seconds("1700000000.123")).isEqualTo(1_700_000_000_123L);
        assertThat(seconds("1700000000.1")).isEqualTo(1_700_000_000_100L);
        assertThat(seconds("1700000000.12")).isEqualTo(1_700_000_000_120L);
        assertThat(seconds("1700000000.1239")).isEqualTo(1_700_000_000_123L);
        assertThat(seconds("0.001")).isEqualTo(1L);
        assertThat(seconds("-1.5")).isEqualTo(-1500L);
        assertThat(seconds("-0.0015")).isEqualTo(-1L);
        assertThat(seconds("+12.")).isEqualTo(12_000L);
        assertThat(seconds(".25")).isEqualTo(250L);
        assertThat(seconds("1.7e9")).isEqualTo(1_700_000_000_000L);
        assertThat(seconds("1700000000123e-3")).isEqualTo(1_700_000_000_123L);
        assertThat(seconds("1e-9")).isEqualTo(0L);
        assertThat(seconds("0000001700000000.5")).isEqualTo(1_700_000_000_500L);
    }

    @Test
    void everyMillisecondOfADayRoundTripsThroughSecondsText() throws Exception {
        long base = 1_795_428_000_000L;
        StringBuilder sb = new StringBuilder();
        for (long ms = base; ms < base + 200_000; ms += 7) {
            sb.setLength(0);
            OpenMetricsWriter.appendSeconds(ms, sb);
            assertThat(seconds(sb.toString())).isEqualTo(ms);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "NaN", "+Inf", "-Inf", "abc", "1e999", "12:00", "1.2.3",
        "1234567890123456789012345678901234567890123456789012345678901234567890"})
    void rejectsTimestampsThatAreNotFiniteNumbers(String text) {
        assertThatThrownBy(() -> seconds(text)).isInstanceOf(InvalidNumberException.class);
    }
}
