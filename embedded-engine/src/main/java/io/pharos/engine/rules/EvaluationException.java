package io.pharos.engine.rules;

/**
 * An expression that parsed but cannot be evaluated on the data at hand, such as a one-to-one
 * match that finds two series on one side. The rule is reported failing; other rules go on.
 */
public final class EvaluationException extends RuntimeException {
    public EvaluationException(String message) {
        super(message);
    }
}
