package io.pharos.app;

import io.pharos.engine.snapshot.SnapshotDiff;
import io.pharos.engine.store.PrintableText;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** `pharos snapshot diff` as text: figures side by side with their change, then what came and went. */
final class SnapshotDiffText {
    private SnapshotDiffText() {
    }

    static void print(SnapshotDiff d, PrintWriter out) {
        out.println("A  " + side(d.a()));
        out.println("B  " + side(d.b()));
        out.println();
        out.printf("%-28s %22s %22s  %s%n", "Executive figures", "A", "B", "change");
        for (SnapshotDiff.Change c : d.kpis()) {
            row(out, "  " + c.id(), c);
        }
        out.println();
        out.println("Regions");
        for (SnapshotDiff.RegionChange r : d.regions()) {
            out.println("  " + r.region() + "  " + (r.healthA().equals(r.healthB()) ? r.healthA()
                    : r.healthA() + " -> " + r.healthB()));
            for (SnapshotDiff.Change c : r.figures()) {
                if (c.changed()) {
                    row(out, "    " + c.id(), c);
                }
            }
        }
        out.println();
        list(out, "Alerts firing or pending in B, not in A", d.alertsNew());
        list(out, "Alerts firing or pending in A, not in B", d.alertsGone());
        out.println("Incidents that differ: " + (d.incidents().isEmpty() ? "none" : ""));
        for (SnapshotDiff.IncidentChange i : d.incidents()) {
            out.println("  " + i.id() + " " + shown(i.title()) + ": " + i.a() + " -> " + i.b());
        }
        list(out, "Silences in B, not in A", d.silencesNew());
        list(out, "Silences in A, not in B", d.silencesGone());
        list(out, "Rules in B, not in A", d.rulesNew());
        list(out, "Rules in A, not in B", d.rulesGone());
        list(out, "Rules changed", d.rulesChanged());
    }

    private static String side(SnapshotDiff.Side s) {
        return shown(s.file()) + ": " + Instant.ofEpochMilli(s.fromMs()) + " to " + Instant.ofEpochMilli(s.toMs())
                + (s.resolutionMs() == 0 ? ", raw" : ", steps of " + Duration.ofMillis(s.resolutionMs()).toString()
                        .substring(2).toLowerCase(Locale.ROOT))
                + (s.note() == null ? "" : " (" + shown(s.note()) + ")");
    }

    private static void list(PrintWriter out, String title, List<String> items) {
        out.println(title + ": " + (items.isEmpty() ? "none" : items.size()));
        items.forEach(i -> out.println("  " + shown(i)));
    }

    private static void row(PrintWriter out, String label, SnapshotDiff.Change c) {
        out.printf("%-28s %22s %22s  %s%n", label, value(c.unit(), c.a()), value(c.unit(), c.b()), change(c));
    }

    static String value(String unit, Double v) {
        if (v == null) {
            return "—";
        }
        return switch (unit) {
            case "ratio" -> String.format(Locale.ROOT, "%.2f %%", 100 * v);
            case "seconds" -> String.format(Locale.ROOT, "%,.1f ms", 1000 * v);
            case "$/min", "$/h", "$/month" -> String.format(Locale.ROOT, "$%,.2f%s", v, unit.substring(1));
            default -> String.format(Locale.ROOT, "%,.1f %s", v, unit);
        };
    }

    private static String change(SnapshotDiff.Change c) {
        if (c.a() == null || c.b() == null) {
            return c.a() == c.b() ? "" : "(one side has no value)";
        }
        double delta = c.b() - c.a();
        if (delta == 0) {
            return "same";
        }
        String sign = delta > 0 ? "+" : "-";
        String abs = switch (c.unit()) {
            case "ratio" -> String.format(Locale.ROOT, "%.2f pp", 100 * Math.abs(delta));
            case "seconds" -> String.format(Locale.ROOT, "%,.1f ms", 1000 * Math.abs(delta));
            case "$/min", "$/h", "$/month" -> String.format(Locale.ROOT, "$%,.2f", Math.abs(delta));
            default -> String.format(Locale.ROOT, "%,.1f", Math.abs(delta));
        };
        return sign + abs + (c.a() != 0 ? String.format(Locale.ROOT, " (%+.1f %%)", 100 * delta / Math.abs(c.a())) : "");
    }

    private static String shown(String s) {
        return PrintableText.of(s, 300);
    }
}
