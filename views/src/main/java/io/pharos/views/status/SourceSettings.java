package io.pharos.views.status;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The console's live sources as settings a person edits (the app keeps them in sources.yaml and
 * starts and stops the sources): the kinds with their fields, the entry of a running source, saving
 * and removing. {@link #save} and {@link #remove} block (file and network): call them off the FX thread.
 */
public interface SourceSettings {

    /** Where the settings are kept, as shown to the user. */
    String where();

    List<Kind> kinds();

    /** The settings of the running source of that name; empty for one not in the settings (this machine). */
    Optional<Entry> entryOf(String sourceName);

    /** Saves {@code updated} in place of {@code original} (null: a new one) and applies it. */
    Outcome save(Entry original, Entry updated);

    /** Removes the source: stopped, taken out of the settings; what it took stays in the store. */
    Outcome remove(Entry entry);

    /** A kind of source and the fields of its form. {@code single}: one at most. */
    record Kind(String id, String title, List<Field> fields, boolean single) {
        public Kind {
            fields = List.copyOf(fields);
        }
    }

    /** A field: {@code lines} for a list, one item a line; {@code hint} an example shown in the empty field. */
    record Field(String key, boolean required, boolean lines, String hint) {
    }

    /** A source's settings: its kind's id and each field's text. */
    record Entry(String kind, Map<String, String> fields) {
        public Entry {
            fields = Map.copyOf(fields);
        }
    }

    /** How a save or a removal went: done with what happened, or refused with why (the file's words). */
    record Outcome(boolean done, String message) {
    }
}
