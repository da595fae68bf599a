package io.pharos.views.shell;

import io.pharos.styles.StyleClasses;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The "Export snapshot" panel over the screen: the form of {@link SnapshotExportViewModel}, its
 * progress while it runs, and what came of it. Enter exports, Esc closes (an export goes on; opening
 * the panel again shows it).
 */
final class SnapshotExportPanel {
    private final VBox root = new VBox(10);
    private final SnapshotExportViewModel model;
    private final TextField from = new TextField();
    private final ChangeListener<SnapshotExportViewModel.Phase> phaseListener;
    private Runnable onClose = () -> { };

    SnapshotExportPanel(SnapshotExportViewModel model) {
        this.model = model;
        root.getStyleClass().addAll(StyleClasses.PANEL, "overlay-panel");
        root.setId("snapshot-export");
        root.setMaxSize(VBox.USE_PREF_SIZE, VBox.USE_PREF_SIZE);
        Label title = new Label("Export snapshot");
        title.getStyleClass().add(StyleClasses.PANEL_TITLE);
        Label what = new Label("One file with the metrics, alerts, silences and incidents of the range, that anyone can"
                + " open and check (docs/snapshots.md). Notification addresses and tokens are never written.");
        what.setWrapText(true);
        what.setMaxWidth(520);
        what.getStyleClass().add(StyleClasses.MUTED);

        from.setId("snapshot-from");
        from.textProperty().bindBidirectional(model.fromProperty());
        TextField to = new TextField();
        to.setId("snapshot-to");
        to.textProperty().bindBidirectional(model.toProperty());
        Label zone = new Label();
        zone.textProperty().bind(model.zoneTextProperty());
        zone.getStyleClass().add(StyleClasses.MUTED);
        ComboBox<String> resolution = new ComboBox<>();
        resolution.setId("snapshot-resolution");
        resolution.getItems().setAll(SnapshotExportViewModel.RESOLUTIONS);
        resolution.valueProperty().bindBidirectional(model.resolutionProperty());
        Label resolutionHelp = new Label("a step keeps its samples' count, min, max and sum; raw: every sample");
        resolutionHelp.getStyleClass().add(StyleClasses.MUTED);
        TextField note = new TextField();
        note.setId("snapshot-note");
        note.setPromptText("for whoever opens it, e.g. the incident it is about");
        note.textProperty().bindBidirectional(model.noteProperty());
        CheckBox redact = new CheckBox("Replace host names with stable pseudonyms");
        redact.setId("snapshot-redact");
        redact.selectedProperty().bindBidirectional(model.redactHostsProperty());
        TextField file = new TextField();
        file.setId("snapshot-file");
        file.textProperty().bindBidirectional(model.fileProperty());
        file.setPrefColumnCount(36);

        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(8);
        form.addRow(0, new Label("From"), from);
        form.addRow(1, new Label("To"), to, zone);
        form.addRow(2, new Label("Resolution"), resolution, resolutionHelp);
        form.addRow(3, new Label("Note"), note);
        form.add(redact, 1, 4, 2, 1);
        form.addRow(5, new Label("File"), file);
        GridPane.setColumnSpan(note, 2);
        GridPane.setColumnSpan(file, 2);

        ProgressBar bar = new ProgressBar();
        bar.setId("snapshot-progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(model.progressProperty());
        bar.visibleProperty().bind(model.phaseProperty().isEqualTo(SnapshotExportViewModel.Phase.RUNNING));
        bar.managedProperty().bind(bar.visibleProperty());
        Label message = new Label();
        message.setId("snapshot-message");
        message.setWrapText(true);
        message.setMaxWidth(520);
        message.textProperty().bind(model.messageProperty());
        phaseListener = (obs, o, n) -> style(message, n);
        model.phaseProperty().addListener(phaseListener);
        style(message, model.phaseProperty().get());

        Button export = new Button("Export");
        export.setId("snapshot-export-button");
        export.setDefaultButton(true);
        export.disableProperty().bind(model.phaseProperty().isEqualTo(SnapshotExportViewModel.Phase.RUNNING));
        export.setOnAction(e -> model.export());
        Button cancel = new Button();
        cancel.setId("snapshot-cancel");
        cancel.setCancelButton(true);
        cancel.textProperty().bind(Bindings.when(model.phaseProperty().isEqualTo(SnapshotExportViewModel.Phase.RUNNING))
                .then("Cancel export").otherwise("Close"));
        cancel.setOnAction(e -> {
            if (model.phaseProperty().get() == SnapshotExportViewModel.Phase.RUNNING) {
                model.cancel();
            } else {
                onClose.run();
            }
        });
        HBox buttons = new HBox(8, export, cancel);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        HBox.setHgrow(bar, Priority.ALWAYS);
        root.getChildren().addAll(title, what, form, bar, message, buttons);
    }

    private static void style(Label message, SnapshotExportViewModel.Phase phase) {
        PanelMessage.style(message, phase == SnapshotExportViewModel.Phase.FAILED);
    }

    /** Fills the form for the range in force and focuses it. */
    void open(Runnable closeAction) {
        this.onClose = closeAction;
        model.open();
        from.requestFocus();
    }

    VBox root() {
        return root;
    }

    void dispose() {
        model.phaseProperty().removeListener(phaseListener);
    }
}
