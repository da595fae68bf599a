package io.pharos.engine.rules;

/** One lexical token of an expression: its kind, its text and where it starts. */
record Token(Kind kind, String text, int offset) {

    enum Kind {
        IDENTIFIER, NUMBER, DURATION, STRING,
        LEFT_PAREN, RIGHT_PAREN, LEFT_BRACE, RIGHT_BRACE, LEFT_BRACKET, RIGHT_BRACKET, COMMA, COLON,
        ADD, SUB, MUL, DIV, MOD, POW,
        EQL, NEQ, GTR, LSS, GTE, LTE, ASSIGN, EQL_REGEX, NEQ_REGEX,
        AT, EOF
    }

    boolean is(Kind k) {
        return kind == k;
    }

    /** A keyword is an identifier with that text, in any case, as in PromQL ("ON", "By"). */
    boolean isKeyword(String word) {
        return kind == Kind.IDENTIFIER && text.equalsIgnoreCase(word);
    }

    /** The text in lower case, for keywords and aggregation operators. */
    String lower() {
        return text.toLowerCase(java.util.Locale.ROOT);
    }

    String describe() {
        return switch (kind) {
            case EOF -> "end of expression";
            case STRING -> "string " + text;
            default -> "'" + text + "'";
        };
    }
}
