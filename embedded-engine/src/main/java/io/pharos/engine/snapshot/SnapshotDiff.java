package io.pharos.engine.snapshot;

import io.pharos.engine.alerting.AlertStateStore;
import io.pharos.engine.alerting.Silence;
import io.pharos.engine.dashboard.ExecutiveSummary;
import io.pharos.engine.dashboard.Kpi;
import io.pharos.engine.dashboard.RegionFigures;
import io.pharos.engine.dashboard.RegionHealth;
import io.pharos.engine.incident.Incident;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What changed from one snapshot to another (docs/snapshots.md, "Compare"): the executive figures
 * (cost among them) and each region's, computed over each snapshot's own range as the console
 * computes them; alerts new and gone; incidents new, gone and changed; silences new and gone.
 *
 * @param kpis    the executive figures, A then B; a missing value is null
 * @param regions per region present in either, its health and figures
 */
public record SnapshotDiff(Side a, Side b, List<Change> kpis, List<RegionChange> regions, List<String> alertsNew,
                           List<String> alertsGone, List<IncidentChange> incidents, List<String> silencesNew,
                           List<String> silencesGone, List<String> rulesNew, List<String> rulesGone,
                           List<String> rulesChanged) {

    /** One side as compared: its file (or "live data"), range, resolution (0: as stored) and note. */
    public record Side(String file, long fromMs, long toMs, long resolutionMs, String note) {
    }

    /**
     * What one side of a comparison holds: a snapshot, or the live engine over a range. The executive
     * figures of its range, its firing and pending alerts (labels to state), incidents, silences and
     * rules ("group/name" to their definition as a snapshot stores it).
     */
    public record Compared(Side side, ExecutiveSummary summary, Map<String, String> alerts, List<Incident> incidents,
                           List<Silence> silences, Map<String, String> rules) {
        public Compared {
            alerts = Map.copyOf(alerts);
            incidents = List.copyOf(incidents);
            silences = List.copyOf(silences);
            rules = Map.copyOf(rules);
        }

        /**
         * A snapshot: the figures computed from it, the alerts of the queue it keeps (as of its range's
         * end, as its window shows them); a file without a queue, the alert states it saved.
         */
        public static Compared of(OpenedSnapshot s) {
            Manifest m = s.manifest();
            Map<String, String> alerts = new TreeMap<>();
            if (s.alerting().alerts().isEmpty()) {
                for (AlertStateStore.SavedAlert a : s.alerts()) {
                    put(alerts, a.labels().toString(), a.state());
                }
            }
            for (io.pharos.engine.pipeline.AlertRow r : s.alerting().alerts()) {
                put(alerts, r.alert().alert().labels().toString(), r.alert().alert().state());
            }
            return new Compared(new Side(s.file().toString(), m.fromMs(), m.toMs(), m.resolutionMs(), m.note()),
                    s.summary(), alerts, s.incidents(), s.silences(), s.rules());
        }

        /**
         * The live engine: the figures of [fromMs, toMs] by its dashboard, and its alerts, incidents,
         * silences and rules as they are now.
         */
        public static Compared live(io.pharos.engine.dashboard.DashboardService dashboard, long fromMs, long toMs,
                                    java.util.Optional<? extends io.pharos.engine.pipeline.AlertingState> alerting,
                                    List<Incident> incidents) {
            return alerting.isEmpty() ? live(dashboard, fromMs, toMs, List.of(), List.of(), List.of(), incidents)
                    : live(dashboard, fromMs, toMs, alerting.get().alerts(), alerting.get().silences(),
                            alerting.get().ruleGroups(), incidents);
        }

        /** The live data as given: the figures of [fromMs, toMs] by {@code dashboard}, and the state now. */
        public static Compared live(io.pharos.engine.dashboard.DashboardService dashboard, long fromMs, long toMs,
                                    List<io.pharos.engine.pipeline.AlertRow> queue, List<Silence> silences,
                                    List<io.pharos.engine.rules.RuleGroup> rules, List<Incident> incidents) {
            Map<String, String> alerts = new TreeMap<>();
            for (io.pharos.engine.pipeline.AlertRow r : queue) {
                put(alerts, r.alert().alert().labels().toString(), r.alert().alert().state());
            }
            return new Compared(new Side("live data", fromMs, toMs, 0, null), dashboard.summarize(fromMs, toMs), alerts,
                    incidents, silences, SnapshotSettings.rulesInUse(rules));
        }

        private static void put(Map<String, String> alerts, String labels, io.pharos.engine.alerting.AlertState state) {
            String name = state.name().toLowerCase(java.util.Locale.ROOT);
            if (name.equals("firing") || name.equals("pending")) {
                alerts.put(labels, name);
            }
        }
    }

    /** A figure in A and in B (null: no value); {@code unit} as the dashboard's ("ratio", "seconds", …). */
    public record Change(String id, String unit, Double a, Double b) {
        public boolean changed() {
            return !Objects.equals(a, b);
        }
    }

    /** A region's health and figures in A and B ("absent" where it is not in one of them). */
    public record RegionChange(String region, String healthA, String healthB, List<Change> figures) {
    }

    /** An incident in A and B: "status, severity" or "absent". */
    public record IncidentChange(String id, String title, String a, String b) {
    }

    public static SnapshotDiff of(OpenedSnapshot a, OpenedSnapshot b) {
        return of(Compared.of(a), Compared.of(b));
    }

    /** A against B: a snapshot against another, or against live data. */
    public static SnapshotDiff of(Compared a, Compared b) {
        ExecutiveSummary sa = a.summary();
        ExecutiveSummary sb = b.summary();
        List<Change> kpis = new ArrayList<>();
        List<Kpi> ka = kpis(sa);
        List<Kpi> kb = kpis(sb);
        for (int i = 0; i < ka.size(); i++) {
            kpis.add(new Change(ka.get(i).id(), ka.get(i).unit(), value(ka.get(i).value()), value(kb.get(i).value())));
        }
        Map<String, RegionHealth> ra = byRegion(sa);
        Map<String, RegionHealth> rb = byRegion(sb);
        List<RegionChange> regions = new ArrayList<>();
        for (String region : new TreeSet<>(union(ra.keySet(), rb.keySet()))) {
            RegionHealth x = ra.get(region);
            RegionHealth y = rb.get(region);
            regions.add(new RegionChange(region, x == null ? "absent" : x.health().name().toLowerCase(java.util.Locale.ROOT),
                    y == null ? "absent" : y.health().name().toLowerCase(java.util.Locale.ROOT),
                    figures(x == null ? null : x.figures(), y == null ? null : y.figures())));
        }
        Map<String, String> alertsA = a.alerts();
        Map<String, String> alertsB = b.alerts();
        Map<String, Incident> ia = new TreeMap<>();
        a.incidents().forEach(i -> ia.put(i.id(), i));
        Map<String, Incident> ib = new TreeMap<>();
        b.incidents().forEach(i -> ib.put(i.id(), i));
        List<IncidentChange> incidents = new ArrayList<>();
        for (String id : new TreeSet<>(union(ia.keySet(), ib.keySet()))) {
            String x = describe(ia.get(id));
            String y = describe(ib.get(id));
            if (!x.equals(y)) {
                Incident any = ib.containsKey(id) ? ib.get(id) : ia.get(id);
                incidents.add(new IncidentChange(id, any.title(), x, y));
            }
        }
        Map<String, String> silA = silences(a.silences());
        Map<String, String> silB = silences(b.silences());
        Map<String, String> rulesA = a.rules();
        Map<String, String> rulesB = b.rules();
        List<String> rulesChanged = rulesA.keySet().stream()
                .filter(k -> rulesB.containsKey(k) && !rulesA.get(k).equals(rulesB.get(k))).toList();
        return new SnapshotDiff(a.side(), b.side(), kpis, regions, onlyIn(alertsB, alertsA), onlyIn(alertsA, alertsB),
                incidents, onlyIn(silB, silA), onlyIn(silA, silB), keysOnlyIn(rulesB, rulesA), keysOnlyIn(rulesA, rulesB),
                rulesChanged);
    }

    private static List<Kpi> kpis(ExecutiveSummary s) {
        return List.of(s.availability(), s.errorRate(), s.requestsPerSecond(), s.latencyP95(), s.latencyP99(),
                s.activeUsers(), s.revenuePerMinute(), s.revenueAtRisk(), s.costPerHour(), s.monthlyRunRate(),
                s.cpuHeadroom(), s.openIncidents(), s.meanTimeToAcknowledge(), s.meanTimeToResolve());
    }

    private static List<Change> figures(RegionFigures x, RegionFigures y) {
        List<Change> out = new ArrayList<>();
        add(out, "response_time", "seconds", x == null ? null : x.responseTimeSeconds(), y == null ? null : y.responseTimeSeconds());
        add(out, "success_ratio", "ratio", x == null ? null : x.successRatio(), y == null ? null : y.successRatio());
        add(out, "requests_per_second", "requests/s", x == null ? null : x.requestsPerSecond(),
                y == null ? null : y.requestsPerSecond());
        add(out, "latency_p95", "seconds", x == null ? null : x.latencyP95Seconds(), y == null ? null : y.latencyP95Seconds());
        add(out, "latency_p99", "seconds", x == null ? null : x.latencyP99Seconds(), y == null ? null : y.latencyP99Seconds());
        add(out, "error_rate", "ratio", x == null ? null : x.errorRatio(), y == null ? null : y.errorRatio());
        add(out, "active_users", "users", x == null ? null : x.activeUsers(), y == null ? null : y.activeUsers());
        add(out, "revenue_per_minute", "$/min", x == null ? null : x.revenuePerMinute(), y == null ? null : y.revenuePerMinute());
        add(out, "cost_per_hour", "$/h", x == null ? null : x.costPerHour(), y == null ? null : y.costPerHour());
        add(out, "cpu_headroom", "ratio", x == null ? null : x.cpuHeadroom(), y == null ? null : y.cpuHeadroom());
        return out;
    }

    private static void add(List<Change> out, String id, String unit, OptionalDouble a, OptionalDouble b) {
        out.add(new Change(id, unit, a == null ? null : value(a), b == null ? null : value(b)));
    }

    private static Double value(OptionalDouble d) {
        return d.isPresent() && Double.isFinite(d.getAsDouble()) ? d.getAsDouble() : null;
    }

    private static Map<String, RegionHealth> byRegion(ExecutiveSummary s) {
        Map<String, RegionHealth> out = new LinkedHashMap<>();
        s.regions().forEach(r -> out.put(r.region(), r));
        return out;
    }

    private static Map<String, String> silences(List<Silence> silences) {
        Map<String, String> out = new TreeMap<>();
        for (Silence s : silences) {
            out.put(s.id(), s.id() + " " + s.matchers() + " by " + s.author() + ": " + s.reason());
        }
        return out;
    }

    private static String describe(Incident i) {
        return i == null ? "absent" : i.status().name().toLowerCase(java.util.Locale.ROOT) + ", " + i.severity().name();
    }

    /** The entries of {@code these} whose keys {@code other} lacks, as "key value" (or the value when it names the key). */
    private static List<String> onlyIn(Map<String, String> these, Map<String, String> other) {
        List<String> out = new ArrayList<>();
        these.forEach((k, v) -> {
            if (!other.containsKey(k)) {
                out.add(v.startsWith(k) ? v : k + " " + v);
            }
        });
        return out;
    }

    private static List<String> keysOnlyIn(Map<String, String> these, Map<String, String> other) {
        return these.keySet().stream().filter(k -> !other.containsKey(k)).toList();
    }

    private static java.util.Set<String> union(java.util.Set<String> x, java.util.Set<String> y) {
        java.util.Set<String> out = new java.util.HashSet<>(x);
        out.addAll(y);
        return out;
    }
}
