package io.pharos.engine.rules;

/**
 * Something in a rule file that Pharos refused, with its place (1-based line and column; 0 when the
 * whole file is concerned) and the rule it belongs to, if any. The other rules keep working.
 */
public record RuleProblem(String file, int line, int column, String rule, String message) {

    @Override
    public String toString() {
        String where = line > 0 ? file + ":" + line + ":" + column : file;
        return where + ": " + (rule == null ? "" : "rule " + rule + ": ") + message;
    }
}
