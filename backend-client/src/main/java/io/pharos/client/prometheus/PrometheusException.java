package io.pharos.client.prometheus;

import io.pharos.client.PeerProblem;

/** A request to a Prometheus server failed: what went wrong, worded for the person who can fix it. */
public final class PrometheusException extends Exception {
    private final transient PeerProblem problem;
    private final boolean tooLarge;

    PrometheusException(PeerProblem problem) {
        this(problem, false);
    }

    PrometheusException(PeerProblem problem, boolean tooLarge) {
        super(problem.message(), null, false, false);
        this.problem = problem;
        this.tooLarge = tooLarge;
    }

    /** The answer was larger than the client takes: a smaller question may do. */
    public boolean tooLarge() {
        return tooLarge;
    }

    public PeerProblem problem() {
        return problem;
    }
}
