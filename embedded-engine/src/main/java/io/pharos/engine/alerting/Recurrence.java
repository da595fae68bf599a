package io.pharos.engine.alerting;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;

/**
 * A recurring window, e.g. "every Sunday 02:00 for two hours, Europe/Berlin time": on each of the
 * given days, from the local start time, for the duration. A window may run past midnight.
 */
public record Recurrence(Set<DayOfWeek> days, LocalTime start, Duration length, ZoneId zone) {

    public Recurrence {
        days = days.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(days);
        if (length.isNegative() || length.isZero() || length.compareTo(Duration.ofDays(7)) > 0) {
            throw new IllegalArgumentException("a recurring window lasts more than 0 and at most 7 days");
        }
    }

    public static Recurrence weekly(DayOfWeek day, LocalTime start, Duration length, ZoneId zone) {
        return new Recurrence(EnumSet.of(day), start, length, zone);
    }

    /** True when {@code nowMs} falls in a window that started on one of the days (this week or last). */
    public boolean covers(long nowMs) {
        ZonedDateTime now = Instant.ofEpochMilli(nowMs).atZone(zone);
        for (int back = 0; back <= 7; back++) {
            ZonedDateTime day = now.minusDays(back);
            if (!days.contains(day.getDayOfWeek())) {
                continue;
            }
            ZonedDateTime windowStart = day.toLocalDate().atTime(start).atZone(zone);
            if (!now.isBefore(windowStart) && now.isBefore(windowStart.plus(length))) {
                return true;
            }
        }
        return false;
    }
}
