package io.pharos.engine.incident;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Numbers and times as the timeline and the postmortem show them. */
final class Format {
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Format() {
    }

    /** 0.913 → "91 %"; below 10 % with one decimal: 0.034 → "3.4 %". */
    static String percent(double ratio) {
        double p = ratio * 100;
        return (Math.abs(p) < 10 && p != Math.rint(p) ? String.format(Locale.ROOT, "%.1f", p)
                : String.format(Locale.ROOT, "%.0f", p)) + " %";
    }

    /** 1234567.8 → "1,234,568"; below 10 with two decimals. */
    static String number(double v) {
        return Math.abs(v) < 10 && v != Math.rint(v) ? String.format(Locale.ROOT, "%.2f", v)
                : String.format(Locale.ROOT, "%,.0f", v);
    }

    /** 1234.5 → "$1,235"; below 100 with cents. */
    static String dollars(double v) {
        return Math.abs(v) < 100 ? String.format(Locale.ROOT, "$%,.2f", v) : String.format(Locale.ROOT, "$%,.0f", v);
    }

    static String time(long epochMs) {
        return UTC.format(Instant.ofEpochMilli(epochMs));
    }


    /** A metric value by its name's unit. */
    static String metric(String name, double v) {
        String n = name.contains(".") ? name.substring(name.indexOf('.') + 1) : name;
        if (n.endsWith("_utilization") || n.endsWith("_ratio")) {
            return percent(v);
        }
        if (n.endsWith("_seconds")) {
            return v < 1 ? String.format(Locale.ROOT, "%.0f ms", v * 1000) : String.format(Locale.ROOT, "%.2f s", v);
        }
        if (n.startsWith("revenue_dollars_per_minute")) {
            return dollars(v) + "/min";
        }
        if (n.startsWith("cost_dollars_per_hour")) {
            return dollars(v) + "/h";
        }
        if (n.equals("requests_per_second")) {
            return number(v) + "/s";
        }
        return number(v);
    }
}
