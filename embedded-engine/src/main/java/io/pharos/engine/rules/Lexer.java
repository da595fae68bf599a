package io.pharos.engine.rules;

import io.pharos.engine.rules.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/** Splits an expression into tokens, PromQL's way: '#' comments, three string quotes, durations. */
final class Lexer {
    private final String text;
    private int pos;
    /** Inside [...], ':' separates a subquery's range and step instead of starting a name. */
    private int bracketDepth;

    private Lexer(String text) {
        this.text = text;
    }

    static List<Token> tokens(String text) {
        Lexer l = new Lexer(text);
        List<Token> out = new ArrayList<>();
        Token t;
        do {
            t = l.next();
            out.add(t);
        } while (!t.is(Kind.EOF));
        return out;
    }

    private Token next() {
        skipSpaceAndComments();
        if (pos >= text.length()) {
            return new Token(Kind.EOF, "", pos);
        }
        int start = pos;
        char c = text.charAt(pos);
        if (c == ':' && bracketDepth > 0) {
            pos++;
            return new Token(Kind.COLON, ":", start);
        }
        if (Character.isLetter(c) || c == '_' || c == ':') {
            while (pos < text.length() && isNameChar(text.charAt(pos))) {
                pos++;
            }
            String word = text.substring(start, pos);
            if (word.equalsIgnoreCase("inf") || word.equalsIgnoreCase("nan")) {
                return new Token(Kind.NUMBER, word, start);
            }
            return new Token(Kind.IDENTIFIER, word, start);
        }
        if (Character.isDigit(c) || (c == '.' && pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1)))) {
            return number(start);
        }
        if (c == '"' || c == '\'' || c == '`') {
            return string(start, c);
        }
        pos++;
        return switch (c) {
            case '(' -> new Token(Kind.LEFT_PAREN, "(", start);
            case ')' -> new Token(Kind.RIGHT_PAREN, ")", start);
            case '{' -> new Token(Kind.LEFT_BRACE, "{", start);
            case '}' -> new Token(Kind.RIGHT_BRACE, "}", start);
            case '[' -> {
                bracketDepth++;
                yield new Token(Kind.LEFT_BRACKET, "[", start);
            }
            case ']' -> {
                bracketDepth = Math.max(0, bracketDepth - 1);
                yield new Token(Kind.RIGHT_BRACKET, "]", start);
            }
            case ',' -> new Token(Kind.COMMA, ",", start);
            case '+' -> new Token(Kind.ADD, "+", start);
            case '-' -> new Token(Kind.SUB, "-", start);
            case '*' -> new Token(Kind.MUL, "*", start);
            case '/' -> new Token(Kind.DIV, "/", start);
            case '%' -> new Token(Kind.MOD, "%", start);
            case '^' -> new Token(Kind.POW, "^", start);
            case '@' -> new Token(Kind.AT, "@", start);
            case '=' -> follows('=') ? new Token(Kind.EQL, "==", start)
                    : follows('~') ? new Token(Kind.EQL_REGEX, "=~", start) : new Token(Kind.ASSIGN, "=", start);
            case '!' -> {
                if (follows('=')) {
                    yield new Token(Kind.NEQ, "!=", start);
                }
                if (follows('~')) {
                    yield new Token(Kind.NEQ_REGEX, "!~", start);
                }
                throw new RuleSyntaxException(text, start, "unexpected character '!'");
            }
            case '>' -> follows('=') ? new Token(Kind.GTE, ">=", start) : new Token(Kind.GTR, ">", start);
            case '<' -> follows('=') ? new Token(Kind.LTE, "<=", start) : new Token(Kind.LSS, "<", start);
            default -> throw new RuleSyntaxException(text, start, "unexpected character '" + c + "'");
        };
    }

    private boolean follows(char c) {
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void skipSpaceAndComments() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '#') {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == ':';
    }

    /** A number, or a duration when a unit follows the digits directly (5m, 1h30m, 250ms). */
    private Token number(int start) {
        if (text.startsWith("0x", pos) || text.startsWith("0X", pos)) {
            pos += 2;
            while (pos < text.length() && Character.digit(text.charAt(pos), 16) >= 0) {
                pos++;
            }
            return new Token(Kind.NUMBER, text.substring(start, pos), start);
        }
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        if (pos < text.length() && isUnitStart(pos)) {
            while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || isUnitStart(pos))) {
                pos += text.startsWith("ms", pos) ? 2 : 1;
            }
            return new Token(Kind.DURATION, text.substring(start, pos), start);
        }
        if (pos < text.length() && text.charAt(pos) == '.') {
            pos++;
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            int mark = pos;
            pos++;
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                pos++;
            }
            if (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                    pos++;
                }
            } else {
                pos = mark;
            }
        }
        return new Token(Kind.NUMBER, text.substring(start, pos), start);
    }

    private boolean isUnitStart(int at) {
        char c = text.charAt(at);
        boolean unit = c == 'y' || c == 'w' || c == 'd' || c == 'h' || c == 'm' || c == 's';
        // "5m" is a duration, "5mins" is not: the unit must not run on into a name.
        if (!unit) {
            return false;
        }
        int end = text.startsWith("ms", at) ? at + 2 : at + 1;
        return end >= text.length() || !Character.isLetter(text.charAt(end)) || isUnitStart(end);
    }

    private Token string(int start, char quote) {
        pos++;
        StringBuilder sb = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == quote) {
                return new Token(Kind.STRING, sb.toString(), start);
            }
            if (c == '\\' && quote != '`') {
                if (pos >= text.length()) {
                    break;
                }
                char e = text.charAt(pos++);
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    case '\\', '"', '\'' -> sb.append(e);
                    default -> throw new RuleSyntaxException(text, pos - 2, "unknown escape sequence '\\" + e + "'");
                }
            } else if (c == '\n' && quote != '`') {
                throw new RuleSyntaxException(text, start, "unterminated string (a line break inside quotes)");
            } else {
                sb.append(c);
            }
        }
        throw new RuleSyntaxException(text, start, "unterminated string");
    }
}
