package io.pharos.views.shell;

import java.util.Objects;
import java.util.function.Function;

/**
 * A screen the shell can show: its id (kept in the preferences), its title in the navigation, and
 * how to build it with the shell's shared state (time range, zone).
 */
public record ScreenDefinition(String id, String title, Function<ShellContext, Screen> factory) {
    public ScreenDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(factory, "factory");
    }
}
