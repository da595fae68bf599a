package io.pharos.engine.rules;

import io.pharos.engine.model.Matcher;
import io.pharos.engine.rules.Expr.Type;
import io.pharos.engine.rules.Expr.VectorMatching;
import io.pharos.engine.rules.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.PatternSyntaxException;

/**
 * Parses and type-checks an expression of the subset, by precedence climbing. Anything outside
 * the subset (subqueries, {@code @}, left-out functions) is refused with its place and why.
 */
public final class Parser {
    private final String text;
    private final List<Token> tokens;
    private int pos;

    private Parser(String text) {
        this.text = text;
        this.tokens = Lexer.tokens(text);
    }

    /** Parses {@code text}; a {@link RuleSyntaxException} gives the line and column of the problem. */
    public static Expr parse(String text) {
        Parser p = new Parser(text);
        Expr e = p.expression(1);
        if (!p.peek().is(Kind.EOF)) {
            throw p.error(p.peek(), "unexpected " + p.peek().describe() + " after a complete expression");
        }
        if (e.type() == Type.MATRIX) {
            // A rule needs a value per series; a bare range would make every rule ambiguous.
            throw p.error(e.offset(), "a range vector cannot be the result of an expression; apply a function such"
                    + " as rate() or avg_over_time() to it");
        }
        return e;
    }

    // ------------------------------------------------------------------ helpers

