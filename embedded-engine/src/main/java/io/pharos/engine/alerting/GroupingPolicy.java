package io.pharos.engine.alerting;

import java.time.Duration;
import java.util.List;

/**
 * How alerts are batched into notifications, as in Alertmanager: alerts with the same values of the
 * {@code by} labels form a group; its first notification waits {@code groupWait} (so alerts that
 * arrive together go out together), a changed group is notified at most every {@code groupInterval},
 * and an unchanged firing group is reminded every {@code repeatInterval}.
 */
public record GroupingPolicy(List<String> by, Duration groupWait, Duration groupInterval, Duration repeatInterval) {

    public GroupingPolicy {
        by = List.copyOf(by);
        if (groupWait.isNegative() || groupInterval.isNegative() || repeatInterval.compareTo(groupInterval) < 0) {
            throw new IllegalArgumentException("group wait and interval must not be negative, and the repeat interval"
                    + " must not be shorter than the group interval");
        }
    }

    /** Alertmanager's defaults: 30 s wait, 5 min interval, 4 h repeat. */
    public static GroupingPolicy by(String... labels) {
        return new GroupingPolicy(List.of(labels), Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofHours(4));
    }
}
