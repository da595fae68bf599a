package io.pharos.engine.rules;

/**
 * An expression Pharos cannot parse or does not support, with the place: {@code line} and
 * {@code column} are 1-based within the expression text (a rule file loader shifts them to the
 * file's). The message says what was expected or what the subset lacks.
 */
public final class RuleSyntaxException extends RuntimeException {
    private final int offset;
    private final int line;
    private final int column;
    private final String reason;

    RuleSyntaxException(String text, int offset, String reason) {
        super(null, null, false, false);
        this.offset = offset;
        int l = 1;
        int c = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                l++;
                c = 1;
            } else {
                c++;
            }
        }
        this.line = l;
        this.column = c;
        this.reason = reason;
    }

    /** Offset of the problem in the expression text, from 0. */
    public int offset() {
        return offset;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** What is wrong, without the place. */
    public String reason() {
        return reason;
    }

    @Override
    public String getMessage() {
        return line + ":" + column + ": " + reason;
    }
}