    private Token peek() {
        return tokens.get(pos);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    private Token advance() {
        Token t = tokens.get(pos);
        if (!t.is(Kind.EOF)) {
            pos++;
        }
        return t;
    }

    private Token expect(Kind kind, String what) {
        Token t = peek();
        if (!t.is(kind)) {
            throw error(t, "expected " + what + " but found " + t.describe());
        }
        return advance();
    }

    private RuleSyntaxException error(Token t, String reason) {
        return new RuleSyntaxException(text, t.offset(), reason);
    }

    private RuleSyntaxException error(int offset, String reason) {
        return new RuleSyntaxException(text, offset, reason);
    }

    // ------------------------------------------------------------------ binary expressions

    private Expr expression(int minPrecedence) {
        Expr lhs = unary();
        while (true) {
            Token t = peek();
            Optional<BinaryOp> maybe = binaryOp(t);
            if (maybe.isEmpty() || maybe.get().precedence() < minPrecedence) {
                return lhs;
            }
            BinaryOp op = maybe.get();
            advance();
            boolean returnBool = false;
            if (peek().isKeyword("bool")) {
                if (!op.isComparison()) {
                    throw error(peek(), "bool is only allowed after a comparison operator");
                }
                advance();
                returnBool = true;
            }
            VectorMatching matching = matching(op);
            int next = op.isRightAssociative() ? op.precedence() : op.precedence() + 1;
            Expr rhs = expression(next);
            lhs = binary(op, lhs, rhs, returnBool, matching, t);
        }
    }

    private static Optional<BinaryOp> binaryOp(Token t) {
        return Optional.ofNullable(switch (t.kind()) {
            case ADD -> BinaryOp.ADD;
            case SUB -> BinaryOp.SUB;
            case MUL -> BinaryOp.MUL;
            case DIV -> BinaryOp.DIV;
            case MOD -> BinaryOp.MOD;
            case POW -> BinaryOp.POW;
            case EQL -> BinaryOp.EQL;
            case NEQ -> BinaryOp.NEQ;
            case GTR -> BinaryOp.GTR;
            case LSS -> BinaryOp.LSS;
            case GTE -> BinaryOp.GTE;
            case LTE -> BinaryOp.LTE;
            case IDENTIFIER -> switch (t.lower()) {
                case "and" -> BinaryOp.AND;
                case "or" -> BinaryOp.OR;
                case "unless" -> BinaryOp.UNLESS;
                case "atan2" -> BinaryOp.ATAN2;
                default -> null;
            };
            default -> null;
        });
    }

    /** Optional on/ignoring (labels) and group_left/group_right (labels) after an operator. */
    private VectorMatching matching(BinaryOp op) {
        Token t = peek();
        if (!t.isKeyword("on") && !t.isKeyword("ignoring")) {
            if (peek().isKeyword("group_left") || peek().isKeyword("group_right")) {
                throw error(peek(), peek().lower() + " needs on(...) or ignoring(...) before it");
            }
            return null;
        }
        advance();
        boolean on = t.isKeyword("on");
        List<String> labels = labelList();
        VectorMatching.Cardinality card = op.isSetOperator() ? VectorMatching.Cardinality.MANY_TO_MANY
                : VectorMatching.Cardinality.ONE_TO_ONE;
        List<String> include = List.of();
        Token g = peek();
        if (g.isKeyword("group_left") || g.isKeyword("group_right")) {
            if (op.isSetOperator()) {
                throw error(g, "no grouping allowed for set operator '" + op.symbol() + "'");
            }
            advance();
            card = g.isKeyword("group_left") ? VectorMatching.Cardinality.MANY_TO_ONE
                    : VectorMatching.Cardinality.ONE_TO_MANY;
            include = peek().is(Kind.LEFT_PAREN) ? labelList() : List.of();
        }
        return new VectorMatching(card, labels, on, include);
    }

    private List<String> labelList() {
        expect(Kind.LEFT_PAREN, "'(' and a list of label names");
        List<String> names = new ArrayList<>();
        while (!peek().is(Kind.RIGHT_PAREN)) {
            Token n = expect(Kind.IDENTIFIER, "a label name");
            names.add(n.text());
            if (!peek().is(Kind.COMMA)) {
                break;
            }
            advance();
        }
        expect(Kind.RIGHT_PAREN, "')' closing the label list");
        return List.copyOf(names);
    }

    private Expr binary(BinaryOp op, Expr lhs, Expr rhs, boolean returnBool, VectorMatching matching, Token at) {
        for (Expr side : List.of(lhs, rhs)) {
            if (side.type() != Type.SCALAR && side.type() != Type.VECTOR) {
                throw error(side.offset(), "binary expression must contain only scalar and instant vector types,"
                        + " found a " + describe(side.type()));
            }
        }
        boolean bothVectors = lhs.type() == Type.VECTOR && rhs.type() == Type.VECTOR;
        if (op.isSetOperator() && !bothVectors) {
            throw error(at, "set operator '" + op.symbol() + "' needs instant vectors on both sides");
        }
        if (op.isComparison() && !returnBool && lhs.type() == Type.SCALAR && rhs.type() == Type.SCALAR) {
            throw error(at, "comparisons between scalars must use the bool modifier");
        }
        if (matching != null && !bothVectors) {
            throw error(at, "vector matching (on/ignoring) only applies between two instant vectors");
        }
        if (bothVectors && matching == null) {
            matching = VectorMatching.defaultFor(op);
        }
        if (matching != null && matching.cardinality() != VectorMatching.Cardinality.MANY_TO_MANY && matching.on()) {
            for (String l : matching.include()) {
                if (matching.labels().contains(l)) {
                    throw error(at, "label '" + l + "' must not occur in both on() and group_left/right()");
                }
            }
        }
        return new Expr.Binary(op, lhs, rhs, returnBool, matching, lhs.offset());
    }

    // ------------------------------------------------------------------ unary and postfix

    private Expr unary() {
        Token t = peek();
        if (t.is(Kind.SUB) || t.is(Kind.ADD)) {
            advance();
            // -2^2 is -(2^2) in PromQL: the sign applies to a whole power expression.
            Expr operand = expression(BinaryOp.POW.precedence());
            if (operand.type() != Type.SCALAR && operand.type() != Type.VECTOR) {
                throw error(t, "unary '" + t.text() + "' needs a scalar or an instant vector");
            }
            if (t.is(Kind.ADD)) {
                return operand;
            }
            if (operand instanceof Expr.NumberLiteral n) {
                return new Expr.NumberLiteral(-n.value(), t.offset());
            }
            return new Expr.Unary(true, operand, t.offset());
        }
        return postfix(primary());
    }

    private Expr postfix(Expr e) {
        while (true) {
            Token t = peek();
            if (t.is(Kind.LEFT_BRACKET)) {
                advance();
                long range = duration(expect(Kind.DURATION, "a duration such as 5m"));
                if (peek().is(Kind.COLON)) {
                    throw error(peek(), "subqueries ([range:step]) are not in Pharos' PromQL subset; record the inner"
                            + " expression with a recording rule and use a range selector on it");
                }
                expect(Kind.RIGHT_BRACKET, "']'");
                if (!(e instanceof Expr.VectorSelector vs)) {
                    throw error(t, "ranges only allowed for vector selectors");
                }
                if (range <= 0) {
                    throw error(t, "the range must be positive");
                }
                e = new Expr.MatrixSelector(vs, range, vs.offset());
            } else if (t.isKeyword("offset")) {
                advance();
                boolean negative = false;
                if (peek().is(Kind.SUB)) {
                    advance();
                    negative = true;
                }
                long off = duration(expect(Kind.DURATION, "a duration after offset"));
                e = withOffset(e, negative ? -off : off, t);
            } else if (t.is(Kind.AT)) {
                throw error(t, "the @ modifier is not in Pharos' PromQL subset");
            } else {
                return e;
            }
        }
    }

    private Expr withOffset(Expr e, long offsetMs, Token at) {
        if (e instanceof Expr.VectorSelector vs) {
            if (vs.offsetMs() != 0) {
                throw error(at, "offset may not be set multiple times");
            }
            return new Expr.VectorSelector(vs.name(), vs.matchers(), offsetMs, vs.offset());
        }
        if (e instanceof Expr.MatrixSelector ms) {
            if (ms.selector().offsetMs() != 0) {
                throw error(at, "offset may not be set multiple times");
            }
            return new Expr.MatrixSelector(new Expr.VectorSelector(ms.selector().name(), ms.selector().matchers(),
                    offsetMs, ms.selector().offset()), ms.rangeMs(), ms.offset());
        }
        throw error(at, "offset modifier must be preceded by an instant vector selector or range vector selector");
    }

    // ------------------------------------------------------------------ primaries

    private Expr primary() {
        Token t = peek();
        switch (t.kind()) {
            case NUMBER -> {
                advance();
                return new Expr.NumberLiteral(number(t), t.offset());
            }
            case STRING -> {
                advance();
                return new Expr.StringLiteral(t.text(), t.offset());
            }
            case DURATION -> throw error(t, "unexpected duration " + t.text() + " (durations go in [..] or after offset)");
            case LEFT_PAREN -> {
                advance();
                Expr inner = expression(1);
                expect(Kind.RIGHT_PAREN, "')'");
                return new Expr.Paren(inner, t.offset());
            }
            case LEFT_BRACE -> {
                return selector(null, t);
            }
            case IDENTIFIER -> {
                Optional<AggregateOp> agg = AggregateOp.byName(t.lower());
                Token next = peek(1);
                if (agg.isPresent() && (next.is(Kind.LEFT_PAREN) || next.isKeyword("by") || next.isKeyword("without"))) {
                    return aggregate(agg.get());
                }
                if (next.is(Kind.LEFT_PAREN)) {
                    return call();
                }
                if (isKeyword(t.lower())) {
                    throw error(t, "unexpected keyword '" + t.text() + "'");
                }
                advance();
                return selector(t.text(), t);
            }
            case EOF -> throw error(t, "unexpected end of expression");
            default -> throw error(t, "unexpected " + t.describe());
        }
    }

    private static boolean isKeyword(String word) {
        return switch (word) {
            case "and", "or", "unless", "by", "without", "on", "ignoring", "group_left", "group_right", "bool",
                 "offset", "atan2" -> true;
            default -> false;
        };
    }

    private Expr.VectorSelector selector(String name, Token start) {
        List<Matcher> matchers = new ArrayList<>();
        if (name != null) {
            matchers.add(Matcher.metric(name));
        }
        if (peek().is(Kind.LEFT_BRACE)) {
            advance();
            while (!peek().is(Kind.RIGHT_BRACE)) {
                Token label = expect(Kind.IDENTIFIER, "a label name");
                Token op = advance();
                Token value = expect(Kind.STRING, "a quoted label value");
                if (label.text().equals(Matcher.NAME) && name != null) {
                    throw error(label, "metric name given twice: as " + name + " and as __name__");
                }
                matchers.add(matcher(label, op, value));
                if (!peek().is(Kind.COMMA)) {
                    break;
                }
                advance();
            }
            expect(Kind.RIGHT_BRACE, "'}' or ','");
        }
        if (matchers.isEmpty()) {
            throw error(start, "a vector selector needs a metric name or at least one label matcher");
        }
        boolean anyNonEmpty = false;
        for (Matcher m : matchers) {
            anyNonEmpty |= !m.matches(io.pharos.engine.model.Labels.EMPTY); // Prometheus: at least one matcher must not match the empty value
        }
        if (!anyNonEmpty) {
            throw error(start, "a vector selector must contain at least one matcher that does not match the empty"
                    + " value (for example job=\"node\")");
        }
        return new Expr.VectorSelector(name, List.copyOf(matchers), 0, start.offset());
    }

    private Matcher matcher(Token label, Token op, Token value) {
        try {
            return switch (op.kind()) {
                case ASSIGN -> Matcher.eq(label.text(), value.text());
                case NEQ -> Matcher.neq(label.text(), value.text());
                case EQL_REGEX -> Matcher.regex(label.text(), value.text());
                case NEQ_REGEX -> Matcher.notRegex(label.text(), value.text());
                default -> throw error(op, "expected a label matching operator (=, !=, =~, !~) but found "
                        + op.describe());
            };
        } catch (PatternSyntaxException e) {
            throw error(value, "invalid regular expression: " + e.getDescription());
        }
    }

    private Expr aggregate(AggregateOp op) {
        Token start = advance();
        List<String> grouping = List.of();
        boolean without = false;
        boolean groupingSeen = false;
        if (peek().isKeyword("by") || peek().isKeyword("without")) {
            without = advance().isKeyword("without");
            grouping = labelList();
            groupingSeen = true;
        }
        expect(Kind.LEFT_PAREN, "'(' after " + op.symbol());
        Expr param = null;
        if (op.parameter() != null) {
            param = expression(1);
            expect(Kind.COMMA, "',' after the parameter of " + op.symbol());
            if (param.type() != op.parameter()) {
                throw error(param.offset(), op.symbol() + " needs a " + describe(op.parameter()) + " parameter, found a "
                        + describe(param.type()));
            }
        }
        Expr inner = expression(1);
        expect(Kind.RIGHT_PAREN, "')' closing " + op.symbol() + "(...)");
        if (inner.type() != Type.VECTOR) {
            throw error(inner.offset(), op.symbol() + " aggregates an instant vector, found a " + describe(inner.type()));
        }
        if (peek().isKeyword("by") || peek().isKeyword("without")) {
            if (groupingSeen) {
                throw error(peek(), "by/without given twice");
            }
            without = advance().isKeyword("without");
            grouping = labelList();
        }
        return new Expr.Aggregate(op, inner, param, grouping, without, start.offset());
    }

    private Expr call() {
        Token name = advance();
        Optional<Function> f = Function.byName(name.text());
        if (f.isEmpty()) {
            if (Function.isLeftOut(name.text())) {
                throw error(name, "function " + name.text() + "() is not in Pharos' PromQL subset");
            }
            throw error(name, "unknown function " + name.text() + "()");
        }
        Function fn = f.get();
        expect(Kind.LEFT_PAREN, "'('");
        List<Expr> args = new ArrayList<>();
        while (!peek().is(Kind.RIGHT_PAREN)) {
            args.add(expression(1));
            if (!peek().is(Kind.COMMA)) {
                break;
            }
            advance();
        }
        expect(Kind.RIGHT_PAREN, "')' closing " + fn.symbol() + "(...)");
        int max = fn.args().size();
        if (args.size() < fn.minArgs() || (!fn.variadic() && args.size() > max)) {
            String expected = fn.minArgs() == max ? Integer.toString(max)
                    : fn.variadic() ? "at least " + fn.minArgs() : fn.minArgs() + " to " + max;
            throw error(name, fn.symbol() + "() takes " + expected + " argument" + (max == 1 ? "" : "s") + ", got "
                    + args.size());
        }
        for (int i = 0; i < args.size(); i++) {
            Type want = fn.args().get(Math.min(i, max - 1));
            Expr a = args.get(i);
            if (a.type() != want) {
                throw error(a.offset(), "argument " + (i + 1) + " of " + fn.symbol() + "() must be a " + describe(want)
                        + ", found a " + describe(a.type()));
            }
        }
        return new Expr.Call(fn, List.copyOf(args), name.offset());
    }

    private static String describe(Type t) {
        return switch (t) {
            case SCALAR -> "scalar";
            case VECTOR -> "instant vector";
            case MATRIX -> "range vector";
            case STRING -> "string";
        };
    }

    private double number(Token t) {
        String s = t.text();
        if (s.equalsIgnoreCase("inf")) {
            return Double.POSITIVE_INFINITY;
        }
        if (s.equalsIgnoreCase("nan")) {
            return Double.NaN;
        }
        try {
            if (s.startsWith("0x") || s.startsWith("0X")) {
                return Long.parseLong(s.substring(2), 16);
            }
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw error(t, "invalid number " + s);
        }
    }

    private long duration(Token t) {
        try {
            return PromDuration.parseMillis(t.text());
        } catch (IllegalArgumentException e) {
            throw error(t, e.getMessage());
        }
    }
}
