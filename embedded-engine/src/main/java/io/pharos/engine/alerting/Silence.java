package io.pharos.engine.alerting;

import io.pharos.engine.model.Labels;
import io.pharos.engine.model.Matcher;
import java.util.List;
import java.util.Objects;

/**
 * A silence: alerts whose labels match every matcher are muted between start and end (or, with a
 * recurrence, only in its windows within start and end). Author and reason say who and why.
 */
public record Silence(String id, List<Matcher> matchers, long startMs, long endMs, String author, String reason,
                      Recurrence recurrence) {

    public Silence {
        Objects.requireNonNull(id, "id");
        matchers = List.copyOf(matchers);
        if (matchers.isEmpty()) {
            throw new IllegalArgumentException("a silence needs at least one matcher, or it would mute everything");
        }
        if (endMs <= startMs) {
            throw new IllegalArgumentException("a silence must end after it starts");
        }
        if (author == null || author.isBlank()) {
            throw new IllegalArgumentException("a silence needs an author");
        }
    }

    public boolean matches(Labels alert) {
        for (Matcher m : matchers) {
            if (!m.matches(alert)) {
                return false;
            }
        }
        return true;
    }

    public boolean activeAt(long nowMs) {
        return nowMs >= startMs && nowMs < endMs && (recurrence == null || recurrence.covers(nowMs));
    }

    /**
     * The same silence ending at {@code nowMs}: how a silence is expired early. One that has not started
     * yet gets a window that ended already (a start kept in the future would still mute for a moment).
     */
    public Silence expiredAt(long nowMs) {
        long end = Math.min(endMs, nowMs);
        return new Silence(id, matchers, Math.min(startMs, end - 1), end, author, reason, recurrence);
    }

    String describe() {
        return "silenced by " + author + ": " + reason + " (" + matchers + ")";
    }
}
