package io.pharos.engine.rules;

import io.pharos.engine.alerting.AlertPolicy;
import io.pharos.engine.alerting.AlertState;
import io.pharos.engine.alerting.AlertTransition;
import io.pharos.engine.model.Labels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rules replayed over history as if time ran through it: the same {@link RuleEngine}, each group
 * at its interval, from one instant to another. The result lists every alert that would have
 * fired, with when it went pending, fired and resolved.
 */
public final class Backtest {

    /**
     * One alert episode that fired. {@code resolvedAtMs} is null when it was still firing at the
     * end; {@code value} is the condition's value when it fired.
     */
    public record Episode(String rule, String group, Labels labels, long pendingAtMs, long firingAtMs, Long resolvedAtMs,
                          double value, Map<String, String> annotations) {
    }

    public record Result(long fromMs, long toMs, long stepMs, int rules, long evaluations, List<Episode> episodes,
                         int pendingOnly, List<RuleHealth> failures) {
    }

    private Backtest() {
    }

    /**
     * Evaluates {@code groups} at every {@code stepMs} from {@code fromMs} to {@code toMs} (a group
     * whose interval is longer waits for its turn, as live).
     */
    public static Result run(List<RuleGroup> groups, SeriesSource source, long fromMs, long toMs, long stepMs) {
        if (stepMs <= 0 || toMs < fromMs) {
            throw new IllegalArgumentException("a backtest needs from <= to and a positive step");
        }
        RuleEngine engine = new RuleEngine(groups, source, RuleEngine.RecordedSink.NONE,
                AlertPolicy.firingAfter(Duration.ZERO));
        Map<String, Episode> open = new HashMap<>();
        List<Episode> done = new ArrayList<>();
        Map<String, RuleHealth> failures = new LinkedHashMap<>();
        int pendingOnly = 0;
        long evaluations = 0;
        for (long t = fromMs; t <= toMs; t += stepMs) {
            RuleCycle c = engine.evaluate(t);
            evaluations += c.groupsEvaluated().size();
            c.failures().forEach(f -> failures.putIfAbsent(f.group() + "/" + f.rule(), f));
            for (RuleTransition rt : c.transitions()) {
                AlertTransition tr = rt.transition();
                String key = rt.group() + "/" + rt.rule() + tr.alert().labels();
                AlertState to = tr.alert().state();
                if (to == AlertState.FIRING) {
                    open.put(key, new Episode(rt.rule(), rt.group(), tr.alert().labels(), tr.alert().activeSinceMs(),
                            tr.alert().firingSinceMs(), null, tr.alert().lastValue(), rt.annotations()));
                } else if (to == AlertState.RESOLVED) {
                    Episode e = open.remove(key);
                    if (e != null) {
                        done.add(new Episode(e.rule(), e.group(), e.labels(), e.pendingAtMs(), e.firingAtMs(), tr.atMs(),
                                e.value(), e.annotations()));
                    }
                } else if (to == AlertState.INACTIVE && tr.from() == AlertState.PENDING) {
                    pendingOnly++;
                }
            }
        }
        done.addAll(open.values());
        done.sort((a, b) -> a.firingAtMs() != b.firingAtMs() ? Long.compare(a.firingAtMs(), b.firingAtMs())
                : a.labels().toString().compareTo(b.labels().toString()));
        int rules = groups.stream().mapToInt(g -> g.rules().size()).sum();
        return new Result(fromMs, toMs, stepMs, rules, evaluations, done, pendingOnly, List.copyOf(failures.values()));
    }
}
