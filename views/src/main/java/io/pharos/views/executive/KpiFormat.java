package io.pharos.views.executive;

import io.pharos.engine.dashboard.ExecutiveSummary;
import io.pharos.engine.dashboard.Kpi;
import io.pharos.engine.model.Durations;
import java.util.Locale;

/** How a figure reads on a tile, by its unit: "99.982 %", "142 ms", "$12,400/h", "1.2 M users". */
final class KpiFormat {
    private KpiFormat() {
    }

    static String value(String unit, double v) {
        return switch (unit) {
            case "ratio" -> percent(v);
            case "seconds" -> v < 1 ? String.format(Locale.ROOT, "%.0f ms", v * 1000)
                    : v < 120 ? String.format(Locale.ROOT, "%.2f s", v) : Durations.human((long) (v * 1000));
            // the tile's caption names the rate; the value stays short enough for a tile
            case "$/min", "$/h", "$/month" -> "$" + compact(v);
            case "requests/s" -> compact(v);
            case "users" -> compact(v);
            case "incidents" -> String.format(Locale.ROOT, "%.0f", v);
            default -> compact(v) + " " + unit;
        };
    }

    /** A value with its rate, for text that has no caption: "$1,200/min", "42.0 k req/s". */
    static String withUnit(String unit, double v) {
        return switch (unit) {
            case "$/min" -> value(unit, v) + "/min";
            case "$/h" -> value(unit, v) + "/h";
            case "$/month" -> value(unit, v) + "/month";
            case "requests/s" -> value(unit, v) + " req/s";
            default -> value(unit, v);
        };
    }

    /** Ratios near 1 (availability) keep the digits that matter: 99.982 %, not 100 %. */
    static String percent(double ratio) {
        double p = ratio * 100;
        if (Math.abs(p) >= 99 && Math.abs(p) < 100) {
            return String.format(Locale.ROOT, "%.3f %%", p);
        }
        return Math.abs(p) < 1 && p != 0 ? String.format(Locale.ROOT, "%.3f %%", p)
                : String.format(Locale.ROOT, "%.1f %%", p);
    }

    static String compact(double v) {
        double a = Math.abs(v);
        if (a >= 1e9) {
            return String.format(Locale.ROOT, "%.2f B", v / 1e9);
        }
        if (a >= 1e6) {
            return String.format(Locale.ROOT, "%.2f M", v / 1e6);
        }
        if (a >= 1e5) {
            return String.format(Locale.ROOT, "%.1f k", v / 1e3);
        }
        if (a >= 1e4) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return a >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    /** The tile's value line, or "—" when the figure cannot be computed. */
    static String value(Kpi k) {
        return k.value().isPresent() ? value(k, k.value().getAsDouble()) : "—";
    }

    /**
     * One value of the figure: as its unit says, except an error budget spent more than once, which
     * reads "757× spent" (the window's budget at this rate, 757 times over) rather than "-75,609.9 %".
     */
    static String value(Kpi k, double v) {
        if (overspent(k, v)) {
            double times = 1 - v;
            return (times < 10 ? String.format(Locale.ROOT, "%.1f", times) : String.format(Locale.ROOT, "%,.0f", times))
                    + "× spent";
        }
        return value(k.unit(), v);
    }

    private static boolean overspent(Kpi k, double v) {
        return k.id().equals(ExecutiveSummary.ERROR_BUDGET_REMAINING) && v < 0;
    }

    /**
     * The trend line: "▲ 2.1 % vs previous period", or why there is none. Ratios change in points
     * ("▼ 0.012 pts"), everything else relative to the previous value.
     */
    static String trend(Kpi k) {
        if (k.value().isEmpty()) {
            return k.reason().orElse("no data");
        }
        if (k.change().isEmpty()) {
            return "no data for the period before";
        }
        double change = k.change().getAsDouble();
        String arrow = switch (k.trend()) {
            case STEADY -> "■";
            default -> change > 0 ? "▲" : "▼";
        };
        double previous = k.previous().getAsDouble();
        if (overspent(k, k.value().getAsDouble()) || overspent(k, previous)) {
            return arrow + " vs previous " + value(k, previous); // points of a budget spent 700 times say nothing
        }
        String amount;
        if (k.unit().equals("ratio")) {
            amount = String.format(Locale.ROOT, "%.3f pts", Math.abs(change) * 100);
        } else if (k.relativeChange().isPresent()) {
            amount = String.format(Locale.ROOT, "%.1f %%", Math.abs(k.relativeChange().getAsDouble()) * 100);
        } else {
            amount = value(k.unit(), Math.abs(change));
        }
        return arrow + " " + amount + " vs previous " + value(k, previous);
    }
}
