package io.pharos.engine.incident;

import java.util.List;
import java.util.Objects;

/**
 * What people write after an incident: a summary, the root cause and follow-up work. An incident is
 * closed only once it has one; the Markdown export ({@link PostmortemMarkdown}) adds the impact,
 * timeline and actions recorded by Pharos.
 */
public record Postmortem(String summary, String rootCause, List<FollowUp> followUps, String author, long writtenAtMs) {

    /** A piece of follow-up work, with an owner when one was named. */
    public record FollowUp(String text, String owner) {
        public FollowUp {
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException("a follow-up needs a text");
            }
        }
    }

    public Postmortem {
        if (summary == null || summary.isBlank()) {
            throw new IllegalArgumentException("a postmortem needs a summary");
        }
        rootCause = Objects.requireNonNullElse(rootCause, "");
        followUps = List.copyOf(followUps);
    }
}
