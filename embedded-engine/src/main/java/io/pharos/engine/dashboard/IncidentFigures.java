package io.pharos.engine.dashboard;

import io.pharos.engine.dashboard.Kpi.Measure;
import io.pharos.engine.incident.Incident;
import io.pharos.engine.incident.Severity;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Incident figures at a time or over a range, from incidents' own timestamps (so a past range counts
 * what was open then, not what is open now). Pure.
 */
final class IncidentFigures {
    private IncidentFigures() {
    }

    /** When the incident stopped being open: its resolution (or closing), or never. */
    static long endedAt(Incident i) {
        return i.endMs(Long.MAX_VALUE);
    }

    /** Created before {@code t} and not resolved before it. */
    static boolean openAt(Incident i, long t) {
        return i.createdAtMs() < t && endedAt(i) >= t;
    }

    static List<Incident> openAt(List<Incident> all, long t) {
        return all.stream().filter(i -> openAt(i, t)).toList();
    }

    static Map<Severity, Integer> bySeverity(List<Incident> open) {
        Map<Severity, Integer> out = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            out.put(s, 0);
        }
        for (Incident i : open) {
            out.merge(i.severity(), 1, Integer::sum);
        }
        return out;
    }

    /** The regions the incidents name. */
    static Set<String> regions(List<Incident> open) {
        Set<String> out = new TreeSet<>();
        open.forEach(i -> out.addAll(i.regions()));
        return out;
    }

    /** Incidents that started (first alert or creation) in [from, to). */
    static List<Incident> startedIn(List<Incident> all, long fromMs, long toMs) {
        return all.stream().filter(i -> i.startMs() >= fromMs && i.startMs() < toMs).toList();
    }

    /** Mean seconds from start to the first acknowledgement, over those acknowledged before {@code toMs}. */
    static Measure meanTimeToAcknowledge(List<Incident> started, long toMs) {
        return meanSeconds(started, toMs, true);
    }

    /** Mean seconds from start to resolution, over those resolved before {@code toMs}. */
    static Measure meanTimeToResolve(List<Incident> started, long toMs) {
        return meanSeconds(started, toMs, false);
    }

    private static Measure meanSeconds(List<Incident> started, long toMs, boolean acknowledge) {
        if (started.isEmpty()) {
            return Measure.missing("no incident started in the period");
        }
        double sum = 0;
        int n = 0;
        for (Incident i : started) {
            long at = acknowledge ? i.acknowledgedAtMs() : endedAt(i);
            if (at != 0 && at != Long.MAX_VALUE && at < toMs) {
                sum += Math.max(0, at - i.startMs()) / 1000.0;
                n++;
            }
        }
        if (n == 0) {
            return Measure.missing("none of the " + started.size() + " incidents started in the period was "
                    + (acknowledge ? "acknowledged" : "resolved") + " by its end");
        }
        return Measure.of(sum / n);
    }

    /** How many of the incidents were counted, when not all were: "2 of 3 incidents resolved". */
    static String coverage(List<Incident> started, long toMs, boolean acknowledge) {
        long counted = started.stream().filter(i -> {
            long at = acknowledge ? i.acknowledgedAtMs() : endedAt(i);
            return at != 0 && at != Long.MAX_VALUE && at < toMs;
        }).count();
        return counted == started.size() || counted == 0 ? ""
                : counted + " of " + started.size() + " incidents " + (acknowledge ? "acknowledged" : "resolved")
                        + " so far; the others are not counted";
    }
}
