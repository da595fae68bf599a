package io.pharos.engine.pipeline;

import io.pharos.engine.alerting.Alert;
import io.pharos.engine.alerting.AlertIntake;
import io.pharos.engine.alerting.AlertLifecycle;
import io.pharos.engine.alerting.AlertPolicy;
import io.pharos.engine.alerting.AlertStateStore;
import io.pharos.engine.alerting.ReceivedAlert;
import io.pharos.engine.model.Labels;
import io.pharos.engine.rules.RuleAlert;
import io.pharos.engine.rules.RuleTransition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Alerts other systems send (Alertmanager's webhook, a Prometheus source's alerts) in the console's alert queue, through the same
 * stages as its own rules' alerts: saved, muted by silences and inhibitions, grouped, notified,
 * acknowledged. An alert fires while the sender says it fires, until it says resolved, or until it
 * has not been heard of for {@code staleAfter} (a sender that died must not leave alerts firing for
 * ever; Alertmanager repeats a firing group every repeat_interval, 4 h by default). What is received
 * is saved before the sender is told success, so a restart loses nothing.
 */
public final class ReceivedAlerts implements AlertProducer, AlertIntake {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ReceivedAlerts.class);
    /** The group received alerts carry in the pipeline and the state file. */
    public static final String GROUP = "received";
    /** Alertmanager's repeat interval, 4 h, with ten minutes to spare. */
    public static final Duration DEFAULT_STALE_AFTER = Duration.ofHours(4).plusMinutes(10);
    private static final AlertPolicy POLICY = AlertPolicy.firingAfter(Duration.ZERO);

    private final AlertStateStore state;
    private final Clock clock;
    private volatile long staleAfterMs;
    private final Map<Labels, ReceivedAlert> current = new LinkedHashMap<>();
    private final Map<String, AlertLifecycle> lifecycles = new LinkedHashMap<>();
    private long received;
    /** The time of the last pass, for what alerts() shows between passes. */
    private long evaluatedAtMs = Long.MIN_VALUE;

    /** Restores what was received before a restart from {@code state}. */
    public ReceivedAlerts(AlertStateStore state, Clock clock, Duration staleAfter) {
        this.state = state;
        this.clock = clock;
        this.staleAfterMs = staleAfter.toMillis();
        long now = clock.millis();
        for (ReceivedAlert a : state.loadReceived()) {
            // Heard of "now": while this console was down Alertmanager could not tell it anything, and it
            // sends again what failed; a long stop must not resolve every alert at the start.
            ReceivedAlert restored = new ReceivedAlert(a.origin(), a.labels(), a.annotations(), a.startsAtMs(),
                    a.endsAtMs(), a.generatorUrl(), Math.max(a.receivedAtMs(), now));
            current.put(a.labels(), restored);
            lifecycles.computeIfAbsent(a.alertname(), n -> new AlertLifecycle(POLICY));
        }
    }

    /**
     * How long a firing alert stays firing without being heard of again: more than the sender's
     * repeat_interval plus its group_interval (Alertmanager re-sends a firing group then).
     */
    public void staleAfter(Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("the stale time must be positive");
        }
        staleAfterMs = d.toMillis();
    }

    @Override
    public synchronized void receive(List<ReceivedAlert> alerts) {
        // The newest message wins, a firing after a resolution included: Alertmanager sends a group's
        // messages one at a time, and a real fire again may keep its start (a resolve_timeout, a restart).
        state.saveReceived(alerts, List.of(), clock.millis());
        for (ReceivedAlert a : alerts) {
            current.put(a.labels(), a);
        }
        received += alerts.size();
    }

    @Override
    public synchronized List<Labels> firingFrom(String origin) {
        long now = clock.millis();
        return current.values().stream().filter(a -> a.origin().equals(origin) && a.firingAt(now, staleAfterMs))
                .map(ReceivedAlert::labels).toList();
    }

    /** Alerts received since the start, for the status screen. */
    public synchronized long receivedCount() {
        return received;
    }

    @Override
    public synchronized List<RuleTransition> evaluate(long nowMs) {
        evaluatedAtMs = nowMs;
        Map<String, Map<Labels, Double>> holding = new HashMap<>();
        for (ReceivedAlert a : current.values()) {
            lifecycles.computeIfAbsent(a.alertname(), n -> new AlertLifecycle(POLICY));
            if (a.firingAt(nowMs, staleAfterMs)) {
                // no value: the sender's condition is its own (the queue shows "–", not a made-up 1)
                holding.computeIfAbsent(a.alertname(), n -> new HashMap<>()).put(a.labels(), Double.NaN);
            }
        }
        List<RuleTransition> out = new ArrayList<>();
        for (var e : lifecycles.entrySet()) {
            for (var t : e.getValue().evaluate(nowMs, holding.getOrDefault(e.getKey(), Map.of()))) {
                out.add(new RuleTransition(e.getKey(), GROUP, t, annotations(current.get(t.alert().labels()))));
            }
        }
        forgetGone(nowMs);
        return out;
    }

    /** Forgets what no longer fires once its lifecycle has let it go (resolved alerts stay 15 min in the queue). */
    private void forgetGone(long nowMs) {
        List<Labels> gone = new ArrayList<>();
        for (ReceivedAlert a : current.values()) {
            if (a.firingAt(nowMs, staleAfterMs)) {
                continue;
            }
            AlertLifecycle l = lifecycles.get(a.alertname());
            boolean shown = l != null && l.alerts().stream().anyMatch(x -> x.labels().equals(a.labels()));
            if (!shown) {
                gone.add(a.labels());
            }
        }
        if (!gone.isEmpty()) {
            try {
                state.saveReceived(List.of(), gone, nowMs);
                gone.forEach(current::remove);
            } catch (io.pharos.engine.store.StoreException e) {
                // the pass's changes of state must still go on; forgetting is tried again at the next
                LOG.warn("Received alerts could not be forgotten in the state file; tried again: {}", e.getMessage());
            }
        }
    }

    private Map<String, String> annotations(ReceivedAlert a) {
        if (a == null) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>(a.annotations());
        out.put("received_from", a.origin());
        if (!a.generatorUrl().isEmpty()) {
            out.put("generator_url", a.generatorUrl());
        }
        long now = evaluatedAtMs == Long.MIN_VALUE ? clock.millis() : evaluatedAtMs;
        if (a.endsAtMs() == Long.MAX_VALUE && now - a.receivedAtMs() >= staleAfterMs) {
            out.put("stale", "not heard of since " + Instant.ofEpochMilli(a.receivedAtMs()));
        }
        return out;
    }

    @Override
    public synchronized List<RuleAlert> alerts() {
        List<RuleAlert> out = new ArrayList<>();
        for (var e : lifecycles.entrySet()) {
            for (Alert a : e.getValue().alerts()) {
                ReceivedAlert r = current.get(a.labels());
                out.add(new RuleAlert(e.getKey(), GROUP, sinceItStarted(a, r), annotations(r)));
            }
        }
        return out;
    }

    /**
     * The alert as the queue shows it: active and firing since the sender says it started, when that is
     * earlier than this console heard of it (its age is the outage's, not the message's).
     */
    private static Alert sinceItStarted(Alert a, ReceivedAlert r) {
        if (r == null || r.startsAtMs() >= a.activeSinceMs()) {
            return a;
        }
        long firing = a.firingSinceMs() > 0 ? Math.min(a.firingSinceMs(), r.startsAtMs()) : a.firingSinceMs();
        return new Alert(a.labels(), a.state(), r.startsAtMs(), firing, a.resolvedAtMs(), a.lastValue(), a.flapping());
    }

    @Override
    public synchronized Map<String, AlertLifecycle> lifecycles() {
        Map<String, AlertLifecycle> out = new LinkedHashMap<>();
        lifecycles.forEach((name, l) -> out.put(GROUP + "/" + name, l));
        return out;
    }
}
