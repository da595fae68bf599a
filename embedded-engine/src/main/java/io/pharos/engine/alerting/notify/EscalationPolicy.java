package io.pharos.engine.alerting.notify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * Who is told, and who next if nobody acknowledges. A group that starts firing notifies the first
 * level's receivers; if it is still firing and not acknowledged after that level's {@code timeout},
 * the next level's receivers are notified too, and so on to the last level. Every level reached
 * hears later changes, reminders and the resolution. A policy with one level is a plain list of
 * receivers (its timeout is not used).
 */
public record EscalationPolicy(String name, List<Level> levels) {

    /**
     * One level.
     *
     * @param timeout   how long the group may stay firing and unacknowledged at this level before
     *                  the next level is notified
     * @param receivers receiver names
     */
    public record Level(Duration timeout, List<String> receivers) {
        public Level {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("an escalation level's timeout must be positive");
            }
            receivers = List.copyOf(receivers);
            if (receivers.isEmpty()) {
                throw new IllegalArgumentException("an escalation level needs at least one receiver");
            }
        }

        public static Level of(Duration timeout, String... receivers) {
            return new Level(timeout, List.of(receivers));
        }
    }

    public EscalationPolicy {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an escalation policy needs a name");
        }
        levels = List.copyOf(levels);
        if (levels.isEmpty()) {
            throw new IllegalArgumentException("escalation policy " + name + " needs at least one level");
        }
    }

    /** A policy of one level: these receivers, no escalation. */
    public static EscalationPolicy notify(String name, String... receivers) {
        return new EscalationPolicy(name, List.of(new Level(Duration.ofDays(365), List.of(receivers))));
    }

    /** The receivers of levels 0..{@code level}, each once, in level order. */
    public List<String> receiversUpTo(int level) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (int i = 0; i <= level && i < levels.size(); i++) {
            out.addAll(levels.get(i).receivers());
        }
        return new ArrayList<>(out);
    }
}
