package io.pharos.engine.alerting.notify;

import io.pharos.engine.alerting.Alert;
import io.pharos.engine.alerting.AlertState;
import io.pharos.engine.alerting.Notification;
import io.pharos.engine.model.Labels;
import io.pharos.engine.model.Durations;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The escalation state machine of every alert group, without I/O or clocks: given notifications
 * and times, it says who is to be sent what and how its state changes ({@link Plan}); the caller
 * stores the plan and then {@link #apply}s it. Not thread-safe: the notification service calls it
 * under its lock.
 */
final class Escalations {
    private static final Logger LOG = LoggerFactory.getLogger(Escalations.class);

    private final Map<String, Escalation> byGroup = new LinkedHashMap<>();

    /** One payload to one receiver. */
    record Send(String receiver, Labels group, List<Alert> alerts) {
    }

    /**
     * What to send and how the stored state changes; empty when nothing happens. (Resolutions come
     * from the grouper, whose memory is saved too, also for groups that ended while Pharos was stopped.)
     */
    record Plan(List<Send> sends, Map<String, Escalation> put, Set<String> removed) {
        boolean isEmpty() {
            return sends.isEmpty() && put.isEmpty() && removed.isEmpty();
        }
    }

    void load(Collection<Escalation> stored) {
        stored.forEach(e -> byGroup.put(e.groupKey(), e));
    }

    List<Escalation> all() {
        return List.copyOf(byGroup.values());
    }

    Optional<Escalation> get(String groupKey) {
        return Optional.ofNullable(byGroup.get(groupKey));
    }

    void apply(Plan plan) {
        plan.removed().forEach(byGroup::remove);
        byGroup.putAll(plan.put());
    }

    /**
     * Notifications from the grouper: a group that starts firing goes to its policy's first level;
     * later messages (changes, reminders) go to every level reached; a resolution goes to every level
     * reached and ends the escalation.
     */
    Plan onNotifications(Collection<Notification> notifications, NotificationConfig config) {
        Map<String, Escalation> view = new HashMap<>(byGroup);
        Map<String, Escalation> put = new LinkedHashMap<>();
        Set<String> removed = new HashSet<>();
        List<Send> sends = new ArrayList<>();
        for (Notification n : notifications) {
            String key = AlertmanagerPayload.groupKey(n.group());
            List<Alert> alerts = new ArrayList<>(n.firing());
            alerts.addAll(n.resolved());
            if (alerts.isEmpty()) {
                continue;
            }
            Escalation e = view.get(key);
            EscalationPolicy policy = e == null ? null : config.policy(e.policy()).orElse(null);
            if (policy == null) {
                policy = config.route(common(alerts)).orElse(null);
                if (policy == null) {
                    LOG.debug("No route matches alert group {}; not notified", key);
                    continue;
                }
                if (e != null) {
                    // Its policy was removed from the configuration: carry on under the policy routed to now.
                    e = restart(e, policy, n.atMs());
                }
            }
            List<String> receivers;
            if (!n.firing().isEmpty()) {
                if (e == null) {
                    e = new Escalation(key, policy.name(), n.group().toMap(), 0, n.atMs(), n.atMs(), false, 0, n.atMs(),
                            Escalation.StoredAlert.of(n.firing()));
                    receivers = policy.levels().getFirst().receivers();
                } else {
                    receivers = policy.receiversUpTo(e.level());
                    e = new Escalation(key, e.policy(), e.groupLabels(), e.level(), e.startedMs(), e.levelSinceMs(),
                            e.acknowledged(), e.quietSinceMs(), n.atMs(), Escalation.StoredAlert.of(n.firing()));
                }
                view.put(key, e);
                put.put(key, e);
                removed.remove(key);
            } else {
                receivers = e == null ? policy.levels().getFirst().receivers() : policy.receiversUpTo(e.level());
                if (e != null) {
                    view.remove(key);
                    put.remove(key);
                    removed.add(key);
                }
            }
            for (String r : receivers) {
                sends.add(new Send(r, n.group(), alerts));
            }
        }
        return new Plan(sends, put, removed);
    }

    private static Escalation restart(Escalation e, EscalationPolicy policy, long nowMs) {
        int level = Math.min(e.level(), policy.levels().size() - 1);
        return new Escalation(e.groupKey(), policy.name(), e.groupLabels(), level, e.startedMs(), nowMs, e.acknowledged(),
                e.quietSinceMs(), e.lastNotifiedMs(), e.firing());
    }

    /**
     * Advances time: a group firing, unacknowledged, past its level's timeout escalates to the next
     * level, whose receivers get the group's firing alerts. Escalation pauses while every firing alert
     * of the group is acknowledged, or while none of its alerts fires among {@code alerts} (muted,
     * or resolved and waiting for the grouper's resolution message); it resumes with a whole timeout.
     * A group quiet for {@code staleAfterMs} without a resolution is forgotten.
     *
     * @param alerts the alerts given to the grouper (unmuted)
     */
    Plan tick(long nowMs, Collection<Alert> alerts, Predicate<Labels> acknowledged, NotificationConfig config,
              long staleAfterMs) {
        Map<String, Escalation> put = new LinkedHashMap<>();
        Set<String> removed = new HashSet<>();
        List<Send> sends = new ArrayList<>();
        for (Escalation e : byGroup.values()) {
            Labels group = e.group();
            List<Alert> members = alerts.stream().filter(a -> inGroup(a.labels(), group)).toList();
            List<Alert> firing = members.stream()
                    .filter(a -> a.state() == AlertState.FIRING && !a.flapping())
                    .toList();
            boolean quiet = firing.isEmpty();
            boolean acked = !quiet && firing.stream().allMatch(a -> acknowledged.test(a.labels()));
            if (quiet && e.quietSinceMs() != 0 && nowMs - e.quietSinceMs() >= staleAfterMs) {
                removed.add(e.groupKey());
                LOG.info("Escalation of {} dropped: no alert of it has fired for {}", e.groupKey(),
                        Durations.human(nowMs - e.quietSinceMs()));
                continue;
            }
            boolean wasPaused = e.paused();
            long quietSince = quiet ? (e.quietSinceMs() != 0 ? e.quietSinceMs() : nowMs) : 0;
            boolean paused = quiet || acked;
            long levelSince = wasPaused && !paused ? nowMs : e.levelSinceMs();
            int level = e.level();
            List<Escalation.StoredAlert> stored = quiet ? e.firing() : Escalation.StoredAlert.of(sortByLabels(firing));
            EscalationPolicy policy = config.policy(e.policy()).orElse(null);
            if (!paused && policy != null && level + 1 < policy.levels().size()
                    && nowMs - levelSince >= policy.levels().get(level).timeout().toMillis()) {
                List<String> before = policy.receiversUpTo(level);
                level++;
                levelSince = nowMs;
                List<Alert> content = sortByLabels(firing);
                for (String r : policy.levels().get(level).receivers()) {
                    if (!before.contains(r)) {
                        sends.add(new Send(r, group, content));
                    }
                }
                LOG.info("Alert group {} escalated to level {} of {}", e.groupKey(), level + 1, policy.name());
            }
            Escalation next = new Escalation(e.groupKey(), e.policy(), e.groupLabels(), level, e.startedMs(), levelSince,
                    acked, quietSince, e.lastNotifiedMs(), stored);
            if (!next.equals(e) && changedEnough(e, next)) {
                put.put(e.groupKey(), next);
            }
        }
        return new Plan(sends, put, removed);
    }

    /**
     * Whether a change is worth a write: anything but the firing list, which is refreshed only when
     * its set of alerts changes (not for every new value).
     */
    private static boolean changedEnough(Escalation a, Escalation b) {
        if (a.level() != b.level() || a.levelSinceMs() != b.levelSinceMs() || a.acknowledged() != b.acknowledged()
                || a.quietSinceMs() != b.quietSinceMs()) {
            return true;
        }
        return !a.firing().stream().map(Escalation.StoredAlert::labels).toList()
                .equals(b.firing().stream().map(Escalation.StoredAlert::labels).toList());
    }

    /** An alert belongs to a group when it has every one of the group's label values. */
    static boolean inGroup(Labels alert, Labels group) {
        for (int i = 0; i < group.size(); i++) {
            if (!group.value(i).equals(alert.get(group.name(i)))) {
                return false;
            }
        }
        return true;
    }

    private static List<Alert> sortByLabels(List<Alert> alerts) {
        return alerts.stream().sorted(java.util.Comparator.comparing(a -> a.labels().toString())).toList();
    }

    /** The labels every alert has with the same value. */
    static Labels common(List<Alert> alerts) {
        Map<String, String> common = new HashMap<>(alerts.getFirst().labels().toMap());
        for (Alert a : alerts.subList(1, alerts.size())) {
            common.entrySet().removeIf(en -> !en.getValue().equals(a.labels().get(en.getKey())));
        }
        return Labels.of(common);
    }
}
