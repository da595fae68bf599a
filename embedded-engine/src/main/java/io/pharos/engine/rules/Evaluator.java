package io.pharos.engine.rules;

import io.pharos.engine.model.Labels;
import io.pharos.engine.model.Matcher;
import io.pharos.engine.rules.Expr.VectorMatching;
import io.pharos.engine.rules.Expr.VectorMatching.Cardinality;
import io.pharos.engine.rules.Value.Element;
import io.pharos.engine.rules.Value.Range;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates expressions of the subset at one instant over a {@link SeriesSource}, with PromQL's
 * semantics: instant selectors take the newest sample within the lookback (5 minutes), metric
 * names are dropped by arithmetic and functions, vectors match one-to-one unless told otherwise.
 * Not thread-safe; cheap to create.
 */
public final class Evaluator {
    public static final long DEFAULT_LOOKBACK_MS = 5 * 60_000L;
    private static final String NAME = Matcher.NAME;

    private final SeriesSource source;
    private final long lookbackMs;
    /**
     * Instant vectors and ranges of selectors already evaluated at {@link #cachedAt}: rules sharing a
     * selector (a warning and a critical threshold) read it once. {@link #forget} empties it.
     */
    private final Map<String, List<Element>> instants = new HashMap<>();
    private final Map<String, List<Range>> ranges = new HashMap<>();
    /** Aggregations and function calls by their canonical text: 1,000 rules over 140 aggregates compute 140. */
    private final Map<String, Value> computed = new HashMap<>();
    /**
     * Canonical texts of the expressions seen, so a rule's text is printed once, not every cycle. A
     * caller that parses a new expression for every question would grow it without end: it is
     * emptied when it holds more than {@value #MAX_KEYS} (rules keep far fewer).
     */
    private final java.util.IdentityHashMap<Expr, String> keys = new java.util.IdentityHashMap<>();
    static final int MAX_KEYS = 1 << 16;
    private long cachedAt = Long.MIN_VALUE;

    public Evaluator(SeriesSource source) {
        this(source, DEFAULT_LOOKBACK_MS);
    }

    /** Expressions whose canonical text is remembered (for tests: it stays bounded). */
    int rememberedExpressions() {
        return keys.size();
    }

    public Evaluator(SeriesSource source, long lookbackMs) {
        this.source = source;
        this.lookbackMs = lookbackMs;
    }

    /** Forgets cached selections, for when the data changed (a recording was made). */
    public void forget() {
        instants.clear();
        ranges.clear();
        computed.clear();
    }

    private void at(long t) {
        if (t != cachedAt) {
            forget();
            cachedAt = t;
        }
    }

    /** Evaluates an instant-vector or scalar expression at {@code timeMs}. */
    public Value evaluate(Expr e, long timeMs) {
        return eval(e, timeMs);
    }

    /** Evaluates and returns an instant vector (a scalar becomes one element without labels). */
    public List<Element> vector(Expr e, long timeMs) {
        Value v = eval(e, timeMs);
        return switch (v) {
            case Value.Vector vec -> vec.elements();
            case Value.Scalar s -> List.of(new Element(Labels.EMPTY, s.value()));
            default -> throw new EvaluationException("the expression yields a " + v.getClass().getSimpleName()
                    + ", not an instant vector");
        };
    }

    private Value eval(Expr e, long t) {
        return switch (e) {
            case Expr.NumberLiteral n -> new Value.Scalar(n.value());
            case Expr.StringLiteral s -> new Value.Text(s.value());
            case Expr.Paren p -> eval(p.expr(), t);
            case Expr.VectorSelector vs -> new Value.Vector(instant(vs, t, false));
            case Expr.MatrixSelector ms -> new Value.Matrix(range(ms, t));
            case Expr.Unary u -> negate(eval(u.expr(), t));
            // Vector-vector operations match label sets, the costly part: shared ones (a ratio under
            // several thresholds) are computed once.
            case Expr.Binary b -> b.lhs().type() == Expr.Type.VECTOR && b.rhs().type() == Expr.Type.VECTOR
                    ? memoized(b, t, () -> binary(b, t)) : binary(b, t);
            case Expr.Aggregate a -> memoized(a, t, () -> aggregate(a, t));
            case Expr.Call c -> c.function() == Function.TIME ? Functions.call(this, c, t)
                    : memoized(c, t, () -> Functions.call(this, c, t));
        };
    }

