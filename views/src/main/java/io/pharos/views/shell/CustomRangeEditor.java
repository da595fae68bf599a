package io.pharos.views.shell;

import io.pharos.styles.StyleClasses;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * A from–to range typed in the zone shown ("2026-11-23 14:00"), as an overlay panel: Enter applies,
 * Esc cancels, a mistake is said under the fields and nothing changes.
 */
final class CustomRangeEditor {
    static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private final VBox root = new VBox();
    private final TextField from = new TextField();
    private final TextField to = new TextField();
    private final Label zoneLabel = new Label();
    private final Label error = new Label();
    private final ShellViewModel model;
    private Runnable onClose = () -> { };

    CustomRangeEditor(ShellViewModel model) {
        this.model = model;
        root.getStyleClass().addAll(StyleClasses.PANEL, "overlay-panel");
        root.setId("custom-range");
        root.setMaxSize(VBox.USE_PREF_SIZE, VBox.USE_PREF_SIZE);
        Label title = new Label("Custom time range");
        title.getStyleClass().add(StyleClasses.PANEL_TITLE);
        from.setId("custom-from");
        to.setId("custom-to");
        from.setPromptText("2026-11-23 14:00");
        to.setPromptText("2026-11-23 15:00");
        GridPane fields = new GridPane();
        fields.setHgap(8);
        fields.setVgap(8);
        fields.addRow(0, new Label("From"), from);
        fields.addRow(1, new Label("To"), to);
        zoneLabel.getStyleClass().add(StyleClasses.MUTED);
        error.setId("custom-error");
        error.getStyleClass().add(StyleClasses.SEVERITY_CRITICAL);
        error.setWrapText(true);
        error.setMaxWidth(360);
        Button apply = new Button("Apply");
        apply.setDefaultButton(true);
        apply.setOnAction(e -> apply());
        Button cancel = new Button("Cancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> close());
        HBox buttons = new HBox(8, apply, cancel);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        root.getChildren().addAll(title, fields, zoneLabel, error, buttons);
        root.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                close();
                e.consume();
            }
        });
    }

    /** Fills the fields with the range in force, in the zone shown, and focuses "from". */
    void open(Runnable closeAction) {
        this.onClose = closeAction;
        ZoneId zone = model.context().zone().getValue();
        TimeRange.Interval now = model.rangeProperty().get().at(Instant.now());
        from.setText(FORMAT.format(Instant.ofEpochMilli(now.fromMs()).atZone(zone)));
        to.setText(FORMAT.format(Instant.ofEpochMilli(now.toMs()).atZone(zone)));
        zoneLabel.setText("Times in " + model.context().zoneName().getValue() + " (" + zone.getId() + ")");
        error.setText("");
        from.requestFocus();
    }

    private void apply() {
        ZoneId zone = model.context().zone().getValue();
        try {
            Instant f = LocalDateTime.parse(from.getText().strip(), FORMAT).atZone(zone).toInstant();
            Instant t = LocalDateTime.parse(to.getText().strip(), FORMAT).atZone(zone).toInstant();
            model.selectRange(f, t);
            close();
        } catch (DateTimeParseException e) {
            error.setText("Write times as 2026-11-23 14:00 (year-month-day hours:minutes).");
        } catch (IllegalArgumentException e) {
            error.setText("The range must start before it ends.");
        }
    }

    private void close() {
        onClose.run();
    }

    VBox root() {
        return root;
    }
}
