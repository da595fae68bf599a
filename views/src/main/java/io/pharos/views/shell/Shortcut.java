package io.pharos.views.shell;

import javafx.scene.input.KeyCombination;

/**
 * A keyboard shortcut: the keys, what it does in words (listed in the cheat sheet), and the action.
 * The shell's own and each screen's ({@link Screen#shortcuts()}) are handled and listed alike.
 */
public record Shortcut(KeyCombination keys, String description, Runnable action) {

    /** The keys as the cheat sheet shows them, such as "Ctrl+1". */
    public String keysText() {
        return keys.getDisplayText();
    }
}
