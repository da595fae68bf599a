package io.pharos.engine.fleet;

/**
 * The shape of user traffic over a local week, 1.0 at a weekday's afternoon peak: a daily cosine
 * with its peak at 15:00 and trough (0.35) at 03:00 local time, times 0.72 on weekends, with
 * 3-hour ramps around the Saturday and Monday midnights so the series has no step. Tabulated per
 * minute of the week and interpolated, which is cheaper than a cosine per sample.
 */
final class TrafficCurve {
    static final double PEAK_HOUR = 15;
    static final double TROUGH_LEVEL = 0.35;
    static final double WEEKEND_LEVEL = 0.72;

    private static final int MINUTES_PER_DAY = 1440;
    private static final int MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;
    private static final int RAMP_HALF_MINUTES = 90;
    /** 1970-01-01 was a Thursday: three days after the Monday the table starts on. */
    private static final long EPOCH_MINUTE_OF_WEEK = 3L * MINUTES_PER_DAY;
    private static final double INVERSE_MINUTE = 1.0 / 60_000;

    private final double[] levelByMinute = new double[MINUTES_PER_WEEK + 1];

    TrafficCurve() {
        for (int m = 0; m <= MINUTES_PER_WEEK; m++) {
            int minute = m % MINUTES_PER_WEEK;
            double hour = (minute % MINUTES_PER_DAY) / 60.0;
            double daily = 0.5 + 0.5 * Math.cos(2 * Math.PI * (hour - PEAK_HOUR) / 24);
            double diurnal = TROUGH_LEVEL + (1 - TROUGH_LEVEL) * daily;
            levelByMinute[m] = diurnal * (1 - (1 - WEEKEND_LEVEL) * weekendness(minute));
        }
    }

    /** 0 on weekdays, 1 on Saturday and Sunday, linear ramps across the two midnights. */
    static double weekendness(int minuteOfWeek) {
        int saturday = 5 * MINUTES_PER_DAY;
        double ramp = 2.0 * RAMP_HALF_MINUTES;
        if (minuteOfWeek < RAMP_HALF_MINUTES) {
            return 1 - (minuteOfWeek + RAMP_HALF_MINUTES) / ramp;
        }
        if (minuteOfWeek < saturday - RAMP_HALF_MINUTES) {
            return 0;
        }
        if (minuteOfWeek < saturday + RAMP_HALF_MINUTES) {
            return (minuteOfWeek - (saturday - RAMP_HALF_MINUTES)) / ramp;
        }
        if (minuteOfWeek < MINUTES_PER_WEEK - RAMP_HALF_MINUTES) {
            return 1;
        }
        return 1 - (minuteOfWeek - (MINUTES_PER_WEEK - RAMP_HALF_MINUTES)) / ramp;
    }

    /** The traffic level at a local time given as epoch milliseconds shifted by the UTC offset. */
    double level(long localTimeMs) {
        double minutes = localTimeMs * INVERSE_MINUTE + EPOCH_MINUTE_OF_WEEK;
        double weeks = Math.floor(minutes / MINUTES_PER_WEEK);
        double inWeek = minutes - weeks * MINUTES_PER_WEEK;
        int m = (int) inWeek;
        if (m >= MINUTES_PER_WEEK) {
            m = MINUTES_PER_WEEK - 1; // rounding at the very end of a week
        }
        double f = inWeek - m;
        double a = levelByMinute[m];
        return a + (levelByMinute[m + 1] - a) * f;
    }
}
