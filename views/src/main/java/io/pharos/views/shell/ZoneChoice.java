package io.pharos.views.shell;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * Which time zone every time in the console is shown in: the machine's or UTC. One switch for the
 * whole console, and every time shown names its zone, so a screenshot shared across continents
 * cannot be misread.
 */
public enum ZoneChoice {
    LOCAL, UTC;

    /** The zone this choice means on a machine whose own zone is {@code local}. */
    public ZoneId zone(ZoneId local) {
        return this == UTC ? ZoneOffset.UTC : local;
    }

    /** A short name shown beside times: "UTC", or the local zone's short name such as "CET". */
    public String label(ZoneId local) {
        if (this == UTC) {
            return "UTC";
        }
        String name = local.getDisplayName(TextStyle.SHORT, Locale.ROOT);
        return name.isBlank() ? local.getId() : name;
    }

    public ZoneChoice toggled() {
        return this == UTC ? LOCAL : UTC;
    }
}
