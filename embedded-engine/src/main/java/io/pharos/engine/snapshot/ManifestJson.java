package io.pharos.engine.snapshot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.pharos.engine.store.SnapshotFileException;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The manifest's JSON form. Reading treats the text as hostile: bounded nesting, string and number
 * lengths (a crafted manifest cannot exhaust memory or stack), every field checked against what a
 * writer could have written. Fields a later version of the same format adds are ignored.
 */
public final class ManifestJson {
    private static final int MAX_SOURCES = 1_000;
    private static final int MAX_NOTE = 10_000;

    private static final ObjectMapper MAPPER = JsonMapper.builder(bounded())
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
            .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private ManifestJson() {
    }

    /**
     * JSON from a snapshot, which anyone may have written, read within bounds: 8 levels deep, strings of
     * 64 KiB, numbers of 32 digits, 1 MiB in all. The manifest and the state a console reads share them.
     */
    static com.fasterxml.jackson.core.JsonFactory bounded() {
        return com.fasterxml.jackson.core.JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(8)
                        .maxStringLength(64 * 1024)
                        .maxNumberLength(32)
                        .maxDocumentLength(1 << 20)
                        .build())
                .build();
    }

    public static String write(Manifest m) {
        try {
            return MAPPER.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a manifest always serialises", e);
        }
    }

    /** The manifest of {@code file}, or a {@link SnapshotFileException} saying what is wrong with it. */
    public static Manifest read(String json, java.nio.file.Path file) {
        Manifest m;
        try {
            m = MAPPER.readValue(json, Manifest.class);
        } catch (JsonProcessingException e) {
            throw bad(file, "its manifest is not valid (" + shorten(e.getOriginalMessage()) + ")");
        } catch (RuntimeException e) {
            // Jackson wraps constraint violations and record constructor failures in runtime exceptions
            throw bad(file, "its manifest is not valid (" + shorten(e.getMessage()) + ")");
        }
        if (m == null) {
            throw bad(file, "its manifest is empty");
        }
        validate(m, file);
        return m;
    }

    private static void validate(Manifest m, java.nio.file.Path file) {
        if (!Manifest.FORMAT.equals(m.format())) {
            throw bad(file, "its manifest names the format '" + shorten(m.format()) + "'");
        }
        if (m.formatVersion() < 1) {
            throw bad(file, "its manifest has the format version " + m.formatVersion());
        }
        if (m.fromMs() >= m.toMs() || m.resolutionMs() < 0 || m.resolutionMs() > m.toMs() - m.fromMs() + 1) {
            throw bad(file, "its manifest's time range or resolution is impossible");
        }
        try {
            Instant.parse(String.valueOf(m.createdAt()));
            ZoneId.of(String.valueOf(m.createdZone()));
        } catch (java.time.DateTimeException e) {
            throw bad(file, "its manifest's creation time or zone is not valid");
        }
        Manifest.Content c = m.content();
        if (c.series() < 0 || c.chunks() < 0 || c.samples() < 0 || c.rollups() < 0 || c.buckets() < 0 || c.records() < 0
                || c.logs() < 0) {
            throw bad(file, "its manifest's counts are not valid");
        }
        Manifest.Redaction r = m.redaction();
        if (r != null && (r.labels() == null || r.labels().size() > 100 || r.keyFingerprint() == null
                || !r.keyFingerprint().matches("[0-9a-f]{16}")
                || r.labels().stream().anyMatch(l -> l == null || !l.matches("[a-zA-Z_][a-zA-Z0-9_]{0,99}")))) {
            throw bad(file, "its manifest's redaction is not valid");
        }
        if (m.sources().stream().anyMatch(s -> s == null || s.name() == null || s.name().isBlank())) {
            throw bad(file, "its manifest names a source without a name");
        }
        if (m.sources().size() > MAX_SOURCES || (m.note() != null && m.note().length() > MAX_NOTE)) {
            throw bad(file, "its manifest is larger than a snapshot writes");
        }
    }

    private static SnapshotFileException bad(java.nio.file.Path file, String why) {
        return new SnapshotFileException(SnapshotFileException.Kind.UNEXPECTED_CONTENT, file
                + " is not a snapshot Pharos wrote: " + why + ". Ask its sender for the file as Pharos exported it.");
    }

    private static String shorten(String s) {
        if (s == null) {
            return "";
        }
        String one = s.replaceAll("\\s+", " ");
        return one.length() > 120 ? one.substring(0, 120) + "…" : one;
    }
}
