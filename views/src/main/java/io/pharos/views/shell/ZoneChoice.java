package io.pharos.views.shell;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Which time zone every time in the console is shown in: the machine's or UTC. One switch for the
 * whole console, and every time shown names its zone, so a screenshot shared across continents
 * cannot be misread.
 */
public enum ZoneChoice {
    LOCAL, UTC;

    private static final DateTimeFormatter ABBREVIATION = DateTimeFormatter.ofPattern("zzz", Locale.ENGLISH);

    /** The zone this choice means on a machine whose own zone is {@code local}. */
    public ZoneId zone(ZoneId local) {
        return this == UTC ? ZoneOffset.UTC : local;
    }

    /**
     * A short name shown beside times: "UTC", or the local zone's abbreviation at {@code at}, such as
     * "CET" in winter and "CEST" in summer (a zone without one reads like "GMT+05:45").
     */
    public String label(ZoneId local, Instant at) {
        if (this == UTC || local.normalized().equals(ZoneOffset.UTC)) {
            return "UTC";
        }
        return ABBREVIATION.format(at.atZone(local));
    }

    public ZoneChoice toggled() {
        return this == UTC ? LOCAL : UTC;
    }
}
