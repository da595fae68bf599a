package io.pharos.views.incidents;

import io.pharos.engine.incident.ActionRecord;
import io.pharos.engine.incident.Incident;
import io.pharos.engine.incident.IncidentStatus;
import io.pharos.engine.incident.TimelineEntry;
import java.util.List;

/**
 * Everything the detail panel shows of one incident, read together off the UI thread.
 *
 * @param chainIntact whether the timeline's hash chain verifies (an edited history does not)
 * @param chainText   what the verification says
 */
public record IncidentDetail(Incident incident, List<TimelineEntry> timeline, List<ActionRecord> actions,
                             List<IncidentStatus> next, boolean chainIntact, String chainText) {
    public IncidentDetail {
        timeline = List.copyOf(timeline);
        actions = List.copyOf(actions);
        next = List.copyOf(next);
    }
}
