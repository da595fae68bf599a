package io.pharos.views.shell;

import java.util.Objects;

/**
 * A message the shell shows over every screen until it is dismissed or acted on (new critical
 * alerts): its text, and what its button says and does.
 */
public record Notice(String text, String actionText, Runnable action) {
    public Notice {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(actionText, "actionText");
        Objects.requireNonNull(action, "action");
    }
}
