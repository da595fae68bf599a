package io.pharos.views.alerts;

import io.pharos.styles.StyleClasses;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The question before a silence is expired, under the queue like the other editors: which silence, and
 * which alerts start notifying again. Enter or Space on "Expire silence" confirms; Escape cancels.
 */
final class SilenceExpiry {
    private SilenceExpiry() {
    }

    static AlertEditors.Editor confirm(SilenceListModel model, SilenceRow row, Runnable done) {
        Label title = new Label("Expire a silence");
        title.getStyleClass().add(StyleClasses.PANEL_TITLE);
        Label question = new Label(model.confirmation(row));
        question.setId("expiry-question");
        question.setWrapText(true);
        Label effect = new Label(model.effect(row));
        effect.setId("expiry-effect");
        effect.setWrapText(true);
        // Alerts that will notify again are what needs attention; "nothing starts notifying" does not.
        effect.getStyleClass().add(row.unmutedByEnding().isEmpty() ? StyleClasses.MUTED : StyleClasses.SEVERITY_WARNING);
        Button confirm = new Button("Expire silence");
        confirm.setId("expiry-confirm");
        confirm.setDefaultButton(true);
        confirm.setOnAction(e -> {
            model.expire(row);
            done.run();
        });
        Button cancel = new Button("Cancel");
        cancel.setOnAction(e -> done.run());
        HBox buttons = new HBox(8, AlertEditors.spacer(), confirm, cancel);
        VBox box = new VBox(8, title, question, effect, buttons);
        box.setId("silence-expiry");
        return new AlertEditors.Editor(AlertEditors.bar(box), confirm, () -> { });
    }
}
