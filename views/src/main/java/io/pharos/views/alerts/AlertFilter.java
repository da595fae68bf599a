package io.pharos.views.alerts;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What the queue shows: some states, one severity or all, and a search every word of which must
 * appear in the alert's labels, summary, state, owner or muting reason.
 *
 * @param severity "critical", "warning", "info", or "" for every severity
 */
public record AlertFilter(Set<QueueState> states, String severity, String search) {
    public static final AlertFilter ALL = new AlertFilter(EnumSet.allOf(QueueState.class), "", "");

    public AlertFilter {
        states = states.isEmpty() ? EnumSet.noneOf(QueueState.class) : EnumSet.copyOf(states);
        severity = severity == null ? "" : severity.toLowerCase(Locale.ROOT);
        search = search == null ? "" : search.strip().toLowerCase(Locale.ROOT);
    }

    public boolean test(AlertItem item) {
        if (!states.contains(item.state()) || (!severity.isEmpty() && !severity.equals(item.severity()))) {
            return false;
        }
        if (search.isEmpty()) {
            return true;
        }
        String text = item.searchText();
        return Arrays.stream(search.split("\\s+")).allMatch(text::contains);
    }
}
