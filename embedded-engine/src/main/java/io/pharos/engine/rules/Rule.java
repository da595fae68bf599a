package io.pharos.engine.rules;

import java.util.Map;

/** A rule of a rule group: it records a series or raises alerts. {@code location} is where it was defined. */
public sealed interface Rule {
    String name();

    Expr expr();

    /** The expression as written. */
    String exprText();

    Map<String, String> labels();

    String location();

    /** {@code record:} a new series from an expression, evaluated every group interval. */
    record Recording(String name, Expr expr, String exprText, Map<String, String> labels, String location)
            implements Rule {
        public Recording {
            labels = Map.copyOf(labels);
        }
    }

    /**
     * {@code alert:} each series the expression returns is an alert, pending for {@code forMs} before
     * it fires and kept firing {@code keepFiringForMs} after its condition stops holding.
     */
    record Alerting(String name, Expr expr, String exprText, long forMs, long keepFiringForMs,
                    Map<String, String> labels, Map<String, String> annotations, String location) implements Rule {
        public Alerting {
            labels = Map.copyOf(labels);
            annotations = Map.copyOf(annotations);
        }
    }
}
