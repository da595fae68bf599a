package io.pharos.app;

import io.pharos.engine.model.Durations;
import io.pharos.engine.snapshot.Manifest;
import io.pharos.engine.store.PrintableText;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What a snapshot holds, in one line for the banner of its console (the file's text kept printable). */
final class SnapshotDescription {
    private static final DateTimeFormatter MADE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT);

    private SnapshotDescription() {
    }

    static String of(Manifest m, ZoneId zone) {
        List<String> parts = new ArrayList<>();
        String made;
        try {
            made = MADE.format(Instant.parse(m.createdAt()).atZone(zone));
        } catch (RuntimeException e) {
            made = PrintableText.of(m.createdAt(), 40);
        }
        parts.add("made " + made + " by " + PrintableText.of(m.application(), 40) + " "
                + PrintableText.of(m.applicationVersion(), 40));
        parts.add(m.raw() ? "raw samples" : "steps of " + Durations.human(m.resolutionMs()));
        Manifest.Content c = m.content();
        parts.add(String.format(Locale.ROOT, "%,d series, %,d samples", c.series(), c.samples() + c.buckets()));
        if (!m.sources().isEmpty()) {
            parts.add("from " + String.join(", ", m.sources().stream().map(s -> PrintableText.of(s.name(), 60)
                    + (s.simulated() && !s.name().contains("simulated") ? " (simulated)" : "")).toList()));
        }
        if (m.redaction() != null) {
            parts.add("pseudonyms for " + String.join(", ", m.redaction().labels()));
        }
        if (m.note() != null && !m.note().isBlank()) {
            parts.add("note: " + PrintableText.of(m.note(), 200));
        }
        parts.add("not verified on opening: ./pharos snapshot inspect checks its digest and signature");
        return String.join(" · ", parts);
    }
}
