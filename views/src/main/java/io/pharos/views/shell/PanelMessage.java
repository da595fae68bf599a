package io.pharos.views.shell;

import io.pharos.styles.StyleClasses;
import javafx.scene.control.Label;

/** The line under an overlay panel's form that says what came of it: muted, or in the error colour. */
final class PanelMessage {
    private PanelMessage() {
    }

    static void style(Label message, boolean error) {
        message.getStyleClass().removeAll(StyleClasses.SEVERITY_CRITICAL, StyleClasses.MUTED);
        message.getStyleClass().add(error ? StyleClasses.SEVERITY_CRITICAL : StyleClasses.MUTED);
    }
}
