package io.pharos.views.executive;

import io.pharos.engine.dashboard.ExecutiveSummary;
import io.pharos.engine.dashboard.Kpi;
import io.pharos.engine.dashboard.RegionHealth;
import io.pharos.engine.incident.Incident;
import io.pharos.engine.model.Durations;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The executive report as a PDF for paper: the period, the key figures with their trend, the cost,
 * the regions' health and the incidents of the period. Built from what the dashboard shows (no
 * JavaFX), so the report and the screen never disagree.
 */
final class ExecutiveReport {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private ExecutiveReport() {
    }

    /**
     * @param incidents every incident known; those that overlap the period are listed
     * @param zone      the zone times are written in, and {@code zoneName} its name
     */
    static byte[] pdf(ExecutiveSummary s, List<Incident> incidents, ZoneId zone, String zoneName, Instant madeAt)
            throws IOException {
        try (PdfLayout pdf = new PdfLayout("Pharos executive report, " + time(s.fromMs(), zone) + " to "
                + time(s.toMs(), zone) + " " + zoneName)) {
            pdf.title("Executive report");
            pdf.paragraph("Period: " + time(s.fromMs(), zone) + " to " + time(s.toMs(), zone) + " " + zoneName + " ("
                    + Durations.human(s.toMs() - s.fromMs()) + "), compared with the period of the same length before"
                    + " it. Availability objective " + KpiFormat.percent(s.objective().target()) + " over "
                    + Durations.human(s.objective().window().toMillis()) + ". Made " + time(madeAt.toEpochMilli(), zone)
                    + " " + zoneName + ".");
            if (s.simulated()) {
                pdf.paragraph("SIMULATED: these figures come from the simulated reference fleet, not from real users,"
                        + " requests or money.");
            }

            pdf.heading("Key figures");
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"Figure", "Value", "Period before", "Change"});
            for (String[] t : ExecutiveView.TILES) {
                Kpi k = s.kpi(t[0]);
                rows.add(new String[] {t[1], KpiFormat.value(k),
                        k.previous().isPresent() ? KpiFormat.value(k, k.previous().getAsDouble()) : "—",
                        change(k)});
            }
            pdf.table(rows, new float[] {0.32f, 0.2f, 0.2f, 0.28f});
            List<String> missing = s.kpis().stream().filter(k -> k.value().isEmpty())
                    .map(k -> k.id().replace('_', ' ') + ": " + k.reason().orElse("no data")).toList();
            if (!missing.isEmpty()) {
                pdf.paragraph("Not computed: " + String.join("; ", missing) + ".");
            }

            pdf.heading("Cost");
            Kpi cost = s.costPerHour();
            Kpi runRate = s.monthlyRunRate();
            pdf.paragraph("Cost now " + KpiFormat.withUnit(cost.unit(), cost.value().orElse(Double.NaN))
                    + ", a monthly run rate of " + KpiFormat.withUnit(runRate.unit(), runRate.value().orElse(Double.NaN))
                    + " (" + change(runRate) + " against the period before).");

            pdf.heading("Regions");
            List<String[]> regions = new ArrayList<>();
            regions.add(new String[] {"Region", "Provider", "Health", "Why"});
            for (RegionHealth r : s.regions()) {
                regions.add(new String[] {r.region(), r.provider(), RegionMap.word(r.health()),
                        r.reasons().isEmpty() ? "within the thresholds" : String.join("; ", r.reasons())});
            }
            if (s.regions().isEmpty()) {
                pdf.paragraph("No region reported data in the period.");
            } else {
                pdf.table(regions, new float[] {0.2f, 0.14f, 0.14f, 0.52f});
            }

            pdf.heading("Incidents of the period");
            List<Incident> of = incidents.stream()
                    .filter(i -> i.startMs() < s.toMs() && i.endMs(s.toMs()) >= s.fromMs()).toList();
            if (of.isEmpty()) {
                pdf.paragraph("No incident in the period.");
            } else {
                String open = s.openBySeverity().entrySet().stream().filter(e -> e.getValue() > 0)
                        .sorted(Map.Entry.comparingByKey()).map(e -> e.getValue() + " " + e.getKey().name())
                        .collect(java.util.stream.Collectors.joining(", "));
                pdf.paragraph(of.size() + " incident(s); open at the end: " + (open.isEmpty() ? "none" : open) + ".");
                List<String[]> list = new ArrayList<>();
                list.add(new String[] {"Incident", "Severity", "Status", "Started", "Lasted", "Title"});
                for (Incident i : of) {
                    list.add(new String[] {i.id(), i.severity().name(), i.status().id(), time(i.startMs(), zone),
                            Durations.human(i.endMs(s.toMs()) - i.startMs()), i.title()});
                }
                pdf.table(list, new float[] {0.1f, 0.1f, 0.13f, 0.2f, 0.12f, 0.35f});
            }
            return pdf.bytes();
        }
    }

    private static String change(Kpi k) {
        if (k.change().isEmpty()) {
            return "—";
        }
        if (k.trend() == io.pharos.engine.dashboard.Trend.STEADY) {
            return "steady";
        }
        String word = switch (k.trend()) {
            case BETTER -> "better";
            case WORSE -> "worse";
            case STEADY -> "steady";
            case UNKNOWN -> "";
        };
        return KpiFormat.trend(k).split(" vs ")[0] + " (" + word + ")";
    }

    private static String time(long ms, ZoneId zone) {
        return TIME.format(Instant.ofEpochMilli(ms).atZone(zone));
    }
}
