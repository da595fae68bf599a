package io.pharos.engine.incident;

import io.pharos.engine.alerting.Alert;
import io.pharos.engine.store.StateStore;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Incidents and their timelines, kept in the state file ({@link StateStore}): each incident is a
 * record (kind {@value #INCIDENT_KIND}), each timeline entry a log entry (kind {@value #TIMELINE_KIND},
 * key the incident's id) chained to the one before by its SHA-256 hash. Every change is one
 * transaction: the incident's new state and the timeline entries that tell it are on disk together,
 * or neither is.
 *
 * <p>Every change names its actor; times come from the clock given at construction. Thread-safe:
 * changes are serialized by the state file.
 */
public final class IncidentService implements IncidentReader {
    public static final String INCIDENT_KIND = "incident";
    public static final String TIMELINE_KIND = "incident-timeline";
    /** What a snapshot copies of incidents: every incident and action, whole (incidents are few). */
    public static final List<String> SNAPSHOT_RECORD_KINDS = List.of(INCIDENT_KIND, ActionRecords.KIND);
    /** Timelines, whole, so that an incident in a snapshot reads as it did in the console. */
    public static final List<String> SNAPSHOT_LOG_KINDS = List.of(TIMELINE_KIND);
    static final String COUNTER_KIND = "incident-counter";
    /** The actor of what Pharos does by itself (opening incidents from alerts, policy approvals). */
    public static final String SYSTEM_ACTOR = "pharos";

    private static final Logger LOG = LoggerFactory.getLogger(IncidentService.class);

    private final StateStore store;
    private final InstantSource clock;
    private final IncidentPolicy policy;
    private final AlertLinker linker;

    public IncidentService(StateStore store, InstantSource clock, IncidentPolicy policy) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.linker = new AlertLinker(this);
    }

    public IncidentPolicy policy() {
        return policy;
    }

    InstantSource clock() {
        return clock;
    }

    StateStore store() {
        return store;
    }

    // ---- reading ----

    @Override
    public Optional<Incident> get(String id) {
        return store.read(r -> r.get(INCIDENT_KIND, id).map(rec -> IncidentJson.incident(IncidentJson.parse(rec.body()))));
    }

    @Override
    public Incident require(String id) {
        return get(id).orElseThrow(() -> new NoSuchElementException("no incident " + id));
    }

    @Override
    public List<Incident> list() {
        return store.read(IncidentService::all);
    }

    /** Triggered, acknowledged and mitigating incidents, newest first. */
    public List<Incident> openIncidents() {
        return list().stream().filter(Incident::open).toList();
    }

    @Override
    public List<TimelineEntry> timeline(String id) {
        return store.read(r -> timeline(r, id));
    }

    private static List<TimelineEntry> timeline(StateStore.Reader r, String id) {
        return r.log(TIMELINE_KIND, id, Long.MIN_VALUE, Long.MAX_VALUE, Integer.MAX_VALUE).stream()
                .map(e -> TimelineChain.entry(IncidentJson.parse(e.body())))
                .toList();
    }

    @Override
    public ChainVerification verify(String id) {
        return store.read(r -> TimelineChain.verify(id, r));
    }

    @Override
    public List<ActionRecord> actions(String incidentId) {
        return store.read(r -> ActionRecords.of(r, incidentId));
    }

    /**
     * The incidents of a state reader that is not written (a snapshot's), read as this service reads
     * its own; an unreadable incident is left out of the list, as {@link #all} leaves it out.
     */
    public static IncidentReader reading(StateStore.Reader r) {
        return new IncidentReader() {
            @Override
            public List<Incident> list() {
                return all(r);
            }

            @Override
            public Optional<Incident> get(String id) {
                return readable(r, id);
            }

            @Override
            public List<TimelineEntry> timeline(String id) {
                // Entry by entry: one that cannot be read is left out (the chain's check then says so).
                List<TimelineEntry> out = new ArrayList<>();
                for (var e : r.log(TIMELINE_KIND, id, Long.MIN_VALUE, Long.MAX_VALUE, Integer.MAX_VALUE)) {
                    try {
                        out.add(TimelineChain.entry(IncidentJson.parse(e.body())));
                    } catch (RuntimeException ex) {
                        LOG.warn("Skipped timeline entry {} of incident {}: it is not readable ({}).", e.seq(), id,
                                ex.getMessage());
                    }
                }
                return out;
            }

            @Override
            public ChainVerification verify(String id) {
                return TimelineChain.verify(id, r);
            }

            @Override
            public List<ActionRecord> actions(String incidentId) {
                return ActionRecords.readable(r, incidentId);
            }
        };
    }

    /** Verifies every incident's timeline. */
    public List<ChainVerification> verifyAll() {
        // by key, not through all(): an unreadable incident record is reported, not skipped
        return store.read(r -> r.list(INCIDENT_KIND).stream().map(rec -> TimelineChain.verify(rec.key(), r)).toList());
    }

    /**
     * Every readable incident in a state reader (the state file, or a snapshot's), newest first; an
     * unreadable record is skipped and logged by its key.
     */
    public static List<Incident> all(StateStore.Reader r) {
        List<Incident> out = new ArrayList<>();
        for (StateStore.Record rec : r.list(INCIDENT_KIND)) {
            try {
                Incident i = IncidentJson.incident(IncidentJson.parse(rec.body()));
                if (i.id() == null || i.id().isBlank()) {
                    throw new IllegalArgumentException("it has no id");
                }
                out.add(i);
            } catch (RuntimeException e) {
                LOG.warn("Skipped incident record {}: it is not readable ({}). Its timeline is still in the state"
                        + " file; verifying it names what is wrong.", rec.key(), e.getMessage());
            }
        }
        return out.stream().sorted(Comparator.comparingLong(Incident::createdAtMs).reversed()
                        .thenComparing(Comparator.comparingInt(IncidentService::number).reversed()))
                .toList();
    }

    /** One incident, or empty when it does not exist or its record is not readable (logged by its key). */
    static Optional<Incident> readable(StateStore.Reader r, String id) {
        return r.get(INCIDENT_KIND, id).flatMap(rec -> {
            try {
                return Optional.of(IncidentJson.incident(IncidentJson.parse(rec.body())));
            } catch (RuntimeException e) {
                LOG.warn("Skipped incident record {}: it is not readable ({}).", id, e.getMessage());
                return Optional.empty();
            }
        });
    }

    private static int number(Incident i) {
        try {
            return Integer.parseInt(i.id().substring(i.id().indexOf('-') + 1));
        } catch (RuntimeException e) {
            return 0;
        }
    }

    // ---- creating ----

    /** Opens an incident by hand; it starts triggered. */
    public Incident create(String title, Severity severity, String actor) {
        requireText(title, "a title");
        Objects.requireNonNull(severity, "severity");
        requireActor(actor);
        long now = clock.millis();
        return store.write(tx -> {
            IncidentChange c = open(tx, title, severity, actor, now, null);
            c.append(TimelineKind.CREATED, actor, "opened by hand: " + title + " (" + severity + ")",
                    IncidentJson.object().put("title", title).put("severity", severity.name()));
            return c.save();
        });
    }

    /** A new incident, numbered from the state file's counter; {@code alertGroup} null when opened by hand. */
    IncidentChange open(StateStore.Transaction tx, String title, Severity severity, String actor, long now,
            String alertGroup) {
        long n = tx.get(COUNTER_KIND, "next").map(r -> IncidentJson.parse(r.body()).path("next").asLong()).orElse(1L);
        tx.put(COUNTER_KIND, "next", now, IncidentJson.text(IncidentJson.object().put("next", n + 1)));
        String id = "INC-" + n;
        if (tx.get(INCIDENT_KIND, id).isPresent()) {
            throw new IllegalStateException("incident id " + id + " is already taken; the state file's counter is damaged");
        }
        Incident fresh = new Incident(id, title, severity, IncidentStatus.TRIGGERED, null, actor, now, 0, 0, 0, 0,
                alertGroup, List.of(), List.of(), List.of(), null, now, 0, CanonicalJson.GENESIS, 0);
        return IncidentChange.ofNew(tx, fresh, now);
    }

    // ---- alerts ----

    /**
     * Applies the incident policy to an alert's current state ({@link AlertLinker#onAlert}). Returns the
     * incident changed, if any.
     */
    public Optional<Incident> onAlert(Alert alert) {
        return linker.onAlert(alert);
    }

    /** {@link #onAlert} for each alert; returns the incidents changed. Writes nothing when nothing changed. */
    public List<Incident> onAlerts(Collection<Alert> alerts) {
        return linker.onAlerts(alerts);
    }

    /** Links an alert by hand (any alert, whatever its severity). */
    public Incident linkAlert(String id, Alert alert, String actor) {
        requireActor(actor);
        return change(id, c -> {
            if (!c.link(alert, actor)) {
                throw new IllegalArgumentException("alert " + AlertLinker.nameOf(alert.labels()) + " is already linked to " + id);
            }
            return c.save();
        });
    }

    // ---- lifecycle ----

    public Incident acknowledge(String id, String actor) {
        return transition(id, IncidentStatus.ACKNOWLEDGED, actor, null);
    }

    public Incident startMitigating(String id, String actor) {
        return transition(id, IncidentStatus.MITIGATING, actor, null);
    }

    public Incident resolve(String id, String actor) {
        return transition(id, IncidentStatus.RESOLVED, actor, null);
    }

    /** Resolved → mitigating: the problem is back. Only a resolved incident is reopened. */
    public Incident reopen(String id, String actor, String reason) {
        requireText(reason, "a reason to reopen");
        return transition(id, IncidentStatus.MITIGATING, actor, reason, true);
    }

    /**
     * Resolved → closed; needs a postmortem ({@link #writePostmortem}) and no action still waiting
     * for approval or running (what they do must land in the timeline before the postmortem closes it).
     */
    public Incident close(String id, String actor) {
        return transition(id, IncidentStatus.CLOSED, actor, null);
    }

    /**
     * Moves the incident to another status, if the lifecycle allows it; otherwise throws
     * {@link IllegalTransitionException} saying which statuses it may go to.
     */
    public Incident transition(String id, IncidentStatus to, String actor, String note) {
        return transition(id, to, actor, note, false);
    }

    private Incident transition(String id, IncidentStatus to, String actor, String note, boolean reopen) {
        requireActor(actor);
        Objects.requireNonNull(to, "status");
        return store.write(tx -> {
            Incident inc = load(tx, id);
            IncidentStatus from = inc.status();
            if (!from.canMoveTo(to)) {
                throw new IllegalTransitionException(id, from, to, null);
            }
            if (to == IncidentStatus.CLOSED && inc.postmortem() == null) {
                throw new IllegalTransitionException(id, from, to, id + " cannot be closed without a postmortem:"
                        + " write one first (summary, root cause, follow-ups)");
            }
            if (reopen && from != IncidentStatus.RESOLVED) {
                throw new IllegalTransitionException(id, from, to, id + " is " + from.id() + ", not resolved: only a"
                        + " resolved incident is reopened");
            }
            if (!reopen && from == IncidentStatus.RESOLVED && to == IncidentStatus.MITIGATING) {
                throw new IllegalTransitionException(id, from, to, id + " is resolved: to work on it again, reopen it"
                        + " and say why (what came back)");
            }
            if (to == IncidentStatus.CLOSED) {
                List<String> pending = ActionRecords.of(tx, id).stream().filter(a -> !a.status().finished())
                        .map(a -> a.id() + " (" + a.status().id() + ")").toList();
                if (!pending.isEmpty()) {
                    throw new IllegalTransitionException(id, from, to, id + " cannot be closed while actions are pending: "
                            + String.join(", ", pending) + "; approve or reject them, or wait until they finish");
                }
            }
            IncidentChange c = IncidentChange.of(tx, inc, clock.millis());
            c.status(to, actor, note, inc.createdAtMs(), inc.startMs());
            return c.save();
        });
    }

    // ---- other changes ----

    public Incident setSeverity(String id, Severity severity, String actor, String reason) {
        requireActor(actor);
        Objects.requireNonNull(severity, "severity");
        return change(id, c -> {
            if (c.severity() == severity) {
                throw new IllegalArgumentException(id + " is already " + severity);
            }
            c.severity(severity, actor, reason);
            return c.save();
        });
    }

    public Incident setCommander(String id, String commander, String actor) {
        requireActor(actor);
        requireText(commander, "a commander");
        return change(id, c -> {
            c.commander(commander, actor);
            return c.save();
        });
    }

    public Incident setTitle(String id, String title, String actor) {
        requireActor(actor);
        requireText(title, "a title");
        return change(id, c -> {
            c.title(title, actor);
            return c.save();
        });
    }

    /** The regions the incident affects (used for its impact); replaces the list. */
    public Incident setRegions(String id, List<String> regions, String actor) {
        requireActor(actor);
        return change(id, c -> {
            c.regions(regions, actor);
            return c.save();
        });
    }

    public Incident addNote(String id, String actor, String text) {
        requireActor(actor);
        requireText(text, "a text");
        return change(id, c -> {
            c.append(TimelineKind.NOTE, actor, text, IncidentJson.object());
            return c.save();
        });
    }

    public Incident addRunbook(String id, String title, String url, String actor) {
        requireActor(actor);
        requireText(url, "a link");
        String t = title == null || title.isBlank() ? url : title;
        return change(id, c -> {
            c.runbook(t, url, actor);
            return c.save();
        });
    }

    /** Writes (or rewrites) the postmortem; an incident must have one before it is closed. */
    public Incident writePostmortem(String id, String summary, String rootCause, List<Postmortem.FollowUp> followUps,
            String actor) {
        requireActor(actor);
        return change(id, c -> {
            c.postmortem(new Postmortem(summary, rootCause, followUps, actor, c.now()));
            return c.save();
        });
    }

    // ---- the transaction helper ----

    /** Runs a change of an incident that is not closed, in one transaction. */
    <T> T change(String id, Function<IncidentChange, T> work) {
        return store.write(tx -> {
            Incident inc = load(tx, id);
            if (inc.status() == IncidentStatus.CLOSED) {
                throw new IllegalStateException(id + " is closed; its record is final");
            }
            return work.apply(IncidentChange.of(tx, inc, clock.millis()));
        });
    }

    static Incident load(StateStore.Reader tx, String id) {
        return tx.get(INCIDENT_KIND, id).map(r -> IncidentJson.incident(IncidentJson.parse(r.body())))
                .orElseThrow(() -> new NoSuchElementException("no incident " + id));
    }

    static void requireActor(String actor) {
        if (actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("every change needs an actor: who does it");
        }
    }

    /**
     * A person's name: an actor that is not {@value #SYSTEM_ACTOR}, which only Pharos records for
     * what it does by itself (so nobody can make a person's decision look like the policy's).
     */
    static void requirePerson(String actor) {
        requireActor(actor);
        if (actor.strip().equalsIgnoreCase(SYSTEM_ACTOR)) {
            throw new IllegalArgumentException("'" + SYSTEM_ACTOR + "' is the name Pharos records for what it does by"
                    + " itself; decide as yourself, under your own name");
        }
    }

    private static void requireText(String s, String what) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException("needs " + what);
        }
    }
}
