package io.pharos.engine.rules;

import io.pharos.engine.alerting.Alert;
import io.pharos.engine.alerting.AlertLifecycle;
import io.pharos.engine.alerting.AlertPolicy;
import io.pharos.engine.alerting.AlertTransition;
import io.pharos.engine.model.Labels;
import io.pharos.engine.model.Matcher;
import io.pharos.engine.rules.Value.Element;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Evaluates rule groups over a {@link SeriesSource}, each group at its own interval, rules of a group
 * in order. Recording rules write their series to a sink (the store) and keep recent ones in memory
 * for the rules that follow; alerting rules drive an {@link AlertLifecycle} per rule. The time of
 * each evaluation is an argument: live it is the clock, in a backtest it walks through history.
 * Not thread-safe: one evaluator thread.
 */
public final class RuleEngine {
    public static final String ALERT_NAME = "alertname";

    /** Where recorded series go; labels include {@code __name__}. */
    @FunctionalInterface
    public interface RecordedSink {
        RecordedSink NONE = (labels, timeMs, value) -> { };

        void accept(Labels labels, long timeMs, double value);
    }

    private final class GroupState {
        final RuleGroup group;
        long lastEvaluationMs = Long.MIN_VALUE;

        GroupState(RuleGroup group) {
            this.group = group;
        }
    }

    private final class AlertingState {
        final Rule.Alerting rule;
        final String group;
        final AlertLifecycle lifecycle;
        final Map<Labels, Map<String, String>> annotations = new HashMap<>();

        AlertingState(Rule.Alerting rule, String group, AlertPolicy policy) {
            this.rule = rule;
            this.group = group;
            this.lifecycle = new AlertLifecycle(policy);
        }
    }

    private final List<GroupState> groups = new ArrayList<>();
    private final Map<Rule, AlertingState> alerting = new LinkedHashMap<>();
    private final Map<Rule, RuleHealth> health = new LinkedHashMap<>();
    private final MemorySeriesSource recorded = new MemorySeriesSource();
    private final Evaluator evaluator;
    private final RecordedSink sink;
    private final long keepRecordedMs;

    /**
     * @param basePolicy flap detection and how long resolved alerts are kept; each rule's own
     *                   {@code for} and {@code keep_firing_for} replace the first two settings
     */
    public RuleEngine(List<RuleGroup> ruleGroups, SeriesSource source, RecordedSink sink, AlertPolicy basePolicy) {
        this.evaluator = new Evaluator(new LayeredSeriesSource(source, recorded));
        this.sink = sink;
        long longest = 0;
        for (RuleGroup g : ruleGroups) {
            groups.add(new GroupState(g));
            for (Rule r : g.rules()) {
                longest = Math.max(longest, reach(r.expr()));
                if (r instanceof Rule.Alerting a) {
                    AlertPolicy policy = new AlertPolicy(Duration.ofMillis(a.forMs()), Duration.ofMillis(a.keepFiringForMs()),
                            basePolicy.flapChanges(), basePolicy.flapWindow(), basePolicy.keepResolved());
                    alerting.put(r, new AlertingState(a, g.name(), policy));
                }
            }
        }
        // Recordings are read back from memory as far as any rule looks; older ones come from the sink's store.
        this.keepRecordedMs = longest + Evaluator.DEFAULT_LOOKBACK_MS;
    }

    /** How far back an expression reads: its longest range plus offset. */
    private static long reach(Expr e) {
        return switch (e) {
            case Expr.MatrixSelector m -> m.rangeMs() + Math.max(0, m.selector().offsetMs());
            case Expr.VectorSelector v -> Math.max(0, v.offsetMs());
            case Expr.Call c -> c.args().stream().mapToLong(RuleEngine::reach).max().orElse(0);
            case Expr.Aggregate a -> Math.max(reach(a.expr()), a.param() == null ? 0 : reach(a.param()));
            case Expr.Binary b -> Math.max(reach(b.lhs()), reach(b.rhs()));
            case Expr.Unary u -> reach(u.expr());
            case Expr.Paren p -> reach(p.expr());
            case Expr.NumberLiteral n -> 0;
            case Expr.StringLiteral s -> 0;
        };
    }

    /** Evaluates every group whose interval has passed since its last evaluation. */
    public RuleCycle evaluate(long nowMs) {
        List<String> evaluated = new ArrayList<>();
        List<RuleTransition> transitions = new ArrayList<>();
        List<RuleHealth> failures = new ArrayList<>();
        evaluator.forget();
        for (GroupState g : groups) {
            if (g.lastEvaluationMs != Long.MIN_VALUE && nowMs - g.lastEvaluationMs < g.group.intervalMs()) {
                continue;
            }
            g.lastEvaluationMs = nowMs;
            evaluated.add(g.group.name());
            for (Rule r : g.group.rules()) {
                RuleHealth h = evaluateRule(g.group, r, nowMs, transitions);
                health.put(r, h);
                if (!h.ok()) {
                    failures.add(h);
                }
            }
        }
        recorded.trimBefore(nowMs - keepRecordedMs);
        return new RuleCycle(nowMs, evaluated, transitions, failures);
    }

