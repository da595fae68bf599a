package io.pharos.engine.incident;

import java.util.Map;

/**
 * One proposed response of an incident and everything that happened to it.
 *
 * @param id          "INC-7-A2"
 * @param decidedBy   who approved or rejected it ("policy" when it ran without approval); null until then
 * @param before      metrics read just before it ran; empty until it runs
 * @param after       metrics read just after it ran; empty until it finished
 * @param output      what the executor reported (bounded)
 * @param error       why it failed, empty unless it failed
 * @param executor    what carried it out ("the simulated reference fleet", "command ...")
 * @param simulated   whether it only changed a simulation
 */
public record ActionRecord(String id, String incidentId, ResponseAction action, ActionStatus status,
                           String proposedBy, long proposedAtMs, ExpectedEffect expected, PolicyVerdict verdict,
                           String decidedBy, long decidedAtMs, String decisionNote, long startedAtMs,
                           long finishedAtMs, Map<String, Double> before, Map<String, Double> after, String output,
                           String error, String executor, boolean simulated) {

    public ActionRecord {
        before = Map.copyOf(before);
        after = Map.copyOf(after);
    }

    ActionRecord withStatus(ActionStatus s) {
        return new ActionRecord(id, incidentId, action, s, proposedBy, proposedAtMs, expected, verdict, decidedBy,
                decidedAtMs, decisionNote, startedAtMs, finishedAtMs, before, after, output, error, executor, simulated);
    }

    ActionRecord decided(ActionStatus s, String by, long at, String note) {
        return new ActionRecord(id, incidentId, action, s, proposedBy, proposedAtMs, expected, verdict, by, at, note,
                startedAtMs, finishedAtMs, before, after, output, error, executor, simulated);
    }

    ActionRecord started(long at, Map<String, Double> metricsBefore, String executorName, boolean sim) {
        return new ActionRecord(id, incidentId, action, ActionStatus.EXECUTING, proposedBy, proposedAtMs, expected,
                verdict, decidedBy, decidedAtMs, decisionNote, at, 0, metricsBefore, Map.of(), "", "", executorName, sim);
    }

    ActionRecord finished(ActionStatus s, long at, Map<String, Double> metricsAfter, String out, String err) {
        return new ActionRecord(id, incidentId, action, s, proposedBy, proposedAtMs, expected, verdict, decidedBy,
                decidedAtMs, decisionNote, startedAtMs, at, before, metricsAfter, out, err, executor, simulated);
    }
}
