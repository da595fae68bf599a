package io.pharos.engine.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The default rule pack, a rule file shipped inside Pharos (default-rules.yml beside this class). */
public final class DefaultRules {
    public static final String FILE_NAME = "default-rules.yml";

    private DefaultRules() {
    }

    /** The rule file's text, to show or to copy and change. */
    public static String text() {
        try (InputStream in = DefaultRules.class.getResourceAsStream(FILE_NAME)) {
            if (in == null) {
                throw new IllegalStateException(FILE_NAME + " is missing from the Pharos build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static LoadedRules load() {
        LoadedRules rules = new RuleFileLoader().parse(text(), FILE_NAME);
        if (!rules.problems().isEmpty()) {
            throw new IllegalStateException("the default rules do not load: " + rules.problems());
        }
        return rules;
    }
}
