package io.pharos.engine.rules;

import io.pharos.engine.model.Labels;
import io.pharos.engine.model.Matcher;
import io.pharos.engine.rules.Value.Element;
import io.pharos.engine.rules.Value.Range;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The functions of the subset; each follows Prometheus 2.42's definition. */
final class Functions {
    private Functions() {
    }

    static Value call(Evaluator ev, Expr.Call c, long t) {
        List<Expr> args = c.args();
        return switch (c.function()) {
            case RATE -> overRange(ev, args.get(0), t, 2, false,
                    (r, s, e) -> RangeMath.extrapolatedDelta(r.timestamps(), r.values(), r.size(), s, e, true, true));
            case INCREASE -> overRange(ev, args.get(0), t, 2, false,
                    (r, s, e) -> RangeMath.extrapolatedDelta(r.timestamps(), r.values(), r.size(), s, e, true, false));
            case DELTA -> overRange(ev, args.get(0), t, 2, false,
                    (r, s, e) -> RangeMath.extrapolatedDelta(r.timestamps(), r.values(), r.size(), s, e, false, false));
            case IRATE -> overRange(ev, args.get(0), t, 2, false,
                    (r, s, e) -> RangeMath.instantDelta(r.timestamps(), r.values(), r.size(), true));
            case IDELTA -> overRange(ev, args.get(0), t, 2, false,
                    (r, s, e) -> RangeMath.instantDelta(r.timestamps(), r.values(), r.size(), false));
            case DERIV -> overRange(ev, args.get(0), t, 2, false,
                    (r, s, e) -> RangeMath.linearRegression(r.timestamps(), r.values(), r.size(), r.timestamps()[0])[0]);
            case PREDICT_LINEAR -> {
                double seconds = scalar(ev, args.get(1), t);
                yield overRange(ev, args.get(0), t, 2, false, (r, s, e) -> {
                    double[] fit = RangeMath.linearRegression(r.timestamps(), r.values(), r.size(), e);
                    return fit[1] + fit[0] * seconds;
                });
            }
            case CHANGES -> overRange(ev, args.get(0), t, 1, false, (r, s, e) -> RangeMath.changes(r.values(), r.size()));
            case RESETS -> overRange(ev, args.get(0), t, 1, false, (r, s, e) -> RangeMath.resets(r.values(), r.size()));
            case AVG_OVER_TIME -> overRange(ev, args.get(0), t, 1, false,
                    (r, s, e) -> Evaluator.sum(slice(r)) / r.size());
            case SUM_OVER_TIME -> overRange(ev, args.get(0), t, 1, false, (r, s, e) -> Evaluator.sum(slice(r)));
            case MIN_OVER_TIME -> overRange(ev, args.get(0), t, 1, false, (r, s, e) -> extreme(r, false));
            case MAX_OVER_TIME -> overRange(ev, args.get(0), t, 1, false, (r, s, e) -> extreme(r, true));
            case COUNT_OVER_TIME -> overRange(ev, args.get(0), t, 1, false, (r, s, e) -> r.size());
            case LAST_OVER_TIME -> overRange(ev, args.get(0), t, 1, true, (r, s, e) -> r.values()[r.size() - 1]);
            case PRESENT_OVER_TIME -> overRange(ev, args.get(0), t, 1, false, (r, s, e) -> 1);
            case STDDEV_OVER_TIME -> overRange(ev, args.get(0), t, 1, false,
                    (r, s, e) -> Math.sqrt(RangeMath.variance(r.values(), r.size())));
            case STDVAR_OVER_TIME -> overRange(ev, args.get(0), t, 1, false,
                    (r, s, e) -> RangeMath.variance(r.values(), r.size()));
            case QUANTILE_OVER_TIME -> {
                double q = scalar(ev, args.get(0), t);
                yield overRange(ev, args.get(1), t, 1, false, (r, s, e) -> RangeMath.quantile(q, r.values(), r.size()));
            }
            case ABSENT_OVER_TIME -> {
                Expr.MatrixSelector ms = (Expr.MatrixSelector) unwrap(args.get(0));
                yield absent(ev.range(ms, t).isEmpty(), ms.selector());
            }
            case ABSENT -> {
                List<Element> v = vector(ev, args.get(0), t);
                yield absent(v.isEmpty(), unwrap(args.get(0)) instanceof Expr.VectorSelector vs ? vs : null);
            }
            case HISTOGRAM_QUANTILE -> histogramQuantile(scalar(ev, args.get(0), t), vector(ev, args.get(1), t));
            case ABS -> map(ev, args.get(0), t, Math::abs);
            case CEIL -> map(ev, args.get(0), t, Math::ceil);
            case FLOOR -> map(ev, args.get(0), t, Math::floor);
            case EXP -> map(ev, args.get(0), t, Math::exp);
            case SQRT -> map(ev, args.get(0), t, Math::sqrt);
            case LN -> map(ev, args.get(0), t, Math::log);
            case LOG2 -> map(ev, args.get(0), t, x -> Math.log(x) / Math.log(2));
            case LOG10 -> map(ev, args.get(0), t, Math::log10);
            case SGN -> map(ev, args.get(0), t, Math::signum);
            case ROUND -> {
                double toNearest = args.size() > 1 ? scalar(ev, args.get(1), t) : 1;
                double inverse = 1 / toNearest;
                yield map(ev, args.get(0), t, x -> Math.floor(x * inverse + 0.5) / inverse);
            }
            case CLAMP -> {
                double min = scalar(ev, args.get(1), t);
                double max = scalar(ev, args.get(2), t);
                yield min > max ? new Value.Vector(List.of())
                        : map(ev, args.get(0), t, x -> Math.max(min, Math.min(max, x)));
            }
            case CLAMP_MIN -> {
                double min = scalar(ev, args.get(1), t);
                yield map(ev, args.get(0), t, x -> Math.max(min, x));
            }
            case CLAMP_MAX -> {
                double max = scalar(ev, args.get(1), t);
                yield map(ev, args.get(0), t, x -> Math.min(max, x));
            }
            case SCALAR -> {
                List<Element> v = vector(ev, args.get(0), t);
                yield new Value.Scalar(v.size() == 1 ? v.get(0).value() : Double.NaN);
            }
            case VECTOR -> new Value.Vector(List.of(new Element(Labels.EMPTY, scalar(ev, args.get(0), t))));
            case TIME -> new Value.Scalar(t / 1000.0);
            case TIMESTAMP -> {
                Expr inner = unwrap(args.get(0));
                if (inner instanceof Expr.VectorSelector vs) {
                    List<Element> out = new ArrayList<>();
                    for (Element el : ev.instant(vs, t, true)) {
                        out.add(new Element(Evaluator.dropName(el.labels()), el.value()));
                    }
                    yield new Value.Vector(out);
                }
                // Computed vectors carry no sample time: their time is the evaluation time.
                List<Element> out = new ArrayList<>();
                for (Element el : vector(ev, args.get(0), t)) {
                    out.add(new Element(Evaluator.dropName(el.labels()), t / 1000.0));
                }
                yield new Value.Vector(out);
            }
            case MINUTE -> calendar(ev, args, t, d -> d.getMinute());
            case HOUR -> calendar(ev, args, t, d -> d.getHour());
            case DAY_OF_WEEK -> calendar(ev, args, t, d -> d.getDayOfWeek().getValue() % 7);
            case LABEL_REPLACE -> labelReplace(vector(ev, args.get(0), t), text(ev, args.get(1), t),
                    text(ev, args.get(2), t), text(ev, args.get(3), t), text(ev, args.get(4), t));
            case LABEL_JOIN -> {
                String dst = text(ev, args.get(1), t);
                String sep = text(ev, args.get(2), t);
                List<String> src = new ArrayList<>();
                for (int i = 3; i < args.size(); i++) {
                    src.add(text(ev, args.get(i), t));
                }
                List<Element> out = new ArrayList<>();
                for (Element el : vector(ev, args.get(0), t)) {
                    StringBuilder sb = new StringBuilder();
                    for (int i = 0; i < src.size(); i++) {
                        if (i > 0) {
                            sb.append(sep);
                        }
                        String v = el.labels().get(src.get(i));
                        sb.append(v == null ? "" : v);
                    }
                    out.add(new Element(setLabel(el.labels(), dst, sb.toString()), el.value()));
                }
                yield new Value.Vector(out);
            }
            case SORT, SORT_DESC -> {
                List<Element> v = new ArrayList<>(vector(ev, args.get(0), t));
                Comparator<Element> byValue = Comparator.comparingDouble(Element::value);
                v.sort(c.function() == Function.SORT ? byValue : byValue.reversed());
                yield new Value.Vector(v);
            }
        };
    }

