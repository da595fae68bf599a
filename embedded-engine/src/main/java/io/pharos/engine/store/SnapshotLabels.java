package io.pharos.engine.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.pharos.engine.model.Labels;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A series' labels in a snapshot file: one flat JSON object of strings, names sorted, so that tools
 * read them with any JSON library (or SQLite's json_extract). Read strictly: anything but a flat
 * object of distinct, sorted, valid names with string values is refused.
 */
final class SnapshotLabels {
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(2)
                    .maxStringLength(SnapshotSchema.MAX_LABELS_BYTES).build())
            .build();

    private SnapshotLabels() {
    }

    static String write(Labels labels) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            for (int i = 0; i < labels.size(); i++) {
                g.writeStringField(labels.name(i), labels.value(i));
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("writing to a string cannot fail", e);
        }
        return out.toString();
    }

    /** The labels, or an IllegalArgumentException that says what is wrong with the text. */
    static Labels read(String text) {
        if (text == null || text.length() > SnapshotSchema.MAX_LABELS_BYTES) {
            throw new IllegalArgumentException("labels missing or longer than " + SnapshotSchema.MAX_LABELS_BYTES + " characters");
        }
        List<String> pairs = new ArrayList<>();
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("labels are not a JSON object");
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                pairs.add(p.currentName());
                if (p.nextToken() != JsonToken.VALUE_STRING) {
                    throw new IllegalArgumentException("label '" + p.currentName() + "' has no string value");
                }
                pairs.add(p.getText());
            }
            if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new IllegalArgumentException("labels are not one flat JSON object");
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("labels are not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("labels are not valid JSON: " + e.getMessage(), e);
        }
        return Labels.ofSortedPairs(pairs.toArray(String[]::new));
    }
}