    /** Values are immutable and the data does not change within an instant: computed once per text. */
    private Value memoized(Expr e, long t, java.util.function.Supplier<Value> compute) {
        at(t);
        String key = keys.get(e);
        if (key == null) {
            if (keys.size() >= MAX_KEYS) {
                keys.clear();
            }
            key = ExprPrinter.print(e);
            keys.put(e, key);
        }
        Value v = computed.get(key);
        if (v == null) {
            v = compute.get();
            computed.put(key, v);
        }
        return v;
    }

    Value evalForFunction(Expr e, long t) {
        return eval(e, t);
    }

    // ------------------------------------------------------------------ selectors

    /** The newest sample of each matching series within the lookback; {@code timestamps} yields times. */
    List<Element> instant(Expr.VectorSelector vs, long t, boolean timestamps) {
        at(t);
        String key = timestamps ? null : vs.matchers() + "@" + vs.offsetMs();
        if (key != null) {
            List<Element> cached = instants.get(key);
            if (cached != null) {
                return cached;
            }
        }
        long at = t - vs.offsetMs();
        List<Element> out = new ArrayList<>();
        for (SeriesSource.Series s : source.select(vs.matchers())) {
            io.pharos.engine.model.Sample last = source.latest(s, at - lookbackMs, at);
            if (last != null) {
                double v = timestamps ? last.timestampMs() / 1000.0 : last.value();
                out.add(new Element(s.labels(), v));
            }
        }
        if (key != null) {
            instants.put(key, out);
        }
        return out;
    }

    List<Range> range(Expr.MatrixSelector ms, long t) {
        at(t);
        String key = ms.selector().matchers() + "[" + ms.rangeMs() + "]@" + ms.selector().offsetMs();
        List<Range> cached = ranges.get(key);
        if (cached != null) {
            return cached;
        }
        long at = t - ms.selector().offsetMs();
        List<Range> out = new ArrayList<>();
        for (SeriesSource.Series s : source.select(ms.selector().matchers())) {
            SeriesSource.Samples samples = source.read(s, at - ms.rangeMs(), at);
            if (samples.size() > 0) {
                out.add(new Range(s.labels(), samples.timestamps(), samples.values(), samples.size()));
            }
        }
        ranges.put(key, out);
        return out;
    }

    // ------------------------------------------------------------------ unary and binary

    private static Value negate(Value v) {
        return switch (v) {
            case Value.Scalar s -> new Value.Scalar(-s.value());
            case Value.Vector vec -> {
                List<Element> out = new ArrayList<>(vec.elements().size());
                for (Element el : vec.elements()) {
                    out.add(new Element(dropName(el.labels()), -el.value()));
                }
                yield new Value.Vector(out);
            }
            default -> throw new EvaluationException("cannot negate a " + v.getClass().getSimpleName());
        };
    }

    static Labels dropName(Labels l) {
        return l.get(NAME) == null ? l : l.without(NAME);
    }

    private Value binary(Expr.Binary b, long t) {
        Value lhs = eval(b.lhs(), t);
        Value rhs = eval(b.rhs(), t);
        BinaryOp op = b.op();
        if (lhs instanceof Value.Scalar l && rhs instanceof Value.Scalar r) {
            return new Value.Scalar(op.apply(l.value(), r.value()));
        }
        if (lhs instanceof Value.Vector l && rhs instanceof Value.Scalar r) {
            return new Value.Vector(vectorScalar(op, l.elements(), r.value(), false, b.returnBool()));
        }
        if (lhs instanceof Value.Scalar l && rhs instanceof Value.Vector r) {
            return new Value.Vector(vectorScalar(op, r.elements(), l.value(), true, b.returnBool()));
        }
        List<Element> l = ((Value.Vector) lhs).elements();
        List<Element> r = ((Value.Vector) rhs).elements();
        VectorMatching m = b.matching();
        return new Value.Vector(switch (op) {
            case AND -> and(l, r, m);
            case OR -> or(l, r, m);
            case UNLESS -> unless(l, r, m);
            default -> vectorVector(op, l, r, m, b.returnBool());
        });
    }

