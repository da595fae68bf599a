package io.pharos.engine.pipeline;

import io.pharos.engine.alerting.Acknowledgements;
import io.pharos.engine.alerting.Alert;
import io.pharos.engine.alerting.AlertGrouper;
import io.pharos.engine.alerting.AlertHistoryEntry;
import io.pharos.engine.alerting.AlertLifecycle;
import io.pharos.engine.alerting.AlertState;
import io.pharos.engine.alerting.AlertStateStore;
import io.pharos.engine.alerting.Inhibition;
import io.pharos.engine.alerting.Muter;
import io.pharos.engine.alerting.Notification;
import io.pharos.engine.alerting.Silence;
import io.pharos.engine.alerting.Silences;
import io.pharos.engine.alerting.notify.AlertDetails;
import io.pharos.engine.alerting.notify.NotificationService;
import io.pharos.engine.model.Labels;
import io.pharos.engine.rules.RuleAlert;
import io.pharos.engine.rules.RuleCycle;
import io.pharos.engine.rules.RuleEngine;
import io.pharos.engine.rules.RuleTransition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Alert handling as a pipeline of stages, Alertmanager's shape: evaluate rules → clear
 * acknowledgements of resolved alerts → save state, history and acknowledgements → mute (silences, inhibitions) → group and
 * de-duplicate → notify (queued durably, sent off this thread). Each stage is its own class and
 * testable alone; this one only passes alerts along. Time is an argument: one thread calls
 * {@link #evaluate} with the clock, a backtest with history's time.
 */
public final class AlertPipeline {
    private final RuleEngine rules;
    private final List<AlertProducer> producers;
    private final Silences silences;
    private final Acknowledgements acks;
    private final AlertGrouper grouper;
    private final AlertStateStore state;
    private final NotificationService notifications;
    private final Muter muter;
    private volatile List<AlertRow> current = List.of();
    private List<Alert> firingNow = List.of();
    private volatile Map<Labels, RuleAlert> byLabels = Map.of();
    private long lastFullSaveMs = Long.MIN_VALUE;
    private long groupChangesSaved;

    /**
     * Restores alert states, silences and acknowledgements from {@code state} (nothing when the
     * state file is new). {@code notifications} may be null: then nothing is sent.
     */
    public AlertPipeline(RuleEngine rules, List<Inhibition> inhibitions, AlertGrouper grouper, AlertStateStore state,
                         NotificationService notifications) {
        this(rules, List.<AlertProducer>of(), inhibitions, grouper, state, notifications);
    }

    /** With predictive alerts (may be null) beside the rules' alerts, through the same stages. */
    public AlertPipeline(RuleEngine rules, PredictiveAlerts predictive, List<Inhibition> inhibitions,
                         AlertGrouper grouper, AlertStateStore state, NotificationService notifications) {
        this(rules, predictive == null ? List.of() : List.of(predictive), inhibitions, grouper, state, notifications);
    }

    /** With the alerts of {@code producers} (predictive, received) beside the rules' alerts, through the same stages. */
    AlertPipeline(RuleEngine rules, List<AlertProducer> producers, List<Inhibition> inhibitions,
                  AlertGrouper grouper, AlertStateStore state, NotificationService notifications) {
        this.rules = rules;
        this.producers = List.copyOf(producers);
        this.grouper = grouper;
        this.state = state;
        this.notifications = notifications;
        this.silences = new Silences();
        this.acks = new Acknowledgements();
        state.restoreLifecycles(lifecycles());
        state.loadSilences().forEach(silences::put);
        state.loadAcks().forEach(acks::restore);
        grouper.restore(state.loadGroups());
        this.groupChangesSaved = grouper.changes();
        this.muter = muter(silences, inhibitions, () -> firingNow);
        this.current = rows(allAlerts(), Long.MIN_VALUE + 1);
    }

    private Map<String, AlertLifecycle> lifecycles() {
        Map<String, AlertLifecycle> all = new LinkedHashMap<>(rules.lifecycles());
        for (AlertProducer p : producers) {
            all.putAll(p.lifecycles());
        }
        return all;
    }

    private List<RuleAlert> allAlerts() {
        if (producers.isEmpty()) {
            return rules.alerts();
        }
        List<RuleAlert> all = new ArrayList<>(rules.alerts());
        for (AlertProducer p : producers) {
            all.addAll(p.alerts());
        }
        return all;
    }

    /** The details the notification payload needs from the rules: rendered annotations. */
    public AlertDetails details() {
        return new AlertDetails() {
            @Override
            public Map<String, String> annotations(Alert alert) {
                RuleAlert r = byLabels.get(alert.labels());
                return r == null ? Map.of() : r.annotations();
            }
        };
    }

    /** One pass of every stage at {@code nowMs}. */
    public synchronized PipelineCycle evaluate(long nowMs) {
        RuleCycle ruleCycle = rules.evaluate(nowMs);
        RuleCycle cycle = ruleCycle;
        if (!producers.isEmpty()) {
            List<RuleTransition> transitions = new ArrayList<>(ruleCycle.transitions());
            for (AlertProducer p : producers) {
                transitions.addAll(p.evaluate(nowMs));
            }
            cycle = new RuleCycle(nowMs, ruleCycle.groupsEvaluated(), transitions, ruleCycle.failures());
        }
        boolean acksChanged = acks.onTransitions(cycle.transitions().stream().map(RuleTransition::transition).toList());
        save(cycle, acksChanged, nowMs);
        List<RuleAlert> all = allAlerts();
        firingNow = all.stream().map(RuleAlert::alert).filter(a -> a.state() == AlertState.FIRING).toList();
        List<AlertRow> rows = rows(all, nowMs);
        current = rows;
        List<Alert> unmuted = rows.stream().filter(r -> !r.muted()).map(r -> r.alert().alert()).toList();
        List<Notification> sent = grouper.tick(nowMs, unmuted);
        if (notifications != null) {
            notifications.submit(sent);
            notifications.tick(nowMs, unmuted, acks);
        }
        // After the deliveries are queued: a crash in between tells a group twice, never not at all.
        if (grouper.changes() != groupChangesSaved) {
            state.saveGroups(grouper.memory(), nowMs);
            groupChangesSaved = grouper.changes();
        }
        return new PipelineCycle(cycle, rows, sent);
    }

    /**
     * Saves the lifecycles that changed with the history (and the acknowledgements, when resolutions
     * cleared some), in one transaction; once a minute every lifecycle, so that "last seen holding"
     * times (keep_firing_for) are fresh after a restart.
     */
    private void save(RuleCycle cycle, boolean acksChanged, long nowMs) {
        Map<String, AlertLifecycle> lifecycles = lifecycles();
        Map<String, AlertLifecycle> changed = new LinkedHashMap<>();
        boolean full = nowMs - lastFullSaveMs >= 60_000;
        if (full) {
            lastFullSaveMs = nowMs;
        }
        Set<String> touched = cycle.transitions().stream().map(t -> t.group() + "/" + t.rule()).collect(Collectors.toSet());
        for (var e : lifecycles.entrySet()) {
            if (full ? !e.getValue().alerts().isEmpty() || touched.contains(e.getKey()) : touched.contains(e.getKey())) {
                changed.put(e.getKey(), e.getValue());
            }
        }
        List<AlertHistoryEntry> history = cycle.transitions().stream()
                .map(t -> AlertHistoryEntry.of(t.rule(), t.transition())).toList();
        state.saveCycle(changed, history, acksChanged ? acks.all() : null, nowMs);
    }

    private List<AlertRow> rows(List<RuleAlert> all, long nowMs) {
        Map<Labels, RuleAlert> index = new HashMap<>();
        for (RuleAlert a : all) {
            index.put(a.alert().labels(), a);
        }
        byLabels = index;
        return rows(all, muter, acks, nowMs);
    }

    /** The queue's rows: each alert with what mutes it and who acknowledged it at {@code nowMs}. */
    static List<AlertRow> rows(List<RuleAlert> all, Muter muter, Acknowledgements acks, long nowMs) {
        List<AlertRow> out = new ArrayList<>(all.size());
        for (RuleAlert a : all) {
            Labels l = a.alert().labels();
            out.add(new AlertRow(a, muter.mutes(l, nowMs).orElse(null), acks.current(l, nowMs).orElse(null)));
        }
        return out;
    }

    /** The muting stage: silences first, then each inhibition over the alerts {@code firing} gives. */
    static Muter muter(Silences silences, List<Inhibition> inhibitions, Supplier<Collection<Alert>> firing) {
        List<Muter> muters = new ArrayList<>();
        muters.add(silences);
        for (Inhibition i : inhibitions) {
            muters.add(i.over(firing));
        }
        return Muter.firstOf(muters);
    }

    /** The alerts as of the last pass (safe to read from any thread). */
    public List<AlertRow> alerts() {
        return current;
    }

    public synchronized Acknowledgements.Ack acknowledge(Labels alert, String owner, Duration timeout, long nowMs) {
        Acknowledgements.Ack ack = acks.acknowledge(alert, owner, timeout, nowMs);
        state.saveAcks(acks.all(), nowMs);
        current = rows(allAlerts(), nowMs); // the queue shows the owner at once, not at the next pass
        return ack;
    }

    public synchronized void silence(Silence s, long nowMs) {
        state.saveSilence(s, nowMs);
        silences.put(s);
        current = rows(allAlerts(), nowMs);
    }

    /**
     * Ends a silence now; it stays listed as expired. Empty when no silence has that id (another
     * console may have removed it). Saved before it takes effect, as {@link #silence} does: a failed
     * save leaves the silence running rather than ended until the next restart only.
     */
    public synchronized Optional<Silence> expireSilence(String id, long nowMs) {
        Optional<Silence> found = silences.get(id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Silence ended = found.get().expiredAt(nowMs);
        state.saveSilence(ended, nowMs);
        silences.put(ended);
        current = rows(allAlerts(), nowMs); // the queue shows the alerts unmuted at once, not at the next pass
        return Optional.of(ended);
    }

    public List<Silence> silences() {
        return silences.all();
    }

    /** The alerts a silence would mute, shown before it is saved. */
    public List<Alert> preview(Silence s) {
        return Silences.preview(s, current.stream().map(r -> r.alert().alert()).toList());
    }

    public java.util.Collection<io.pharos.engine.rules.RuleHealth> ruleHealth() {
        return rules.health();
    }

    public List<AlertHistoryEntry> history(Labels alert, long fromMs, long toMs, int limit) {
        return state.history(alert, fromMs, toMs, limit);
    }
}
