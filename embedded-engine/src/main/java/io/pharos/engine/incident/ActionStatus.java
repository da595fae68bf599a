package io.pharos.engine.incident;

import java.util.Locale;

/** Where a proposed response is. */
public enum ActionStatus {
    /** Within policy, waiting for a person's approval. */
    PROPOSED,
    /** Beyond the policy's limits: will not run. */
    REFUSED,
    /** Turned down by a person. */
    REJECTED,
    /** Approved (by a person or by policy), about to run. */
    APPROVED,
    /** Running; an action found in this state after a restart was interrupted (see ResponseService#recover). */
    EXECUTING,
    SUCCEEDED,
    FAILED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean finished() {
        return this == REFUSED || this == REJECTED || this == SUCCEEDED || this == FAILED;
    }
}
