package io.pharos.engine.alerting;

import io.pharos.engine.model.Labels;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The grouping and de-duplication stages of notification: one notification per group, never the
 * same content twice within the repeat interval. It is given the alerts that survived muting;
 * flapping alerts are left out (shown in the console, not notified). Time is an argument.
 *
 * <p>What each group was last told is its {@linkplain #memory() memory}, saved in the state file so
 * that after a restart an alert that resolves is still told resolved and an unchanged group is not
 * told again before its repeat interval (Alertmanager's notification log).
 */
public final class AlertGrouper {
    private static final Comparator<Alert> BY_LABELS = Comparator.comparing(a -> a.labels().toString());
    private final GroupingPolicy policy;
    private final Map<Labels, Group> groups = new LinkedHashMap<>();
    private final Set<Labels> restored = new HashSet<>();
    private long changes;

    private static final class Group {
        long firstSeen;
        long lastNotified = Long.MIN_VALUE;
        /** The firing alerts of the last message, by labels. */
        Map<Labels, Alert> lastFiring = Map.of();
    }

    /**
     * What a group was last told: when it was first seen, when it was last notified
     * ({@link Long#MIN_VALUE} while still in its group wait) and the alerts firing in that message.
     */
    public record GroupMemory(Labels group, long firstSeenMs, long lastNotifiedMs, List<Alert> lastFiring) {
        public GroupMemory {
            lastFiring = List.copyOf(lastFiring);
        }
    }

    public AlertGrouper(GroupingPolicy policy) {
        this.policy = policy;
    }

    /** Returns the notifications due at {@code nowMs} for the current (unmuted) alerts. */
    public List<Notification> tick(long nowMs, Collection<Alert> alerts) {
        Map<Labels, List<Alert>> byGroup = new LinkedHashMap<>();
        for (Alert a : alerts) {
            if (a.flapping() || (a.state() != AlertState.FIRING && a.state() != AlertState.RESOLVED)) {
                continue;
            }
            byGroup.computeIfAbsent(a.labels().keep(policy.by()), g -> new ArrayList<>()).add(a);
        }
        List<Notification> out = new ArrayList<>(resolvedWhileStopped(nowMs, byGroup.keySet()));
        for (var e : byGroup.entrySet()) {
            List<Alert> firing = e.getValue().stream().filter(a -> a.state() == AlertState.FIRING)
                    .sorted(BY_LABELS).toList();
            Group g = groups.get(e.getKey());
            if (g == null) {
                if (firing.isEmpty()) {
                    continue; // resolved before anyone was told: nothing to say
                }
                g = new Group();
                g.firstSeen = nowMs;
                groups.put(e.getKey(), g);
                changes++;
            }
            Set<Labels> firingNow = new HashSet<>();
            firing.forEach(a -> firingNow.add(a.labels()));
            // Resolved since the last message: alerts that were in it and are resolved now.
            Map<Labels, Alert> told = g.lastFiring;
            List<Alert> resolved = e.getValue().stream()
                    .filter(a -> a.state() == AlertState.RESOLVED && told.containsKey(a.labels()))
                    .sorted(BY_LABELS).toList();
            boolean due;
            boolean repeat = false;
            if (g.lastNotified == Long.MIN_VALUE) {
                due = !firing.isEmpty() && nowMs - g.firstSeen >= policy.groupWait().toMillis();
            } else if (!firingNow.equals(told.keySet())) {
                due = nowMs - g.lastNotified >= policy.groupInterval().toMillis();
            } else {
                repeat = !firing.isEmpty() && nowMs - g.lastNotified >= policy.repeatInterval().toMillis();
                due = repeat;
            }
            if (due) {
                out.add(new Notification(e.getKey(), firing, resolved, nowMs, repeat));
                g.lastNotified = nowMs;
                Map<Labels, Alert> nowTold = new LinkedHashMap<>();
                firing.forEach(a -> nowTold.put(a.labels(), a));
                g.lastFiring = nowTold;
                changes++;
            }
        }
        // A group is done once its resolution has been told, or when none of its alerts is left.
        if (groups.entrySet().removeIf(e -> !byGroup.containsKey(e.getKey())
                || e.getValue().lastFiring.isEmpty() && e.getValue().lastNotified != Long.MIN_VALUE)) {
            changes++;
        }
        return out;
    }

    /**
     * On the first pass after {@link #restore}: a group that was told firing alerts and has none
     * left (they resolved and were forgotten while Pharos was stopped, or their rule was removed) is
     * told them resolved now, not left hanging. A group muted across the restart cannot be told apart
     * and is told resolved too.
     */
    private List<Notification> resolvedWhileStopped(long nowMs, Set<Labels> present) {
        if (restored.isEmpty()) {
            return List.of();
        }
        List<Notification> out = new ArrayList<>();
        for (Labels key : restored) {
            Group g = groups.get(key);
            if (g == null || present.contains(key) || g.lastFiring.isEmpty()) {
                continue;
            }
            List<Alert> resolved = g.lastFiring.values().stream()
                    .map(a -> new Alert(a.labels(), AlertState.RESOLVED, a.activeSinceMs(), a.firingSinceMs(), nowMs,
                            a.lastValue(), false))
                    .sorted(BY_LABELS).toList();
            out.add(new Notification(key, List.of(), resolved, nowMs, false));
        }
        restored.clear();
        return out;
    }

    /** Counts changes of the memory, so that a caller saves it only when it changed. */
    public long changes() {
        return changes;
    }

    /** Every group's memory now. */
    public List<GroupMemory> memory() {
        List<GroupMemory> out = new ArrayList<>(groups.size());
        groups.forEach((k, g) -> out.add(new GroupMemory(k, g.firstSeen, g.lastNotified,
                List.copyOf(g.lastFiring.values()))));
        return out;
    }

    /** Takes back memory saved by an earlier run (before the first {@link #tick}). */
    public void restore(Collection<GroupMemory> saved) {
        for (GroupMemory m : saved) {
            Group g = new Group();
            g.firstSeen = m.firstSeenMs();
            g.lastNotified = m.lastNotifiedMs();
            Map<Labels, Alert> told = new LinkedHashMap<>();
            m.lastFiring().forEach(a -> told.put(a.labels(), a));
            g.lastFiring = told;
            groups.put(m.group(), g);
            restored.add(m.group());
        }
    }
}