    @FunctionalInterface
    private interface RangeFunction {
        double apply(Range r, long rangeStartMs, long rangeEndMs);
    }

    private static Value overRange(Evaluator ev, Expr arg, long t, int minSamples, boolean keepName, RangeFunction f) {
        Expr.MatrixSelector ms = (Expr.MatrixSelector) unwrap(arg);
        long end = t - ms.selector().offsetMs();
        long start = end - ms.rangeMs();
        List<Element> out = new ArrayList<>();
        for (Range r : ev.range(ms, t)) {
            if (r.size() >= minSamples) {
                Labels labels = keepName ? r.labels() : Evaluator.dropName(r.labels());
                out.add(new Element(labels, f.apply(r, start, end)));
            }
        }
        return new Value.Vector(out);
    }

    private static Expr unwrap(Expr e) {
        while (e instanceof Expr.Paren p) {
            e = p.expr();
        }
        return e;
    }

    private static double[] slice(Range r) {
        return java.util.Arrays.copyOf(r.values(), r.size());
    }

    private static double extreme(Range r, boolean max) {
        double m = Double.NaN;
        for (int i = 0; i < r.size(); i++) {
            double x = r.values()[i];
            if (Double.isNaN(m) || (max ? x > m : x < m)) {
                m = x;
            }
        }
        return m;
    }

