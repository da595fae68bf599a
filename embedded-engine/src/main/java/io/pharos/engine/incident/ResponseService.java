package io.pharos.engine.incident;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pharos.engine.store.StateStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Automated responses of incidents: an action is proposed with its expected effect (estimated from
 * the metrics read now), checked against the {@link ResponsePolicy}, and then refused, run at once
 * (within policy, of a kind that needs no approval) or left for a person to approve or reject.
 * Running it reads the metrics before, asks the {@link ActionExecutor} to carry it out, reads them
 * after, and records both in the incident's timeline.
 *
 * <p>Actions are records of kind {@value #ACTION_KIND} in the state file. {@link #propose} and
 * {@link #approve} run the action on the calling thread and return when it finished: call them off
 * the UI thread. An action the process stopped in the middle of is found by {@link #recover}.
 */
public final class ResponseService {
    public static final String ACTION_KIND = "incident-action";

    private final IncidentService incidents;
    private final ResponsePolicy policy;
    private final ActionExecutor executor;
    private final ResponseMetrics metrics;

    public ResponseService(IncidentService incidents, ResponsePolicy policy, ActionExecutor executor,
            ResponseMetrics metrics) {
        this.incidents = Objects.requireNonNull(incidents, "incidents");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    public ResponsePolicy policy() {
        return policy;
    }

    /**
     * Proposes an action for an open (not closed) incident. Returns it refused, waiting for approval,
     * or, when the policy lets it run by itself, already run (succeeded or failed).
     */
    public ActionRecord propose(String incidentId, ResponseAction action, String actor) {
        IncidentService.requireActor(actor);
        Objects.requireNonNull(action, "action");
        long now = incidents.clock().millis();
        Map<String, Double> current = metrics.read(action, now);
        ExpectedEffect expected = ExpectedEffect.estimate(action, current);
        PolicyVerdict verdict = policy.check(action, metrics, now);
        ActionRecord proposed = incidents.change(incidentId, c -> {
            c.b.actionCount++;
            String id = incidentId + "-A" + c.b.actionCount;
            ActionStatus status = switch (verdict.decision()) {
                case REFUSED -> ActionStatus.REFUSED;
                case NEEDS_APPROVAL -> ActionStatus.PROPOSED;
                case AUTOMATIC -> ActionStatus.APPROVED;
            };
            ActionRecord r = new ActionRecord(id, incidentId, action, ActionStatus.PROPOSED, actor, c.now, expected,
                    verdict, null, 0, "", 0, 0, Map.of(), Map.of(), "", "", "", false);
            c.append(TimelineKind.ACTION_PROPOSED, actor, "proposed " + id + ": " + action.describe() + ". Expected: "
                    + expected.text() + ". Policy: " + verdict.describe(), data(r)
                    .<ObjectNode>set("expected", IncidentJson.expected(expected))
                    .set("verdict", IncidentJson.verdict(verdict)));
            if (status == ActionStatus.REFUSED) {
                r = r.decided(status, IncidentService.SYSTEM_ACTOR, c.now, String.join("; ", verdict.reasons()));
                c.append(TimelineKind.ACTION_REFUSED, IncidentService.SYSTEM_ACTOR, id + " refused by policy: "
                        + String.join("; ", verdict.reasons()), data(r));
            } else if (status == ActionStatus.APPROVED) {
                r = r.decided(status, IncidentService.SYSTEM_ACTOR, c.now, "within policy");
                c.append(TimelineKind.ACTION_APPROVED, IncidentService.SYSTEM_ACTOR, id
                        + " approved by policy: within its limits, and " + action.kind().id()
                        + " runs without approval", data(r));
            }
            if (status != ActionStatus.REFUSED) {
                // the regions an action touches are affected by the incident (a fail-over's target too)
                for (String region : action.regions()) {
                    if (!c.b.regions.contains(region)) {
                        c.b.regions.add(region);
                    }
                }
            }
            put(c.tx, r);
            c.save();
            return r;
        });
        return proposed.status() == ActionStatus.APPROVED ? run(proposed.id()) : proposed;
    }

    /** Approves a proposed action and runs it; returns it succeeded or failed. */
    public ActionRecord approve(String actionId, String actor) {
        IncidentService.requireActor(actor);
        ActionRecord approved = decide(actionId, actor, ActionStatus.APPROVED, "");
        return run(approved.id());
    }

    /** Turns a proposed action down. */
    public ActionRecord reject(String actionId, String actor, String reason) {
        IncidentService.requireActor(actor);
        return decide(actionId, actor, ActionStatus.REJECTED, reason == null ? "" : reason);
    }

    private ActionRecord decide(String actionId, String actor, ActionStatus to, String note) {
        String incidentId = require(actionId).incidentId();
        return incidents.change(incidentId, c -> {
            ActionRecord r = load(c.tx, actionId);
            if (r.status() != ActionStatus.PROPOSED) {
                throw new IllegalStateException(actionId + " is " + r.status().id() + "; only a proposed action can be "
                        + (to == ActionStatus.APPROVED ? "approved" : "rejected"));
            }
            r = r.decided(to, actor, c.now, note);
            if (to == ActionStatus.APPROVED) {
                c.append(TimelineKind.ACTION_APPROVED, actor, actionId + " approved by " + actor + ": "
                        + r.action().describe(), data(r));
            } else {
                c.append(TimelineKind.ACTION_REJECTED, actor, actionId + " rejected by " + actor
                        + (note.isBlank() ? "" : ": " + note), data(r).put("reason", note));
            }
            put(c.tx, r);
            c.save();
            return r;
        });
    }

    private ActionRecord run(String actionId) {
        ActionRecord approved = require(actionId);
        Map<String, Double> before = metrics.read(approved.action(), incidents.clock().millis());
        ActionRecord started = incidents.change(approved.incidentId(), c -> {
            ActionRecord r = load(c.tx, actionId);
            if (r.status() != ActionStatus.APPROVED) {
                throw new IllegalStateException(actionId + " is " + r.status().id() + "; only an approved action runs");
            }
            r = r.started(c.now, before, executor.name(), executor.simulated());
            c.append(TimelineKind.ACTION_STARTED, r.decidedBy(), actionId + " started on " + executor.name() + ": "
                    + r.action().describe() + ". Before: " + metricsText(before), data(r)
                    .<ObjectNode>set("before", IncidentJson.metrics(before)).put("executor", executor.name())
                    .put("simulated", executor.simulated()));
            put(c.tx, r);
            c.save();
            return r;
        });
        String output = "";
        String error = "";
        try {
            output = Objects.requireNonNullElse(executor.execute(new ActionRequest(actionId, started.incidentId(),
                    started.action(), started.decidedBy(), started.startedAtMs())), "");
        } catch (ActionFailedException e) {
            error = e.getMessage();
            output = e.output();
        } catch (RuntimeException e) {
            error = executor.name() + " failed: " + e;
        }
        Map<String, Double> after = metrics.read(started.action(), incidents.clock().millis());
        return finish(started, error.isEmpty() ? ActionStatus.SUCCEEDED : ActionStatus.FAILED, after, output, error,
                started.decidedBy());
    }

    private ActionRecord finish(ActionRecord started, ActionStatus status, Map<String, Double> after, String output,
            String error, String actor) {
        // Written even when the incident was closed meanwhile: what ran must be on record.
        return incidents.store().write(tx -> {
            Incident inc = IncidentService.load(tx, started.incidentId());
            IncidentService.Change c = new IncidentService.Change(tx, inc, incidents.clock().millis());
            ActionRecord r = load(tx, started.id()).finished(status, c.now, after, output, error);
            String changes = changesText(r.before(), after, r.expected().expected());
            String text = r.id() + (status == ActionStatus.SUCCEEDED ? " succeeded" : " failed: " + error)
                    + " (" + r.action().describe() + ", " + (r.simulated() ? "simulated" : executor.name()) + ")"
                    + (changes.isEmpty() ? "" : ". " + changes);
            c.append(status == ActionStatus.SUCCEEDED ? TimelineKind.ACTION_SUCCEEDED : TimelineKind.ACTION_FAILED,
                    actor, text, data(r).<ObjectNode>set("before", IncidentJson.metrics(r.before()))
                            .<ObjectNode>set("after", IncidentJson.metrics(after))
                            .<ObjectNode>set("expected", IncidentJson.metrics(r.expected().expected()))
                            .put("output", output).put("error", error).put("simulated", r.simulated()));
            put(tx, r);
            c.save();
            return r;
        });
    }

    /**
     * Marks actions that were running when the process stopped (still executing in the state file)
     * as failed with an unknown effect, reading the metrics now as their "after". Call once at start.
     */
    public List<ActionRecord> recover(String actor) {
        IncidentService.requireActor(actor);
        List<ActionRecord> out = new ArrayList<>();
        for (ActionRecord r : all()) {
            if (r.status() == ActionStatus.EXECUTING) {
                Map<String, Double> after = metrics.read(r.action(), incidents.clock().millis());
                out.add(finish(r, ActionStatus.FAILED, after, "", "interrupted: Pharos stopped while it ran; its effect"
                        + " is unknown, check the target", actor));
            }
        }
        return out;
    }

    public Optional<ActionRecord> action(String actionId) {
        return incidents.store().read(r -> r.get(ACTION_KIND, actionId))
                .map(rec -> IncidentJson.actionRecord(IncidentJson.parse(rec.body())));
    }

    /** The actions of an incident, in the order they were proposed. */
    public List<ActionRecord> actions(String incidentId) {
        return all().stream().filter(r -> r.incidentId().equals(incidentId)).toList();
    }

    private List<ActionRecord> all() {
        return incidents.store().read(r -> r.list(ACTION_KIND)).stream()
                .map(rec -> IncidentJson.actionRecord(IncidentJson.parse(rec.body())))
                .sorted(Comparator.comparingLong(ActionRecord::proposedAtMs).thenComparingInt(ResponseService::number))
                .toList();
    }

    private static int number(ActionRecord r) {
        return Integer.parseInt(r.id().substring(r.id().lastIndexOf("-A") + 2));
    }

    private ActionRecord require(String actionId) {
        return action(actionId).orElseThrow(() -> new NoSuchElementException("no action " + actionId));
    }

    private static ActionRecord load(StateStore.Reader r, String actionId) {
        return r.get(ACTION_KIND, actionId).map(rec -> IncidentJson.actionRecord(IncidentJson.parse(rec.body())))
                .orElseThrow(() -> new NoSuchElementException("no action " + actionId));
    }

    private static void put(StateStore.Transaction tx, ActionRecord r) {
        tx.put(ACTION_KIND, r.id(), Math.max(r.proposedAtMs(), Math.max(r.decidedAtMs(), r.finishedAtMs())),
                IncidentJson.text(IncidentJson.actionRecord(r)));
    }

    private static ObjectNode data(ActionRecord r) {
        return IncidentJson.object().put("action", r.id()).<ObjectNode>set("request", IncidentJson.action(r.action()))
                .put("status", r.status().id());
    }

    static String metricsText(Map<String, Double> m) {
        if (m.isEmpty()) {
            return "no metrics";
        }
        List<String> parts = new ArrayList<>();
        new java.util.TreeMap<>(m).forEach((k, v) -> parts.add(k + " " + Format.metric(k, v)));
        return String.join(", ", parts);
    }

    /** "cpu_utilization 91 % → 74 % (expected 73 %)" for each metric read before and after. */
    static String changesText(Map<String, Double> before, Map<String, Double> after, Map<String, Double> expected) {
        List<String> parts = new ArrayList<>();
        for (String k : new TreeSet<>(before.keySet())) {
            Double a = after.get(k);
            if (a == null) {
                continue;
            }
            Double e = expected.get(k);
            parts.add(k + " " + Format.metric(k, before.get(k)) + " → " + Format.metric(k, a)
                    + (e == null ? "" : " (expected " + Format.metric(k, e) + ")"));
        }
        return String.join(", ", parts);
    }
}