    private static boolean dropsName(BinaryOp op, boolean returnBool) {
        return !op.isComparison() || returnBool;
    }

    private static List<Element> vectorScalar(BinaryOp op, List<Element> vector, double scalar, boolean scalarLeft,
                                              boolean returnBool) {
        List<Element> out = new ArrayList<>(vector.size());
        for (Element el : vector) {
            double l = scalarLeft ? scalar : el.value();
            double r = scalarLeft ? el.value() : scalar;
            double v = op.apply(l, r);
            Labels labels = dropsName(op, returnBool) ? dropName(el.labels()) : el.labels();
            if (op.isComparison()) {
                if (returnBool) {
                    out.add(new Element(labels, v));
                } else if (v == 1) {
                    out.add(new Element(labels, el.value())); // a filter keeps the vector's own value
                }
            } else {
                out.add(new Element(labels, v));
            }
        }
        return out;
    }

    /** The labels two elements are matched on. */
    private static Labels signature(Labels l, VectorMatching m) {
        if (m.on()) {
            return l.keep(m.labels());
        }
        Map<String, String> map = l.toMap();
        map.remove(NAME);
        for (String name : m.labels()) {
            map.remove(name);
        }
        return Labels.of(map);
    }

    private List<Element> vectorVector(BinaryOp op, List<Element> lhs, List<Element> rhs, VectorMatching m,
                                       boolean returnBool) {
        boolean swap = m.cardinality() == Cardinality.ONE_TO_MANY;
        List<Element> many = swap ? rhs : lhs;
        List<Element> one = swap ? lhs : rhs;
        Map<Labels, Element> oneBySig = new HashMap<>();
        for (Element el : one) {
            Labels sig = signature(el.labels(), m);
            if (oneBySig.put(sig, el) != null) {
                throw new EvaluationException("found duplicate series for the match group " + sig + " on the "
                        + (swap ? "left" : "right") + " hand-side of the operation; many-to-many matching not allowed:"
                        + " matching labels must be unique on one side");
            }
        }
        Set<Labels> matchedSigs = new HashSet<>();
        Set<Labels> produced = new HashSet<>();
        List<Element> out = new ArrayList<>();
        for (Element el : many) {
            Labels sig = signature(el.labels(), m);
            Element other = oneBySig.get(sig);
            if (other == null) {
                continue;
            }
            if (m.cardinality() == Cardinality.ONE_TO_ONE && !matchedSigs.add(sig)) {
                throw new EvaluationException("multiple matches for labels " + sig + ": many-to-one matching must be"
                        + " explicit (group_left/group_right)");
            }
            double l = swap ? other.value() : el.value();
            double r = swap ? el.value() : other.value();
            double v = op.apply(l, r);
            if (op.isComparison() && !returnBool) {
                if (v != 1) {
                    continue;
                }
                v = l;
            }
            Labels labels = resultLabels(el.labels(), other.labels(), op, m, returnBool);
            if (m.cardinality() != Cardinality.ONE_TO_ONE && !produced.add(labels)) {
                throw new EvaluationException("multiple matches for labels " + labels + ": grouping labels must ensure"
                        + " unique matches");
            }
            out.add(new Element(labels, v));
        }
        return out;
    }

    private static Labels resultLabels(Labels many, Labels one, BinaryOp op, VectorMatching m, boolean returnBool) {
        Map<String, String> map = many.toMap();
        if (dropsName(op, returnBool)) {
            map.remove(NAME);
        }
        if (m.cardinality() == Cardinality.ONE_TO_ONE) {
            if (m.on()) {
                map.keySet().retainAll(new HashSet<>(m.labels()));
            } else {
                m.labels().forEach(map::remove);
            }
        }
        for (String name : m.include()) {
            String v = one.get(name);
            if (v == null || v.isEmpty()) {
                map.remove(name);
            } else {
                map.put(name, v);
            }
        }
        return Labels.of(map);
    }

    private static Set<Labels> signatures(List<Element> elements, VectorMatching m) {
        Set<Labels> sigs = new HashSet<>();
        for (Element el : elements) {
            sigs.add(signature(el.labels(), m));
        }
        return sigs;
    }

