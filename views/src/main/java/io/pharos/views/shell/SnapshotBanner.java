package io.pharos.views.shell;

import java.time.Instant;
import java.util.Objects;

/**
 * What a console opened on a snapshot says above its screens: that it is read-only, what the
 * snapshot holds ({@code title}: its file; {@code details}: when and by what it was made, its range,
 * resolution, counts, note), and the range its time is fixed to.
 */
public record SnapshotBanner(String title, String details, Instant from, Instant to) {
    public SnapshotBanner {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(details, "details");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("the snapshot's range ends before it starts");
        }
    }
}