    private static double scalar(Evaluator ev, Expr e, long t) {
        return ((Value.Scalar) ev.evalForFunction(e, t)).value();
    }

    private static String text(Evaluator ev, Expr e, long t) {
        return ((Value.Text) ev.evalForFunction(e, t)).value();
    }

    private static List<Element> vector(Evaluator ev, Expr e, long t) {
        return ((Value.Vector) ev.evalForFunction(e, t)).elements();
    }

    private static Value map(Evaluator ev, Expr e, long t, DoubleUnaryOperator f) {
        List<Element> in = vector(ev, e, t);
        List<Element> out = new ArrayList<>(in.size());
        for (Element el : in) {
            out.add(new Element(Evaluator.dropName(el.labels()), f.applyAsDouble(el.value())));
        }
        return new Value.Vector(out);
    }

    /** absent(): one element when nothing matched, labelled by the selector's equality matchers. */
    private static Value absent(boolean nothing, Expr.VectorSelector vs) {
        if (!nothing) {
            return new Value.Vector(List.of());
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (vs != null) {
            for (Matcher m : vs.matchers()) {
                if (m.op() == Matcher.Op.EQUAL && !m.label().equals(Matcher.NAME)) {
                    labels.put(m.label(), m.value());
                }
            }
        }
        return new Value.Vector(List.of(new Element(Labels.of(labels), 1)));
    }

    private static Value histogramQuantile(double q, List<Element> buckets) {
        Map<Labels, List<Element>> histograms = new LinkedHashMap<>();
        Map<Labels, List<Double>> bounds = new LinkedHashMap<>();
        for (Element el : buckets) {
            String le = el.labels().get("le");
            if (le == null) {
                continue; // not a bucket: Prometheus ignores it too
            }
            double bound;
            try {
                bound = le.equals("+Inf") || le.equals("Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
            } catch (NumberFormatException e) {
                continue;
            }
            Map<String, String> key = el.labels().toMap();
            key.remove("le");
            key.remove(Matcher.NAME);
            Labels k = Labels.of(key);
            histograms.computeIfAbsent(k, x -> new ArrayList<>()).add(el);
            bounds.computeIfAbsent(k, x -> new ArrayList<>()).add(bound);
        }
        List<Element> out = new ArrayList<>();
        for (var h : histograms.entrySet()) {
            List<Element> els = h.getValue();
            List<Double> b = bounds.get(h.getKey());
            double[] ub = new double[els.size()];
            double[] counts = new double[els.size()];
            for (int i = 0; i < els.size(); i++) {
                ub[i] = b.get(i);
                counts[i] = els.get(i).value();
            }
            out.add(new Element(h.getKey(), RangeMath.bucketQuantile(q, ub, counts, els.size())));
        }
        return new Value.Vector(out);
    }

    private static Value calendar(Evaluator ev, List<Expr> args, long t,
                                  java.util.function.ToIntFunction<ZonedDateTime> part) {
        List<Element> in = args.isEmpty() ? List.of(new Element(Labels.EMPTY, t / 1000.0)) : vector(ev, args.get(0), t);
        List<Element> out = new ArrayList<>(in.size());
        for (Element el : in) {
            ZonedDateTime d = Instant.ofEpochMilli((long) (el.value() * 1000)).atZone(ZoneOffset.UTC);
            out.add(new Element(Evaluator.dropName(el.labels()), part.applyAsInt(d)));
        }
        return new Value.Vector(out);
    }

    private static Value labelReplace(List<Element> in, String dst, String replacement, String src, String regex) {
        Pattern p;
        try {
            p = Pattern.compile("^(?:" + regex + ")$");
        } catch (PatternSyntaxException e) {
            throw new EvaluationException("invalid regular expression in label_replace(): " + e.getDescription());
        }
        List<Element> out = new ArrayList<>(in.size());
        for (Element el : in) {
            String value = el.labels().get(src);
            java.util.regex.Matcher m = p.matcher(value == null ? "" : value);
            if (!m.matches()) {
                out.add(el);
                continue;
            }
            out.add(new Element(setLabel(el.labels(), dst, expand(replacement, m)), el.value()));
        }
        return new Value.Vector(out);
    }

    /** Go-style template expansion: $1, ${1}, $name, ${name}; $$ is a dollar. */
    static String expand(String template, java.util.regex.Matcher m) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c != '$' || i + 1 >= template.length()) {
                sb.append(c);
                continue;
            }
            char n = template.charAt(i + 1);
            if (n == '$') {
                sb.append('$');
                i++;
                continue;
            }
            int start = i + 1;
            int end;
            boolean braced = n == '{';
            if (braced) {
                end = template.indexOf('}', start);
                if (end < 0) {
                    sb.append(c);
                    continue;
                }
                start++;
            } else {
                end = start;
                while (end < template.length()
                        && (Character.isLetterOrDigit(template.charAt(end)) || template.charAt(end) == '_')) {
                    end++;
                }
            }
            String name = template.substring(start, end);
            i = braced ? end : end - 1;
            if (name.isEmpty()) {
                continue;
            }
            String group;
            try {
                group = name.chars().allMatch(Character::isDigit) ? groupOrNull(m, Integer.parseInt(name)) : m.group(name);
            } catch (IllegalArgumentException e) {
                group = null;
            }
            sb.append(group == null ? "" : group);
        }
        return sb.toString();
    }

    private static String groupOrNull(java.util.regex.Matcher m, int n) {
        return n <= m.groupCount() ? m.group(n) : null;
    }

    private static Labels setLabel(Labels l, String name, String value) {
        return value.isEmpty() ? (l.get(name) == null ? l : l.without(name)) : l.with(name, value);
    }
}