    private static List<Element> and(List<Element> lhs, List<Element> rhs, VectorMatching m) {
        Set<Labels> right = signatures(rhs, m);
        return lhs.stream().filter(el -> right.contains(signature(el.labels(), m))).toList();
    }

    private static List<Element> unless(List<Element> lhs, List<Element> rhs, VectorMatching m) {
        Set<Labels> right = signatures(rhs, m);
        return lhs.stream().filter(el -> !right.contains(signature(el.labels(), m))).toList();
    }

    private static List<Element> or(List<Element> lhs, List<Element> rhs, VectorMatching m) {
        Set<Labels> left = signatures(lhs, m);
        List<Element> out = new ArrayList<>(lhs);
        for (Element el : rhs) {
            if (!left.contains(signature(el.labels(), m))) {
                out.add(el);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ aggregation

    private Value aggregate(Expr.Aggregate a, long t) {
        List<Element> input = ((Value.Vector) eval(a.expr(), t)).elements();
        double param = Double.NaN;
        String labelParam = null;
        if (a.param() != null) {
            Value p = eval(a.param(), t);
            if (p instanceof Value.Scalar s) {
                param = s.value();
            } else if (p instanceof Value.Text s) {
                labelParam = s.value();
            }
        }
        Map<Labels, List<Element>> groups = new LinkedHashMap<>();
        for (Element el : input) {
            groups.computeIfAbsent(groupKey(el.labels(), a), k -> new ArrayList<>()).add(el);
        }
        List<Element> out = new ArrayList<>();
        for (var g : groups.entrySet()) {
            List<Element> members = g.getValue();
            switch (a.op()) {
                case TOPK, BOTTOMK -> {
                    int k = (int) Math.min(members.size(), Math.max(0, param));
                    Comparator<Element> byValue = Comparator.comparingDouble(Element::value);
                    // NaN ranks last either way, as in Prometheus.
                    Comparator<Element> order = a.op() == AggregateOp.TOPK
                            ? Comparator.comparing((Element el) -> Double.isNaN(el.value())).thenComparing(byValue.reversed())
                            : Comparator.comparing((Element el) -> Double.isNaN(el.value())).thenComparing(byValue);
                    members.stream().sorted(order).limit(k).forEach(out::add);
                }
                case COUNT_VALUES -> {
                    if (labelParam == null || labelParam.isEmpty()) {
                        throw new EvaluationException("count_values needs a label name");
                    }
                    Map<String, Integer> counts = new LinkedHashMap<>();
                    for (Element el : members) {
                        counts.merge(formatValue(el.value()), 1, Integer::sum);
                    }
                    for (var c : counts.entrySet()) {
                        out.add(new Element(g.getKey().with(labelParam, c.getKey()), c.getValue()));
                    }
                }
                default -> out.add(new Element(g.getKey(), combine(a.op(), members, param)));
            }
        }
        return new Value.Vector(out);
    }

    private static Labels groupKey(Labels l, Expr.Aggregate a) {
        if (!a.without()) {
            return l.keep(a.grouping());
        }
        Map<String, String> map = l.toMap();
        map.remove(NAME);
        a.grouping().forEach(map::remove);
        return Labels.of(map);
    }

    private static double combine(AggregateOp op, List<Element> members, double param) {
        int n = members.size();
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = members.get(i).value();
        }
        return switch (op) {
            case SUM -> sum(v);
            case AVG -> sum(v) / n;
            case MIN -> {
                double m = Double.NaN;
                for (double x : v) {
                    m = Double.isNaN(m) || x < m ? x : m;
                }
                yield m;
            }
            case MAX -> {
                double m = Double.NaN;
                for (double x : v) {
                    m = Double.isNaN(m) || x > m ? x : m;
                }
                yield m;
            }
            case COUNT -> n;
            case GROUP -> 1;
            case STDDEV -> Math.sqrt(RangeMath.variance(v, n));
            case STDVAR -> RangeMath.variance(v, n);
            case QUANTILE -> RangeMath.quantile(param, v, n);
            case TOPK, BOTTOMK, COUNT_VALUES -> throw new IllegalStateException(op + " is not a combining aggregation");
        };
    }

    static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }

    static String formatValue(double v) {
        if (v == Math.rint(v) && !Double.isInfinite(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        return Double.toString(v);
    }
}
