package io.pharos.views.alerts;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Times as the alert queue writes them: in the zone shown, with its name. */
final class AlertTimes {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private AlertTimes() {
    }

    /** "14:02:11 UTC" on the day of {@code nowMs}, "2026-11-22 23:40 UTC" on another day. */
    static String at(long ms, long nowMs, ZoneId zone, String zoneName) {
        var t = Instant.ofEpochMilli(ms).atZone(zone);
        boolean today = t.toLocalDate().equals(Instant.ofEpochMilli(nowMs).atZone(zone).toLocalDate());
        return (today ? t.format(TIME) : t.format(DAY_TIME)) + " " + zoneName;
    }
}