    private RuleHealth evaluateRule(RuleGroup group, Rule rule, long nowMs, List<RuleTransition> transitions) {
        long start = System.nanoTime();
        try {
            List<Element> result = evaluator.vector(rule.expr(), nowMs);
            int series = switch (rule) {
                case Rule.Recording rec -> record(rec, result, nowMs);
                case Rule.Alerting a -> alert(alerting.get(rule), result, nowMs, transitions);
            };
            return new RuleHealth(rule.name(), group.name(), rule.location(), nowMs, System.nanoTime() - start, series,
                    null);
        } catch (EvaluationException e) {
            // A failing alerting rule keeps its alerts as they were: no data is not "resolved".
            return new RuleHealth(rule.name(), group.name(), rule.location(), nowMs, System.nanoTime() - start, 0,
                    e.getMessage());
        }
    }

    private int record(Rule.Recording rule, List<Element> result, long nowMs) {
        Map<Labels, Double> out = new LinkedHashMap<>();
        for (Element el : result) {
            Map<String, String> labels = el.labels().toMap();
            labels.put(Matcher.NAME, rule.name());
            labels.putAll(rule.labels());
            if (out.put(Labels.of(labels), el.value()) != null) {
                throw new EvaluationException("the result has two series with the labels " + Labels.of(labels)
                        + " once the rule's labels are applied");
            }
        }
        for (var e : out.entrySet()) {
            recorded.add(e.getKey(), nowMs, e.getValue());
            sink.accept(e.getKey(), nowMs, e.getValue());
        }
        if (!out.isEmpty()) {
            evaluator.forget(); // later rules must see the recording
        }
        return out.size();
    }

    private int alert(AlertingState state, List<Element> result, long nowMs, List<RuleTransition> transitions) {
        Map<Labels, Double> holding = new LinkedHashMap<>();
        Map<Labels, Map<String, String>> annotations = new HashMap<>();
        for (Element el : result) {
            Labels base = Evaluator.dropName(el.labels());
            Map<String, String> labels = new TreeMap<>(base.toMap());
            for (var l : state.rule.labels().entrySet()) {
                String v = AnnotationTemplate.render(l.getValue(), base, el.value());
                if (v.isEmpty()) {
                    labels.remove(l.getKey());
                } else {
                    labels.put(l.getKey(), v);
                }
            }
            labels.put(ALERT_NAME, state.rule.name());
            Labels alertLabels = Labels.of(labels);
            if (holding.put(alertLabels, el.value()) != null) {
                throw new EvaluationException("the result has two series with the labels " + alertLabels
                        + " once the alert's labels are applied");
            }
            Map<String, String> rendered = new TreeMap<>();
            state.rule.annotations().forEach((k, v) -> rendered.put(k, AnnotationTemplate.render(v, base, el.value())));
            annotations.put(alertLabels, rendered);
        }
        state.annotations.putAll(annotations);
        for (AlertTransition t : state.lifecycle.evaluate(nowMs, holding)) {
            transitions.add(new RuleTransition(state.rule.name(), state.group, t,
                    state.annotations.getOrDefault(t.alert().labels(), Map.of())));
        }
        // Annotations of alerts that are gone are forgotten with them.
        java.util.Set<Labels> known = new java.util.HashSet<>();
        state.lifecycle.alerts().forEach(a -> known.add(a.labels()));
        state.annotations.keySet().retainAll(known);
        return holding.size();
    }

    /** Every alert of every rule that is pending, firing or recently resolved. */
    public List<RuleAlert> alerts() {
        List<RuleAlert> out = new ArrayList<>();
        for (AlertingState s : alerting.values()) {
            for (Alert a : s.lifecycle.alerts()) {
                out.add(new RuleAlert(s.rule.name(), s.group, a, s.annotations.getOrDefault(a.labels(), Map.of())));
            }
        }
        return out;
    }

    /** The last evaluation of every rule evaluated so far. */
    public Collection<RuleHealth> health() {
        return List.copyOf(health.values());
    }

    /** The lifecycle of an alerting rule, for saving and restoring its state. */
    public Map<String, AlertLifecycle> lifecycles() {
        Map<String, AlertLifecycle> out = new LinkedHashMap<>();
        for (AlertingState s : alerting.values()) {
            out.put(s.group + "/" + s.rule.name(), s.lifecycle);
        }
        return out;
    }
}
