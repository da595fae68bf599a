package io.pharos.engine.alerting;

import io.pharos.engine.model.Labels;
import io.pharos.engine.model.Matcher;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * An inhibition rule, as Alertmanager's: while an alert matching the source matchers fires, alerts
 * matching the target matchers that share the values of the {@code equal} labels are muted. For
 * example a region outage (source) inhibits host alerts (target) with the same region.
 */
public record Inhibition(String name, List<Matcher> source, List<Matcher> target, List<String> equal) {

    public Inhibition {
        source = List.copyOf(source);
        target = List.copyOf(target);
        equal = List.copyOf(equal);
    }

    /** This rule as a muter over the alerts firing now (asked afresh each time). */
    public Muter over(Supplier<Collection<Alert>> firing) {
        return (alert, nowMs) -> {
            if (!all(target, alert)) {
                return Optional.empty();
            }
            for (Alert s : firing.get()) {
                if (s.state() == AlertState.FIRING && !s.labels().equals(alert) && all(source, s.labels())
                        && sameValues(s.labels(), alert)) {
                    return Optional.of(new Muter.MuteReason(Muter.MuteReason.Kind.INHIBITION, name,
                            "inhibited by " + s.labels().get("alertname") + " " + s.labels().keep(equal)
                                    + " (rule " + name + ")"));
                }
            }
            return Optional.empty();
        };
    }

    private boolean sameValues(Labels a, Labels b) {
        for (String l : equal) {
            String va = a.get(l);
            if (va == null || !va.equals(b.get(l))) {
                return false;
            }
        }
        return true;
    }

    private static boolean all(List<Matcher> matchers, Labels labels) {
        for (Matcher m : matchers) {
            if (!m.matches(labels)) {
                return false;
            }
        }
        return true;
    }
}
