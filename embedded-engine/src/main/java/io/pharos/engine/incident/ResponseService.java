package io.pharos.engine.incident;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pharos.engine.model.Durations;
import java.util.ArrayList;
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
    public static final String ACTION_KIND = ActionRecords.KIND;

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
     * What proposing {@code action} would do, recorded nowhere: the metrics now, the expected effect
     * and the policy's verdict against the actions so far. The console shows it for confirmation
     * before {@link #propose}, which checks again (the fleet or other actions may change meanwhile).
     */
    public Preview preview(String incidentId, ResponseAction action) {
        Objects.requireNonNull(action, "action");
        incidents.require(incidentId);
        long now = incidents.clock().millis();
        ExpectedEffect expected = ExpectedEffect.estimate(action, metrics.read(action, now));
        return new Preview(action, expected, policy.check(action, incidentId, all(), metrics, now), executor.name(),
                executor.simulated());
    }

    /**
     * An action as it would be proposed now.
     *
     * @param executor  what carries it out ("the simulated reference fleet", "command /opt/ops/act")
     * @param simulated whether it acts on the simulation, not on real systems
     */
    public record Preview(ResponseAction action, ExpectedEffect expected, PolicyVerdict verdict, String executor,
                          boolean simulated) {
    }

    /**
     * Proposes an action for an open (not closed) incident. Returns it refused, waiting for approval,
     * or, when the policy lets it run by itself, already run (succeeded or failed). When the metrics
     * cannot be read, nothing is recorded and the exception says why.
     */
    public ActionRecord propose(String incidentId, ResponseAction action, String actor) {
        IncidentService.requireActor(actor);
        Objects.requireNonNull(action, "action");
        long now = incidents.clock().millis();
        Map<String, Double> current = metrics.read(action, now);
        ExpectedEffect expected = ExpectedEffect.estimate(action, current);
        ActionRecord proposed = incidents.change(incidentId, c -> {
            // checked in the transaction that records it: the earlier actions cannot change meanwhile
            PolicyVerdict verdict = policy.check(action, incidentId, ActionRecords.all(c.transaction()), metrics, now);
            String id = c.newActionId();
            ActionRecord r = new ActionRecord(id, incidentId, action, ActionStatus.PROPOSED, actor, c.now(), expected,
                    verdict, null, 0, "", 0, 0, Map.of(), Map.of(), "", "", "", false);
            c.append(TimelineKind.ACTION_PROPOSED, actor, "proposed " + id + ": " + action.describe() + ". Expected: "
                    + expected.text() + ". Policy: " + verdict.describe(), data(r)
                    .<ObjectNode>set("expected", IncidentJson.expected(expected))
                    .set("verdict", IncidentJson.verdict(verdict)));
            switch (verdict.decision()) {
                case REFUSED -> r = refuse(c, r, String.join("; ", verdict.reasons()), id + " refused by policy: ");
                case AUTOMATIC -> {
                    r = r.decided(ActionStatus.APPROVED, IncidentService.SYSTEM_ACTOR, c.now(), "within policy");
                    c.append(TimelineKind.ACTION_APPROVED, IncidentService.SYSTEM_ACTOR, id
                            + " approved by policy: within its limits, and " + action.kind().id()
                            + " runs without approval", data(r));
                    // the metrics just read are its "before": approval and start are one transaction,
                    // so no crash can leave it approved but not started
                    r = start(c, r, current);
                }
                case NEEDS_APPROVAL -> { }
            }
            if (r.status() != ActionStatus.REFUSED) {
                c.affect(action.regions()); // a fail-over's target is affected too
            }
            ActionRecords.put(c.transaction(), r);
            c.save();
            return r;
        });
        return proposed.status() == ActionStatus.EXECUTING ? execute(proposed) : proposed;
    }

    /**
     * Approves a proposed action and runs it; returns it succeeded or failed. The policy is checked
     * again (what ran since may have used up a cumulative limit): the action is then returned refused,
     * as it is when it was proposed longer ago than the policy's maximum age. A person approves: not
     * the one who proposed it, and not as {@value IncidentService#SYSTEM_ACTOR}. The metrics are read
     * first: when that fails, nothing is recorded and the action stays proposed.
     */
    public ActionRecord approve(String actionId, String actor) {
        IncidentService.requirePerson(actor);
        ActionRecord proposed = require(actionId);
        requireProposed(proposed, "approved");
        requireSecondPerson(proposed, actor);
        Map<String, Double> before = metrics.read(proposed.action(), incidents.clock().millis());
        ActionRecord started = incidents.change(proposed.incidentId(), c -> {
            ActionRecord r = ActionRecords.load(c.transaction(), actionId);
            requireProposed(r, "approved");
            requireSecondPerson(r, actor);
            long age = c.now() - r.proposedAtMs();
            if (age > policy.maxProposalAge().toMillis()) {
                r = refuse(c, r, "expired: proposed " + Durations.human(age) + " ago, and the policy allows approval"
                        + " within " + Durations.human(policy.maxProposalAge().toMillis()) + "; the fleet may have"
                        + " changed since, so propose it again", actionId + " refused: ");
                ActionRecords.put(c.transaction(), r);
                c.save();
                return r;
            }
            PolicyVerdict now = policy.check(r.action(), r.incidentId(), ActionRecords.all(c.transaction()), metrics,
                    c.now());
            if (now.decision() == PolicyVerdict.Decision.REFUSED) {
                r = refuse(c, r, "refused by policy at approval: " + String.join("; ", now.reasons()),
                        actionId + " ");
                ActionRecords.put(c.transaction(), r);
                c.save();
                return r;
            }
            r = r.decided(ActionStatus.APPROVED, actor, c.now(), "");
            c.append(TimelineKind.ACTION_APPROVED, actor, actionId + " approved by " + actor + ": "
                    + r.action().describe(), data(r));
            r = start(c, r, before);
            ActionRecords.put(c.transaction(), r);
            c.save();
            return r;
        });
        return started.status() == ActionStatus.EXECUTING ? execute(started) : started;
    }

    /** Turns a proposed action down (its proposer may withdraw it this way). */
    public ActionRecord reject(String actionId, String actor, String reason) {
        IncidentService.requirePerson(actor);
        String note = reason == null ? "" : reason;
        return incidents.change(require(actionId).incidentId(), c -> {
            ActionRecord r = ActionRecords.load(c.transaction(), actionId);
            requireProposed(r, "rejected");
            r = r.decided(ActionStatus.REJECTED, actor, c.now(), note);
            c.append(TimelineKind.ACTION_REJECTED, actor, actionId + " rejected by " + actor
                    + (note.isBlank() ? "" : ": " + note), data(r).put("reason", note));
            ActionRecords.put(c.transaction(), r);
            c.save();
            return r;
        });
    }

    private static void requireProposed(ActionRecord r, String what) {
        if (r.status() != ActionStatus.PROPOSED) {
            throw new IllegalStateException(r.id() + " is " + r.status().id() + "; only a proposed action can be " + what);
        }
    }

    private static void requireSecondPerson(ActionRecord r, String actor) {
        if (actor.strip().equalsIgnoreCase(r.proposedBy().strip())) {
            throw new IllegalStateException(r.proposedBy() + " proposed " + r.id() + ", so someone else must approve"
                    + " it: an action that needs approval runs when two people agree");
        }
    }

    private static ActionRecord refuse(IncidentChange c, ActionRecord r, String why, String prefix) {
        ActionRecord refused = r.decided(ActionStatus.REFUSED, IncidentService.SYSTEM_ACTOR, c.now(), why);
        c.append(TimelineKind.ACTION_REFUSED, IncidentService.SYSTEM_ACTOR, prefix + why, data(refused).put("note", why));
        return refused;
    }

    /** Records the start of an approved action, in the transaction that approved it. */
    private ActionRecord start(IncidentChange c, ActionRecord approved, Map<String, Double> before) {
        ActionRecord r = approved.started(c.now(), before, executor.name(), executor.simulated());
        c.append(TimelineKind.ACTION_STARTED, r.decidedBy(), r.id() + " started on " + executor.name() + ": "
                + r.action().describe() + ". Before: " + metricsText(before), data(r)
                .<ObjectNode>set("before", IncidentJson.metrics(before)).put("executor", executor.name())
                .put("simulated", executor.simulated()));
        return r;
    }

    private ActionRecord execute(ActionRecord started) {
        String output = "";
        String error = "";
        try {
            output = Objects.requireNonNullElse(executor.execute(new ActionRequest(started.id(), started.incidentId(),
                    started.action(), started.decidedBy(), started.startedAtMs())), "");
        } catch (ActionFailedException e) {
            error = e.getMessage();
            output = e.output();
        } catch (RuntimeException e) {
            error = executor.name() + " failed: " + e;
        }
        Map<String, Double> after = Map.of();
        try {
            after = metrics.read(started.action(), incidents.clock().millis());
        } catch (RuntimeException e) {
            // the action ran: what it did must be on record even without its "after"
            output = output + (output.isEmpty() ? "" : "\n") + "the metrics after it could not be read: " + e.getMessage();
        }
        return finish(started, error.isEmpty() ? ActionStatus.SUCCEEDED : ActionStatus.FAILED, after, output, error,
                started.decidedBy());
    }

    private ActionRecord finish(ActionRecord started, ActionStatus status, Map<String, Double> after, String output,
            String error, String actor) {
        return incidents.change(started.incidentId(), c -> {
            ActionRecord r = ActionRecords.load(c.transaction(), started.id())
                    .finished(status, c.now(), after, output, error);
            String changes = changesText(r.before(), after, r.expected().expected());
            String text = r.id() + (status == ActionStatus.SUCCEEDED ? " succeeded" : " failed: " + error)
                    + " (" + r.action().describe() + (r.startedAtMs() == 0 ? "" : ", "
                    + (r.simulated() ? "simulated" : r.executor())) + ")"
                    + (changes.isEmpty() ? "" : ". " + changes);
            c.append(status == ActionStatus.SUCCEEDED ? TimelineKind.ACTION_SUCCEEDED : TimelineKind.ACTION_FAILED,
                    actor, text, data(r).<ObjectNode>set("before", IncidentJson.metrics(r.before()))
                            .<ObjectNode>set("after", IncidentJson.metrics(after))
                            .<ObjectNode>set("expected", IncidentJson.metrics(r.expected().expected()))
                            .put("output", output).put("error", error).put("simulated", r.simulated()));
            ActionRecords.put(c.transaction(), r);
            c.save();
            return r;
        });
    }

    /**
     * Call once at start. Marks actions that were running when the process stopped (still executing
     * in the state file) as failed with an unknown effect, reading the metrics now as their "after";
     * and actions approved but never started (state files of earlier versions wrote approval and
     * start separately) as failed, "not started", so they can be proposed again.
     */
    public List<ActionRecord> recover(String actor) {
        IncidentService.requireActor(actor);
        List<ActionRecord> out = new ArrayList<>();
        for (ActionRecord r : all()) {
            if (r.status() == ActionStatus.EXECUTING) {
                Map<String, Double> after;
                try {
                    after = metrics.read(r.action(), incidents.clock().millis());
                } catch (RuntimeException e) {
                    after = Map.of();
                }
                out.add(finish(r, ActionStatus.FAILED, after, "", "interrupted: Pharos stopped while it ran; its effect"
                        + " is unknown, check the target", actor));
            } else if (r.status() == ActionStatus.APPROVED) {
                out.add(finish(r, ActionStatus.FAILED, Map.of(), "", "not started: Pharos stopped after it was"
                        + " approved, before it ran; propose it again if it is still needed", actor));
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
        return incidents.actions(incidentId);
    }

    private List<ActionRecord> all() {
        return incidents.store().read(ActionRecords::all);
    }

    private ActionRecord require(String actionId) {
        return action(actionId).orElseThrow(() -> new NoSuchElementException("no action " + actionId));
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
