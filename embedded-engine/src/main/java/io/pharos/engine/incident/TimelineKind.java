package io.pharos.engine.incident;

import java.util.Locale;

/** What a timeline entry records. */
public enum TimelineKind {
    CREATED, STATUS, SEVERITY, COMMANDER, TITLE, ALERT_LINKED, ALERT_RESOLVED, RUNBOOK, REGIONS, NOTE,
    ACTION_PROPOSED, ACTION_REFUSED, ACTION_APPROVED, ACTION_REJECTED, ACTION_STARTED, ACTION_SUCCEEDED,
    ACTION_FAILED, POSTMORTEM;

    /** "action-proposed": the form stored in the timeline. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static TimelineKind byId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
