package io.pharos.views.region;

import java.util.List;
import java.util.Locale;

/**
 * One chart of the regional dashboard: its title, the unit its values are in, its lines, and how they
 * were computed (shown under the title).
 *
 * @param unit how values read: {@link Unit#SECONDS} shown in ms, {@link Unit#RATIO} in %, ...
 * @param fromMs where the range read starts, and {@code toMs} where it ends: the chart's time axis
 */
public record ChartData(String title, Unit unit, String basis, List<Line> lines, long fromMs, long toMs) {
    public ChartData {
        lines = List.copyOf(lines);
    }

    /** The lines' values as data: a column per line named with its unit, a row per step (docs/console.md). */
    public io.pharos.views.common.TableData table() {
        java.util.Map<String, io.pharos.engine.query.TimeSeries> columns = new java.util.LinkedHashMap<>();
        for (Line l : lines) {
            String name = l.name() + " (" + unit.dataName() + ")";
            for (int n = 2; columns.containsKey(name); n++) {
                name = l.name() + " #" + n + " (" + unit.dataName() + ")";
            }
            columns.put(name, l.series());
        }
        return io.pharos.views.common.TableData.ofSeries(columns);
    }

    /** Whether any line has a value. */
    public boolean hasData() {
        return lines.stream().anyMatch(l -> java.util.Arrays.stream(l.series().values()).anyMatch(v -> !Double.isNaN(v)));
    }

    /** Units of the charts and figures, each with how its values are written. */
    public enum Unit {
        SECONDS, RATIO, PER_SECOND, COUNT, BYTES_PER_SECOND, DOLLARS_PER_HOUR;

        /** The value as the screen writes it: "84 ms", "12.3 %", "1,234 /s", "$0.38/h"; "–" for NaN. */
        public String format(double v) {
            if (Double.isNaN(v)) {
                return "–";
            }
            return switch (this) {
                case SECONDS -> v < 1 ? String.format("%,.0f ms", v * 1000) : String.format("%,.2f s", v);
                case RATIO -> Math.abs(v) < 0.1 && v != 0 ? String.format("%.2f %%", v * 100)
                        : String.format("%.1f %%", v * 100);
                case PER_SECOND -> String.format("%,.1f /s", v);
                case COUNT -> String.format("%,.0f", v);
                case BYTES_PER_SECOND -> v >= 1_048_576 ? String.format("%,.1f MiB/s", v / 1_048_576)
                        : String.format("%,.0f KiB/s", v / 1024);
                // cents matter: a host costs well under a dollar an hour
                case DOLLARS_PER_HOUR -> String.format(Locale.ROOT, "$%,.2f/h", v);
            };
        }

        /** A short axis label, e.g. "84" for 84 ms on a SECONDS axis named "ms". */
        public String axis(double v) {
            return switch (this) {
                case SECONDS -> String.format("%,.0f", v * 1000);
                case RATIO -> String.format("%.0f", v * 100);
                case BYTES_PER_SECOND -> String.format("%,.0f", v / 1_048_576);
                case DOLLARS_PER_HOUR -> Math.abs(v) < 10 ? String.format(Locale.ROOT, "%.2f", v)
                        : String.format(Locale.ROOT, "%,.0f", v);
                default -> v >= 10_000 ? String.format("%,.0fk", v / 1000) : String.format("%,.0f", v);
            };
        }

        /** The unit of the values as exported (not scaled for the screen): "seconds", "ratio", ... */
        public String dataName() {
            return switch (this) {
                case SECONDS -> "seconds";
                case RATIO -> "ratio";
                case PER_SECOND -> "per second";
                case COUNT -> "count";
                case BYTES_PER_SECOND -> "bytes per second";
                case DOLLARS_PER_HOUR -> "dollars per hour";
            };
        }

        /** The axis' unit name: "ms", "%", "/s", "", "MiB/s", "$/h". */
        public String axisName() {
            return switch (this) {
                case SECONDS -> "ms";
                case RATIO -> "%";
                case PER_SECOND -> "/s";
                case COUNT -> "";
                case BYTES_PER_SECOND -> "MiB/s";
                case DOLLARS_PER_HOUR -> "$/h";
            };
        }

        /** The unit a metric's name says it is in (Prometheus naming: _seconds, _ratio, _per_second, ...). */
        public static Unit ofMetric(String metric) {
            if (metric.endsWith("_dollars_per_hour")) {
                return DOLLARS_PER_HOUR;
            }
            if (metric.endsWith("_seconds")) {
                return SECONDS;
            }
            if (metric.endsWith("_ratio")) {
                return RATIO;
            }
            if (metric.endsWith("_bytes_per_second")) {
                return BYTES_PER_SECOND;
            }
            if (metric.endsWith("_per_second")) {
                return PER_SECOND;
            }
            return COUNT;
        }
    }
}
