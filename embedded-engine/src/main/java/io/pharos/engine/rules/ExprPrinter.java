package io.pharos.engine.rules;

import io.pharos.engine.model.Matcher;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Prints an expression in a canonical PromQL form: the same expression written twice, with other
 * spacing or in another rule, prints the same. Used as the key of evaluation caches and to show
 * expressions to people.
 */
public final class ExprPrinter {
    private ExprPrinter() {
    }

    public static String print(Expr e) {
        StringBuilder sb = new StringBuilder();
        print(e, sb);
        return sb.toString();
    }

    private static void print(Expr e, StringBuilder sb) {
        switch (e) {
            case Expr.NumberLiteral n -> sb.append(number(n.value()));
            case Expr.StringLiteral s -> sb.append('"').append(s.value().replace("\\", "\\\\").replace("\"", "\\\""))
                    .append('"');
            case Expr.Paren p -> {
                sb.append('(');
                print(p.expr(), sb);
                sb.append(')');
            }
            case Expr.VectorSelector v -> selector(v, sb);
            case Expr.MatrixSelector m -> {
                sb.append(selectorWithoutOffset(m.selector())).append('[').append(m.rangeMs()).append("ms]");
                offset(m.selector().offsetMs(), sb);
            }
            case Expr.Unary u -> {
                sb.append('-');
                print(u.expr(), sb);
            }
            case Expr.Call c -> {
                sb.append(c.function().symbol()).append('(');
                for (int i = 0; i < c.args().size(); i++) {
                    if (i > 0) {
                        sb.append(", ");
                    }
                    print(c.args().get(i), sb);
                }
                sb.append(')');
            }
            case Expr.Aggregate a -> {
                sb.append(a.op().symbol());
                if (!a.grouping().isEmpty() || a.without()) {
                    sb.append(a.without() ? " without (" : " by (").append(String.join(", ", a.grouping())).append(") ");
                }
                sb.append('(');
                if (a.param() != null) {
                    print(a.param(), sb);
                    sb.append(", ");
                }
                print(a.expr(), sb);
                sb.append(')');
            }
            case Expr.Binary b -> {
                sb.append('(');
                print(b.lhs(), sb);
                sb.append(' ').append(b.op().symbol());
                if (b.returnBool()) {
                    sb.append(" bool");
                }
                Expr.VectorMatching m = b.matching();
                if (m != null && (m.on() || !m.labels().isEmpty())) {
                    sb.append(m.on() ? " on(" : " ignoring(").append(String.join(", ", m.labels())).append(')');
                }
                if (m != null && m.cardinality() == Expr.VectorMatching.Cardinality.MANY_TO_ONE) {
                    sb.append(" group_left(").append(String.join(", ", m.include())).append(')');
                } else if (m != null && m.cardinality() == Expr.VectorMatching.Cardinality.ONE_TO_MANY) {
                    sb.append(" group_right(").append(String.join(", ", m.include())).append(')');
                }
                sb.append(' ');
                print(b.rhs(), sb);
                sb.append(')');
            }
        }
    }

    private static void selector(Expr.VectorSelector v, StringBuilder sb) {
        sb.append(selectorWithoutOffset(v));
        offset(v.offsetMs(), sb);
    }

    private static String selectorWithoutOffset(Expr.VectorSelector v) {
        String matchers = v.matchers().stream().filter(m -> !(m.label().equals(Matcher.NAME) && v.name() != null
                && m.op() == Matcher.Op.EQUAL && m.value().equals(v.name()))).map(Matcher::toString)
                .collect(Collectors.joining(","));
        return (v.name() == null ? "" : v.name()) + "{" + matchers + "}";
    }

    private static void offset(long ms, StringBuilder sb) {
        if (ms != 0) {
            sb.append(" offset ").append(ms).append("ms");
        }
    }

    private static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Inf" : "-Inf";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }
}
