package io.pharos.views.shell;

import io.pharos.styles.StyleClasses;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/** Every shortcut in force, the shell's and the screen's, as an overlay panel: ? or Esc closes it. */
final class CheatSheet {
    private final VBox root = new VBox();
    private final GridPane grid = new GridPane();

    CheatSheet() {
        root.getStyleClass().addAll(StyleClasses.PANEL, "overlay-panel");
        root.setId("cheat-sheet");
        root.setMaxSize(VBox.USE_PREF_SIZE, VBox.USE_PREF_SIZE);
        Label title = new Label("Keyboard shortcuts");
        title.getStyleClass().add(StyleClasses.PANEL_TITLE);
        grid.setHgap(24);
        grid.setVgap(6);
        Label hint = new Label("Press ? or Esc to close. Tab moves between controls; Space or Enter presses one.");
        hint.getStyleClass().add(StyleClasses.MUTED);
        root.getChildren().addAll(title, grid, hint);
    }

    void show(List<Shortcut> shortcuts) {
        grid.getChildren().clear();
        int row = 0;
        for (Shortcut s : shortcuts) {
            Label keys = new Label(s.keysText());
            keys.getStyleClass().add("shortcut-keys");
            grid.addRow(row++, keys, new Label(s.description()));
        }
    }

    VBox root() {
        return root;
    }
}
