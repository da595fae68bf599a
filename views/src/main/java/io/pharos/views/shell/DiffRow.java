package io.pharos.views.shell;

import io.pharos.engine.snapshot.SnapshotDiff;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One line of a comparison as the compare panel lists it: its section (figures, a region, alerts,
 * incidents, silences, rules), what it is, its value in A and in B (numbers stay numbers, in the
 * figure's unit) and the change.
 */
public record DiffRow(String section, String item, String unit, Object a, Object b, String change) {

    /** Every difference of {@code d}, figures first (changed or not: they are the comparison). */
    public static List<DiffRow> of(SnapshotDiff d) {
        List<DiffRow> out = new ArrayList<>();
        for (SnapshotDiff.Change c : d.kpis()) {
            out.add(figure("Executive", c));
        }
        for (SnapshotDiff.RegionChange r : d.regions()) {
            out.add(new DiffRow(r.region(), "health", "", r.healthA(), r.healthB(),
                    r.healthA().equals(r.healthB()) ? "" : "changed"));
            for (SnapshotDiff.Change c : r.figures()) {
                if (c.changed()) {
                    out.add(figure(r.region(), c));
                }
            }
        }
        d.alertsNew().forEach(a -> out.add(new DiffRow("Alerts", a, "", "absent", "present", "new")));
        d.alertsGone().forEach(a -> out.add(new DiffRow("Alerts", a, "", "present", "absent", "gone")));
        for (SnapshotDiff.IncidentChange i : d.incidents()) {
            out.add(new DiffRow("Incidents", i.id() + " " + i.title(), "", i.a(), i.b(),
                    i.a().equals("absent") ? "new" : i.b().equals("absent") ? "gone" : "changed"));
        }
        d.silencesNew().forEach(s -> out.add(new DiffRow("Silences", s, "", "absent", "present", "new")));
        d.silencesGone().forEach(s -> out.add(new DiffRow("Silences", s, "", "present", "absent", "gone")));
        d.rulesNew().forEach(r -> out.add(new DiffRow("Rules", r, "", "absent", "present", "new")));
        d.rulesGone().forEach(r -> out.add(new DiffRow("Rules", r, "", "present", "absent", "gone")));
        d.rulesChanged().forEach(r -> out.add(new DiffRow("Rules", r, "", "", "", "changed")));
        return out;
    }

    private static DiffRow figure(String section, SnapshotDiff.Change c) {
        return new DiffRow(section, c.id().replace('_', ' '), c.unit(), c.a(), c.b(), change(c));
    }

    /** "+12.5 %", "−0.3 %", "new", "gone", "" when equal; relative to A. */
    static String change(SnapshotDiff.Change c) {
        if (c.a() == null && c.b() == null || c.a() != null && c.a().equals(c.b())) {
            return "";
        }
        if (c.a() == null) {
            return "new";
        }
        if (c.b() == null) {
            return "gone";
        }
        if (c.a() == 0) {
            return "from 0";
        }
        double pct = (c.b() - c.a()) / Math.abs(c.a()) * 100;
        return (pct >= 0 ? "+" : "−") + String.format(Locale.ROOT, "%.1f %%", Math.abs(pct));
    }

    /** A value as the panel writes it, in its unit: 99.95 %, 84 ms, $1,234/h; text as it is. */
    public static String format(Object v, String unit) {
        if (v == null) {
            return "—";
        }
        if (!(v instanceof Double d)) {
            return v.toString();
        }
        return switch (unit) {
            case "ratio" -> String.format(Locale.ROOT, "%.3f %%", d * 100);
            case "seconds" -> d < 1 ? String.format(Locale.ROOT, "%,.0f ms", d * 1000)
                    : String.format(Locale.ROOT, "%,.2f s", d);
            case "$/min" -> String.format(Locale.ROOT, "$%,.0f/min", d);
            case "$/h" -> String.format(Locale.ROOT, "$%,.2f/h", d);
            case "$/month" -> String.format(Locale.ROOT, "$%,.0f/month", d);
            case "requests/s" -> String.format(Locale.ROOT, "%,.0f /s", d);
            case "users", "incidents" -> String.format(Locale.ROOT, "%,.0f", d);
            default -> String.format(Locale.ROOT, "%,.2f %s", d, unit).strip();
        };
    }
}
