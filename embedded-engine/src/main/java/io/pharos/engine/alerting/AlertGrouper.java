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
 */
public final class AlertGrouper {
    private final GroupingPolicy policy;
    private final Map<Labels, Group> groups = new LinkedHashMap<>();

    private static final class Group {
        long firstSeen;
        long lastNotified = Long.MIN_VALUE;
        Set<Labels> lastFiring = Set.of();
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
        List<Notification> out = new ArrayList<>();
        for (var e : byGroup.entrySet()) {
            List<Alert> firing = e.getValue().stream().filter(a -> a.state() == AlertState.FIRING)
                    .sorted(Comparator.comparing(a -> a.labels().toString())).toList();
            Group g = groups.get(e.getKey());
            if (g == null) {
                if (firing.isEmpty()) {
                    continue; // resolved before anyone was told: nothing to say
                }
                g = new Group();
                g.firstSeen = nowMs;
                groups.put(e.getKey(), g);
            }
            Set<Labels> firingNow = new HashSet<>();
            firing.forEach(a -> firingNow.add(a.labels()));
            // Resolved since the last message: alerts that were in it and are resolved now.
            Set<Labels> told = g.lastFiring;
            List<Alert> resolved = e.getValue().stream()
                    .filter(a -> a.state() == AlertState.RESOLVED && told.contains(a.labels()))
                    .sorted(Comparator.comparing(a -> a.labels().toString())).toList();
            boolean due;
            boolean repeat = false;
            if (g.lastNotified == Long.MIN_VALUE) {
                due = !firing.isEmpty() && nowMs - g.firstSeen >= policy.groupWait().toMillis();
            } else if (!firingNow.equals(g.lastFiring)) {
                due = nowMs - g.lastNotified >= policy.groupInterval().toMillis();
            } else {
                repeat = !firing.isEmpty() && nowMs - g.lastNotified >= policy.repeatInterval().toMillis();
                due = repeat;
            }
            if (due) {
                out.add(new Notification(e.getKey(), firing, resolved, nowMs, repeat));
                g.lastNotified = nowMs;
                g.lastFiring = firingNow;
            }
        }
        // A group is done once its resolution has been told, or when none of its alerts is left.
        groups.entrySet().removeIf(e -> !byGroup.containsKey(e.getKey())
                || e.getValue().lastFiring.isEmpty() && e.getValue().lastNotified != Long.MIN_VALUE);
        return out;
    }
}
