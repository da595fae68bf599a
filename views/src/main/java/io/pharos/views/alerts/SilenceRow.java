package io.pharos.views.alerts;

import java.util.List;

/**
 * One active silence as the silences list shows it. Immutable; two rows are equal when nothing shown
 * about them changed, so the list is left alone between minutes.
 *
 * @param matchers as written in a selector: {@code service="checkout", region=~"eu-.*"}
 * @param started when it began, or "starts …" for one that has not begun yet, in the console's zone
 * @param ends "in 1 h 12 min · 13:12:00 UTC"
 * @param mutes how many alerts of the queue (pending or firing) it mutes now
 * @param unmutedByEnding the alerts that no other silence holds: what notifies again when it ends
 */
public record SilenceRow(String id, String matchers, String author, String reason, String started, String ends,
                         int mutes, List<String> unmutedByEnding) {
    public SilenceRow {
        unmutedByEnding = List.copyOf(unmutedByEnding);
    }
}
