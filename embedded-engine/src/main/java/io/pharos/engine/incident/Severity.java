package io.pharos.engine.incident;

import java.util.Locale;

/** How bad an incident is, SEV1 the worst. The descriptions are the defaults shown to people choosing one. */
public enum Severity {
    SEV1("critical: a core service is down or losing revenue for many users; all hands"),
    SEV2("major: a core service is degraded for many users, or down for some"),
    SEV3("minor: a limited part of the service is degraded; fix within the working day"),
    SEV4("low: no user impact yet, or a cosmetic problem; fix in normal work");

    private final String description;

    Severity(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** "SEV2". */
    public String label() {
        return name();
    }

    /** Parses "SEV2", "sev2" or "2". */
    public static Severity parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        if (!t.startsWith("SEV")) {
            t = "SEV" + t;
        }
        for (Severity s : values()) {
            if (s.name().equals(t)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown severity '" + text + "'; known: SEV1, SEV2, SEV3, SEV4");
    }
}
