package io.pharos.views.shell;

import io.pharos.views.common.HoverTooltip;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.value.ChangeListener;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.VBox;

/** The screens down the left side, the one shown selected; each names its shortcut. */
final class NavigationBar {
    static final String STYLE = "navigation";
    static final String BUTTON_STYLE = "navigation-button";

    private final VBox root = new VBox();
    private final ShellViewModel model;
    private final List<ToggleButton> buttons = new ArrayList<>();
    private final ChangeListener<ScreenDefinition> currentListener;

    NavigationBar(ShellViewModel model) {
        this.model = model;
        root.getStyleClass().add(STYLE);
        ToggleGroup group = new ToggleGroup();
        int i = 0;
        for (ScreenDefinition d : model.screens()) {
            ToggleButton b = new ToggleButton(d.title());
            b.setId("nav-" + d.id());
            b.getStyleClass().add(BUTTON_STYLE);
            b.setToggleGroup(group);
            b.setMaxWidth(Double.MAX_VALUE);
            if (i < 9) {
                HoverTooltip.install(b, d.title() + " (Ctrl+" + (i + 1) + ")");
            }
            b.setOnAction(e -> model.show(d.id()));
            buttons.add(b);
            root.getChildren().add(b);
            i++;
        }
        currentListener = (obs, o, n) -> select(n);
        model.currentProperty().addListener(currentListener);
        select(model.currentProperty().get());
    }

    /** Keeps the shown screen selected, also when a button is clicked twice (a toggle would unselect). */
    private void select(ScreenDefinition d) {
        for (int i = 0; i < buttons.size(); i++) {
            buttons.get(i).setSelected(d != null && model.screens().get(i).id().equals(d.id()));
        }
    }

    VBox root() {
        return root;
    }

    void dispose() {
        model.currentProperty().removeListener(currentListener);
    }
}
