package io.pharos.views.alerts;

import java.util.Comparator;
import java.util.List;

/**
 * Alerts the engine notifies together: the same alertname and region (its grouping policy), most
 * urgent first.
 */
public record AlertGroup(String name, String region, List<AlertItem> items) {
    /** The queue's order: state (firing first), then severity, then the oldest first. */
    static final Comparator<AlertItem> URGENCY = Comparator.comparing(AlertItem::state)
            .thenComparingInt(AlertItem::severityRank).thenComparingLong(AlertItem::sinceMs)
            .thenComparing(AlertItem::instance);

    public AlertGroup {
        items = List.copyOf(items);
    }

    /** "HostCpuHigh · eu-west-1", or the name alone for an alert without a region. */
    public String title() {
        return region.isEmpty() ? name : name + " · " + region;
    }

    /** The most urgent alert of the group, which sorts it. */
    public AlertItem first() {
        return items.getFirst();
    }

    public long count(QueueState state) {
        return items.stream().filter(i -> i.state() == state).count();
    }

    /** "3 alerts: 2 firing, 1 acknowledged". */
    public String summary() {
        StringBuilder sb = new StringBuilder(items.size() == 1 ? "1 alert" : items.size() + " alerts");
        String sep = ": ";
        for (QueueState s : QueueState.values()) {
            long n = count(s);
            if (n > 0) {
                sb.append(sep).append(n).append(' ').append(s.title().toLowerCase(java.util.Locale.ROOT));
                sep = ", ";
            }
        }
        return sb.toString();
    }
}
