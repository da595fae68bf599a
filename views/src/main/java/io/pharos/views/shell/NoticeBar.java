package io.pharos.views.shell;

import io.pharos.styles.StyleClasses;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/** The shell's notice under the top bar, on every screen: its text, its action, Dismiss. */
final class NoticeBar {
    private final HBox root = new HBox(10);
    private final Label text = new Label();
    private final Button action = new Button();
    private final ShellViewModel model;
    private final ChangeListener<Notice> listener = (obs, o, n) -> show(n);

    NoticeBar(ShellViewModel model) {
        this.model = model;
        root.setId("notice");
        text.setId("notice-text");
        text.setWrapText(true);
        text.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(text, Priority.ALWAYS);
        action.setId("notice-action");
        action.setOnAction(e -> model.actOnNotice());
        Button dismiss = new Button("Dismiss");
        dismiss.setId("notice-dismiss");
        dismiss.setOnAction(e -> model.dismissNotice());
        root.getChildren().addAll(text, action, dismiss);
        root.setAlignment(Pos.CENTER_LEFT);
        root.getStyleClass().add(StyleClasses.ALERT_BANNER);
        model.noticeProperty().addListener(listener);
        show(model.noticeProperty().get());
    }

    private void show(Notice n) {
        root.setVisible(n != null);
        root.setManaged(n != null);
        text.setText(n == null ? "" : n.text());
        action.setText(n == null ? "" : n.actionText());
    }

    HBox root() {
        return root;
    }

    void dispose() {
        model.noticeProperty().removeListener(listener);
    }
}
