package io.pharos.engine.rules;

/** Binary operators with PromQL's precedence (higher binds tighter). */
public enum BinaryOp {
    OR("or", 1), AND("and", 2), UNLESS("unless", 2),
    EQL("==", 3), NEQ("!=", 3), GTR(">", 3), LSS("<", 3), GTE(">=", 3), LTE("<=", 3),
    ADD("+", 4), SUB("-", 4),
    MUL("*", 5), DIV("/", 5), MOD("%", 5), ATAN2("atan2", 5),
    POW("^", 6);

    private final String symbol;
    private final int precedence;

    BinaryOp(String symbol, int precedence) {
        this.symbol = symbol;
        this.precedence = precedence;
    }

    public String symbol() {
        return symbol;
    }

    int precedence() {
        return precedence;
    }

    boolean isRightAssociative() {
        return this == POW;
    }

    boolean isComparison() {
        return precedence == 3;
    }

    boolean isSetOperator() {
        return this == OR || this == AND || this == UNLESS;
    }

    /** Applies an arithmetic or comparison operator; comparisons give 1 or 0. */
    double apply(double a, double b) {
        return switch (this) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case MOD -> a % b;
            case POW -> Math.pow(a, b);
            case ATAN2 -> Math.atan2(a, b);
            case EQL -> a == b ? 1 : 0;
            case NEQ -> a != b ? 1 : 0;
            case GTR -> a > b ? 1 : 0;
            case LSS -> a < b ? 1 : 0;
            case GTE -> a >= b ? 1 : 0;
            case LTE -> a <= b ? 1 : 0;
            case OR, AND, UNLESS -> throw new IllegalStateException("set operators apply to vectors only");
        };
    }
}
