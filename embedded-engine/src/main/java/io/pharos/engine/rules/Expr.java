package io.pharos.engine.rules;

import io.pharos.engine.model.Matcher;
import java.util.List;

/**
 * A parsed expression of Pharos' PromQL subset (docs/rules.md). Each node knows the type of
 * value it yields, checked when parsing, and where it starts in the text.
 */
public sealed interface Expr {

    /** What an expression yields, as in PromQL. */
    enum Type { SCALAR, VECTOR, MATRIX, STRING }

    Type type();

    int offset();

    record NumberLiteral(double value, int offset) implements Expr {
        @Override
        public Type type() {
            return Type.SCALAR;
        }
    }

    record StringLiteral(String value, int offset) implements Expr {
        @Override
        public Type type() {
            return Type.STRING;
        }
    }

    /** {@code name{matchers} offset d}: the matchers include the name as {@code __name__}. */
    record VectorSelector(String name, List<Matcher> matchers, long offsetMs, int offset) implements Expr {
        @Override
        public Type type() {
            return Type.VECTOR;
        }
    }

    /** {@code selector[range]}. */
    record MatrixSelector(VectorSelector selector, long rangeMs, int offset) implements Expr {
        @Override
        public Type type() {
            return Type.MATRIX;
        }
    }

    record Call(Function function, List<Expr> args, int offset) implements Expr {
        @Override
        public Type type() {
            return function.returns();
        }
    }

    /** {@code op by|without (labels) (param, expr)}; {@code param} is null for most operators. */
    record Aggregate(AggregateOp op, Expr expr, Expr param, List<String> grouping, boolean without, int offset)
            implements Expr {
        @Override
        public Type type() {
            return Type.VECTOR;
        }
    }

    record Unary(boolean negate, Expr expr, int offset) implements Expr {
        @Override
        public Type type() {
            return expr.type();
        }
    }

    /** A binary operation; {@code matching} is null unless both sides are vectors. */
    record Binary(BinaryOp op, Expr lhs, Expr rhs, boolean returnBool, VectorMatching matching, int offset)
            implements Expr {
        @Override
        public Type type() {
            return lhs.type() == Type.SCALAR && rhs.type() == Type.SCALAR ? Type.SCALAR : Type.VECTOR;
        }
    }

    record Paren(Expr expr, int offset) implements Expr {
        @Override
        public Type type() {
            return expr.type();
        }
    }

    /** How two vectors are matched: on/ignoring labels, and which side may have many per match. */
    record VectorMatching(Cardinality cardinality, List<String> labels, boolean on, List<String> include) {
        enum Cardinality { ONE_TO_ONE, MANY_TO_ONE, ONE_TO_MANY, MANY_TO_MANY }

        static VectorMatching defaultFor(BinaryOp op) {
            return new VectorMatching(op.isSetOperator() ? Cardinality.MANY_TO_MANY : Cardinality.ONE_TO_ONE,
                    List.of(), false, List.of());
        }
    }
}
