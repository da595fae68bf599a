package io.pharos.engine.rules;

import java.util.Arrays;
import java.util.Optional;

/** Aggregation operators of the subset; some take a parameter (topk's k, quantile's φ). */
public enum AggregateOp {
    SUM, AVG, MIN, MAX, COUNT, GROUP, STDDEV, STDVAR, TOPK(Expr.Type.SCALAR), BOTTOMK(Expr.Type.SCALAR),
    QUANTILE(Expr.Type.SCALAR), COUNT_VALUES(Expr.Type.STRING);

    private final Expr.Type parameter;

    AggregateOp() {
        this(null);
    }

    AggregateOp(Expr.Type parameter) {
        this.parameter = parameter;
    }

    /** The parameter's type, or null when the operator takes none. */
    Expr.Type parameter() {
        return parameter;
    }

    String symbol() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static Optional<AggregateOp> byName(String name) {
        return Arrays.stream(values()).filter(o -> o.symbol().equals(name)).findFirst();
    }
}
