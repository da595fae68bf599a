package io.pharos.client.prometheus;

import io.pharos.client.PeerProblem;

/** A request to a Prometheus server failed: what went wrong, worded for the person who can fix it. */
public final class PrometheusException extends Exception {
    private final transient PeerProblem problem;

    PrometheusException(PeerProblem problem) {
        super(problem.message(), null, false, false);
        this.problem = problem;
    }

    public PeerProblem problem() {
        return problem;
    }
}
