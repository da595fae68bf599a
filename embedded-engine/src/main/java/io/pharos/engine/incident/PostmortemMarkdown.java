package io.pharos.engine.incident;

import io.pharos.engine.model.Durations;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Writes an incident's postmortem as Markdown: the facts, summary and root cause, impact, the whole
 * timeline, every action with its expected effect and its metrics before and after, follow-ups, and
 * what the timeline's hash chain proves, with its head hash (kept elsewhere, it makes a later rewrite
 * of the state file detectable against this document).
 */
public final class PostmortemMarkdown {
    private PostmortemMarkdown() {
    }

    /**
     * The postmortem of an incident as stored now. Everything but the impact is built from the
     * timeline's entries, the part of the state file the hash chain covers (the incident and action
     * records are not hashed), so what the document presents as verified is what the chain verified.
     *
     * @param impact the impact, or null when it was not estimated
     */
    public static String export(IncidentReader incidents, String incidentId, Impact impact) {
        incidents.require(incidentId);
        List<TimelineEntry> timeline = incidents.timeline(incidentId);
        return render(TimelineFacts.incident(incidentId, timeline), timeline, TimelineFacts.actions(timeline), impact,
                incidents.verify(incidentId));
    }

    /**
     * @param impact the impact, or null when it was not estimated
     * @param chain  the timeline's verification, or null to leave it out
     */
    public static String render(Incident incident, List<TimelineEntry> timeline, List<ActionRecord> actions,
            Impact impact, ChainVerification chain) {
        StringBuilder md = new StringBuilder(4096);
        md.append("# Postmortem ").append(incident.id()).append(": ").append(line(incident.title())).append("\n\n");
        md.append("| | |\n|---|---|\n");
        row(md, "Severity", incident.severity() + " (" + incident.severity().description() + ")");
        row(md, "Status", incident.status().id());
        row(md, "Commander", incident.commander() == null ? "none named" : incident.commander());
        row(md, "Opened", Format.time(incident.createdAtMs()) + " by " + incident.createdBy());
        if (incident.acknowledgedAtMs() != 0) {
            row(md, "Acknowledged", Format.time(incident.acknowledgedAtMs()));
        }
        if (incident.resolvedAtMs() != 0) {
            row(md, "Resolved", Format.time(incident.resolvedAtMs()));
        }
        if (incident.closedAtMs() != 0) {
            row(md, "Closed", Format.time(incident.closedAtMs()));
        }
        row(md, "Regions", incident.regions().isEmpty() ? "none named" : String.join(", ", incident.regions()));
        if (!incident.alerts().isEmpty()) {
            List<String> alerts = new ArrayList<>();
            for (LinkedAlert a : incident.alerts()) {
                alerts.add(a.name() + " `" + a.labels() + "`" + (a.resolved() ? " (resolved)" : ""));
            }
            row(md, "Alerts", String.join("<br>", alerts));
        }
        md.append('\n');

        Postmortem pm = incident.postmortem();
        md.append("## Summary\n\n");
        md.append(pm == null ? "_No postmortem written yet._" : pm.summary().strip()).append("\n\n");
        if (pm != null && !pm.rootCause().isBlank()) {
            md.append("### Root cause\n\n").append(pm.rootCause().strip()).append("\n\n");
        }
        if (pm != null) {
            md.append("_Written by ").append(pm.author()).append(", ").append(Format.time(pm.writtenAtMs()))
                    .append("._\n\n");
        }

        md.append("## Impact\n\n");
        if (impact == null) {
            md.append("_Not estimated._ Duration so far: ").append(Durations.human(
                    incident.endMs(incident.updatedAtMs()) - incident.startMs())).append(".\n\n");
        } else {
            md.append("| | |\n|---|---|\n");
            row(md, "Duration", Durations.human(impact.durationMs()) + " (" + Format.time(impact.startMs()) + " → "
                    + Format.time(impact.endMs()) + ")");
            row(md, "Users affected (peak)", known(impact.affectedUsers(), "about " + Format.number(impact.affectedUsers())));
            row(md, "Revenue at risk", known(impact.revenueAtRisk(), Format.dollars(impact.revenueAtRisk())));
            row(md, "Revenue lost (estimate)", known(impact.revenueLost(), Format.dollars(impact.revenueLost())));
            md.append('\n');
            if (impact.simulated()) {
                md.append("> **Simulated figures.** These come from the simulated reference fleet, not from real users"
                        + " or money. ").append(line(impact.method())).append("\n\n");
            } else if (impact.method() != null && !impact.method().isBlank()) {
                md.append("Source: ").append(line(impact.method())).append("\n\n");
            }
        }

        md.append("## Timeline\n\n| Time (UTC) | Who | What |\n|---|---|---|\n");
        for (TimelineEntry e : timeline) {
            md.append("| ").append(Format.time(e.atMs()).replace(" UTC", "")).append(" | ").append(cell(e.actor()))
                    .append(" | ").append(cell(e.text())).append(" |\n");
        }
        md.append('\n');

        md.append("## Actions\n\n");
        if (actions.isEmpty()) {
            md.append("_No automated response was proposed._\n\n");
        }
        for (ActionRecord a : actions) {
            md.append("### ").append(a.id()).append(": ").append(a.action().describe()).append(" (")
                    .append(a.status().id()).append(")\n\n");
            md.append("- Proposed by ").append(a.proposedBy()).append(" at ").append(Format.time(a.proposedAtMs()))
                    .append("\n");
            md.append("- Expected: ").append(line(a.expected().text())).append("\n");
            md.append("- Policy: ").append(line(a.verdict().describe())).append("\n");
            if (a.decidedBy() != null) {
                String how = switch (a.status()) {
                    case REJECTED -> "Rejected";
                    case REFUSED -> "Refused";
                    default -> "Approved";
                };
                md.append("- ").append(how).append(" by ").append(a.decidedBy()).append(" at ")
                        .append(Format.time(a.decidedAtMs()))
                        .append(a.decisionNote() == null || a.decisionNote().isBlank() || a.status() == ActionStatus.REFUSED
                                ? "" : ": " + line(a.decisionNote()))
                        .append("\n");
            }
            if (a.startedAtMs() != 0) {
                md.append("- Ran on ").append(a.executor()).append(a.simulated() ? " (simulated)" : "").append(" at ")
                        .append(Format.time(a.startedAtMs()));
                if (a.finishedAtMs() != 0) {
                    md.append(", finished after ").append(Durations.human(a.finishedAtMs() - a.startedAtMs()));
                }
                md.append("\n");
            }
            if (!a.error().isBlank()) {
                md.append("- Failed: ").append(line(a.error())).append("\n");
            }
            md.append('\n');
            if (!a.before().isEmpty()) {
                metricsTable(md, a.before(), a.expected().expected(), a.after());
            }
        }

        md.append("## Follow-ups\n\n");
        if (pm == null || pm.followUps().isEmpty()) {
            md.append("_None recorded._\n\n");
        } else {
            for (Postmortem.FollowUp f : pm.followUps()) {
                md.append("- [ ] ").append(line(f.text()))
                        .append(f.owner() == null || f.owner().isBlank() ? "" : " (owner: " + f.owner() + ")").append('\n');
            }
            md.append('\n');
        }

        if (!incident.runbooks().isEmpty()) {
            md.append("## Runbooks\n\n");
            for (RunbookLink r : incident.runbooks()) {
                md.append("- [").append(line(r.title()).replace("]", "\\]")).append("](").append(r.url()).append(")\n");
            }
            md.append('\n');
        }

        if (chain != null) {
            md.append("---\n\n");
            if (chain.intact()) {
                md.append("Timeline integrity: timeline entries 1..").append(chain.entriesChecked())
                        .append(" verified (each entry's SHA-256 follows the one before); head hash `")
                        .append(chain.headHash()).append("`. Keep the head hash outside this file to detect a"
                        + " consistent rewrite: whoever edits an entry and recomputes every hash after it leaves a chain"
                        + " that verifies, but not this head. The facts, summary, timeline, actions and follow-ups above"
                        + " are built from these entries; the impact is computed when exporting and is not covered.\n");
            } else {
                md.append("**Timeline integrity: the hash chain is broken.** ").append(line(chain.problem()))
                        .append("\n");
            }
        }
        return md.toString();
    }

    private static void metricsTable(StringBuilder md, Map<String, Double> before, Map<String, Double> expected,
            Map<String, Double> after) {
        md.append("| Metric | Before | Expected | After |\n|---|---|---|---|\n");
        TreeSet<String> names = new TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        for (String k : names) {
            md.append("| ").append(k).append(" | ").append(value(k, before.get(k))).append(" | ")
                    .append(value(k, expected.get(k))).append(" | ").append(value(k, after.get(k))).append(" |\n");
        }
        md.append('\n');
    }

    private static String value(String name, Double v) {
        return v == null ? "–" : Format.metric(name, v);
    }

    private static String known(double v, String text) {
        return Double.isNaN(v) ? "unknown" : text;
    }

    private static void row(StringBuilder md, String name, String value) {
        md.append("| ").append(name).append(" | ").append(value.contains("<br>") ? value.replace("|", "\\|") : cell(value))
                .append(" |\n");
    }

    /** Table cell text: pipes escaped, line breaks as <br>. */
    private static String cell(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\r\n", "<br>").replace("\n", "<br>");
    }

    /** One line of text. */
    private static String line(String s) {
        return s == null ? "" : s.replace("\r\n", " ").replace('\n', ' ');
    }
}
