package io.pharos.engine.rules;

import io.pharos.engine.rules.Expr.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The functions of the subset, with their argument and result types (docs/rules.md lists them). */
public enum Function {
    RATE(Type.VECTOR, Type.MATRIX), IRATE(Type.VECTOR, Type.MATRIX), INCREASE(Type.VECTOR, Type.MATRIX),
    DELTA(Type.VECTOR, Type.MATRIX), IDELTA(Type.VECTOR, Type.MATRIX), DERIV(Type.VECTOR, Type.MATRIX),
    CHANGES(Type.VECTOR, Type.MATRIX), RESETS(Type.VECTOR, Type.MATRIX),
    AVG_OVER_TIME(Type.VECTOR, Type.MATRIX), SUM_OVER_TIME(Type.VECTOR, Type.MATRIX),
    MIN_OVER_TIME(Type.VECTOR, Type.MATRIX), MAX_OVER_TIME(Type.VECTOR, Type.MATRIX),
    COUNT_OVER_TIME(Type.VECTOR, Type.MATRIX), LAST_OVER_TIME(Type.VECTOR, Type.MATRIX),
    STDDEV_OVER_TIME(Type.VECTOR, Type.MATRIX), STDVAR_OVER_TIME(Type.VECTOR, Type.MATRIX),
    PRESENT_OVER_TIME(Type.VECTOR, Type.MATRIX), ABSENT_OVER_TIME(Type.VECTOR, Type.MATRIX),
    QUANTILE_OVER_TIME(Type.VECTOR, Type.SCALAR, Type.MATRIX),
    PREDICT_LINEAR(Type.VECTOR, Type.MATRIX, Type.SCALAR),
    HISTOGRAM_QUANTILE(Type.VECTOR, Type.SCALAR, Type.VECTOR),
    ABS(Type.VECTOR, Type.VECTOR), CEIL(Type.VECTOR, Type.VECTOR), FLOOR(Type.VECTOR, Type.VECTOR),
    EXP(Type.VECTOR, Type.VECTOR), SQRT(Type.VECTOR, Type.VECTOR), LN(Type.VECTOR, Type.VECTOR),
    LOG2(Type.VECTOR, Type.VECTOR), LOG10(Type.VECTOR, Type.VECTOR), SGN(Type.VECTOR, Type.VECTOR),
    ROUND(Type.VECTOR, 1, Type.VECTOR, Type.SCALAR),
    CLAMP(Type.VECTOR, Type.VECTOR, Type.SCALAR, Type.SCALAR),
    CLAMP_MIN(Type.VECTOR, Type.VECTOR, Type.SCALAR), CLAMP_MAX(Type.VECTOR, Type.VECTOR, Type.SCALAR),
    ABSENT(Type.VECTOR, Type.VECTOR),
    SCALAR(Type.SCALAR, Type.VECTOR), VECTOR(Type.VECTOR, Type.SCALAR), TIME(Type.SCALAR),
    TIMESTAMP(Type.VECTOR, Type.VECTOR),
    MINUTE(Type.VECTOR, 0, Type.VECTOR), HOUR(Type.VECTOR, 0, Type.VECTOR),
    DAY_OF_WEEK(Type.VECTOR, 0, Type.VECTOR),
    LABEL_REPLACE(Type.VECTOR, Type.VECTOR, Type.STRING, Type.STRING, Type.STRING, Type.STRING),
    LABEL_JOIN(Type.VECTOR, -1, Type.VECTOR, Type.STRING, Type.STRING, Type.STRING),
    SORT(Type.VECTOR, Type.VECTOR), SORT_DESC(Type.VECTOR, Type.VECTOR);

    /** Functions of Prometheus 2.42 that the subset leaves out, so the message can say so. */
    private static final Set<String> LEFT_OUT = Set.of("holt_winters", "label_values", "days_in_month",
            "day_of_month", "day_of_year", "month", "year", "acos", "acosh", "asin", "asinh", "atan", "atanh",
            "cos", "cosh", "sin", "sinh", "tan", "tanh", "deg", "rad", "pi", "histogram_count", "histogram_sum",
            "histogram_fraction", "sort_by_label", "count_values_over_time", "mad_over_time");

    private final Type returns;
    private final List<Type> args;
    /** Arguments that must be given; -1 means the last one repeats (label_join). */
    private final int required;

    Function(Type returns, Type... args) {
        this(returns, args.length, args);
    }

    Function(Type returns, int required, Type... args) {
        this.returns = returns;
        this.args = List.of(args);
        this.required = required;
    }

    public String symbol() {
        return name().toLowerCase(Locale.ROOT);
    }

    Type returns() {
        return returns;
    }

    List<Type> args() {
        return args;
    }

    boolean variadic() {
        return required < 0;
    }

    int minArgs() {
        return required < 0 ? args.size() - 1 : required;
    }

    static Optional<Function> byName(String name) {
        return Arrays.stream(values()).filter(f -> f.symbol().equals(name)).findFirst();
    }

    static boolean isLeftOut(String name) {
        return LEFT_OUT.contains(name);
    }
}
