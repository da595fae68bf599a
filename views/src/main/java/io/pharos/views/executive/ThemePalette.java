package io.pharos.views.executive;

import io.pharos.styles.StyleClasses;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;

/**
 * The theme's colours as Java colours, for the few controls that do not take CSS (the TilesFX map).
 * Read from the stylesheets through hidden probe labels, so colours stay defined once, in CSS.
 */
final class ThemePalette {
    static final String BACKGROUND = "panel";
    private final Map<String, Color> colours = new HashMap<>();

    private ThemePalette() {
    }

    /** Resolves the colours of the given style classes in {@code host}'s scene (it must be in one). */
    static ThemePalette resolve(Pane host, List<String> styleClasses) {
        ThemePalette p = new ThemePalette();
        for (String styleClass : styleClasses) {
            Label probe = new Label();
            probe.getStyleClass().add(styleClass);
            probe.setManaged(false);
            probe.setVisible(false);
            host.getChildren().add(probe);
            probe.applyCss();
            Paint fill = probe.getTextFill();
            if (fill instanceof Color c) {
                p.colours.put(styleClass, c);
            }
            host.getChildren().remove(probe);
        }
        return p;
    }

    Color get(String styleClass, Color fallback) {
        return colours.getOrDefault(styleClass, fallback);
    }

    static List<String> mapClasses() {
        return List.of(StyleClasses.STATE_HEALTHY, StyleClasses.STATE_DEGRADED, StyleClasses.STATE_UNHEALTHY,
                StyleClasses.MUTED, "map-land", "map-background", "label");
    }
}
