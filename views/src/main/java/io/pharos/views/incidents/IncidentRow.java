package io.pharos.views.incidents;

import io.pharos.engine.incident.Incident;
import io.pharos.engine.model.Durations;

/** One line of the incident list, formatted for display. */
public record IncidentRow(String id, String severity, String status, String title, String commander, String age,
                          int alerts, boolean open) {

    static IncidentRow of(Incident i, long nowMs) {
        return new IncidentRow(i.id(), i.severity().name(), i.status().id(), i.title(),
                i.commander() == null || i.commander().isBlank() ? "—" : i.commander(),
                age(i.endMs(nowMs) - i.startMs()), i.alerts().size(), i.open());
    }

    /** To the minute once it is a minute old: a list needs "2 min", not "2 min 42 s". */
    static String age(long ms) {
        return Durations.human(ms >= 60_000 ? ms - ms % 60_000 : ms);
    }
}
