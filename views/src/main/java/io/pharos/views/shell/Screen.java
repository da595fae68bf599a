package io.pharos.views.shell;

import java.util.List;
import javafx.scene.Node;

/**
 * One screen of the console, shown in the shell's content area. The shell builds it when it is
 * first shown, calls {@link #refresh()} about once a second while it is the screen shown (never
 * while hidden), and {@link #dispose()} once when the console closes.
 */
public interface Screen {

    Node root();

    /** Reads fresh data, off the UI thread; a refresh still running makes this one a no-op. */
    void refresh();

    /** This screen's own shortcuts, active while it is shown and listed in the cheat sheet. */
    default List<Shortcut> shortcuts() {
        return List.of();
    }

    /** Unbinds from the shell and the engine, so nothing is left behind. */
    void dispose();
}
