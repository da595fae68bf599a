package io.pharos.views.shell;

import io.pharos.styles.StyleClasses;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The "Open snapshot" panel over the screen: the exports folder's snapshots (Enter or a double-click
 * opens one), a path for any other file, and Browse… for the system's file dialog.
 */
final class SnapshotOpenPanel {
    private final VBox root = new VBox(10);
    private final SnapshotOpenViewModel model;
    private final ListView<SnapshotOpenViewModel.Listed> list = new ListView<>();
    private final ChangeListener<SnapshotOpenViewModel.Listed> selection;
    private final ChangeListener<Boolean> failedListener;
    private final Label message = new Label();
    private Runnable onClose = () -> { };
    private final Button compare = new Button("Compare…");
    private java.util.function.Consumer<String> onCompare = path -> { };

    SnapshotOpenPanel(SnapshotOpenViewModel model) {
        this.model = model;
        root.getStyleClass().addAll(StyleClasses.PANEL, "overlay-panel");
        root.setId("snapshot-open");
        root.setMaxSize(VBox.USE_PREF_SIZE, VBox.USE_PREF_SIZE);
        Label title = new Label("Open snapshot");
        title.getStyleClass().add(StyleClasses.PANEL_TITLE);
        Label what = new Label("Opens read-only in a window of its own, beside this console: every screen on what the"
                + " file holds, its time fixed to its range. Nothing is written to the file.");
        what.setWrapText(true);
        what.setMaxWidth(560);
        what.getStyleClass().add(StyleClasses.MUTED);

        list.setId("snapshot-list");
        list.setItems(model.files());
        list.setPrefSize(560, 220);
        list.setPlaceholder(new Label("No snapshot in the exports folder yet."));
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(SnapshotOpenViewModel.Listed item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.name() + "    " + item.details());
            }
        });
        selection = (obs, o, n) -> {
            if (n != null) {
                model.pathProperty().set(n.file().toString());
            }
        };
        list.getSelectionModel().selectedItemProperty().addListener(selection);
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && list.getSelectionModel().getSelectedItem() != null) {
                model.open();
            }
        });
        list.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && list.getSelectionModel().getSelectedItem() != null) {
                model.open();
                e.consume();
            }
        });

        TextField path = new TextField();
        path.setId("snapshot-path");
        path.textProperty().bindBidirectional(model.pathProperty());
        path.setOnAction(e -> model.open());
        HBox.setHgrow(path, Priority.ALWAYS);
        Button browse = new Button("Browse…");
        browse.setId("snapshot-browse");
        browse.setOnAction(e -> browse());
        HBox file = new HBox(8, new Label("File"), path, browse);
        file.setAlignment(Pos.CENTER_LEFT);

        message.setId("snapshot-open-message");
        message.setWrapText(true);
        message.setMaxWidth(560);
        message.textProperty().bind(model.messageProperty());
        failedListener = (obs, o, n) -> PanelMessage.style(message, n);
        model.failedProperty().addListener(failedListener);
        PanelMessage.style(message, model.failedProperty().get());

        Button open = new Button("Open");
        open.setId("snapshot-open-button");
        open.setDefaultButton(true);
        open.disableProperty().bind(model.busyProperty());
        open.setOnAction(e -> model.open());
        Button close = new Button("Close");
        close.setId("snapshot-open-close");
        close.setCancelButton(true);
        close.setOnAction(e -> onClose.run());
        compare.setId("snapshot-compare-button");
        compare.setVisible(false);
        compare.setManaged(false);
        compare.setOnAction(e -> onCompare.accept(model.pathProperty().get()));
        HBox buttons = new HBox(8, compare, open, close);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        root.getChildren().addAll(title, what, list, file, message, buttons);
    }

    /** The system's file dialog, in the exports folder; the file chosen goes into the path and opens. */
    private void browse() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open snapshot");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Pharos snapshots", "*.pharos"),
                new FileChooser.ExtensionFilter("All files", "*.*"));
        // The folder of the path typed, as the dialog's start: no file system call here (the dialog makes its
        // own), only the text; a folder that is gone makes the dialog start where it likes.
        try {
            var typed = java.nio.file.Path.of(model.pathProperty().get().strip());
            var folder = typed.getParent();
            if (folder != null) {
                chooser.setInitialDirectory(folder.toFile());
            }
        } catch (java.nio.file.InvalidPathException e) {
            // not a path: the dialog starts where it likes
        }
        var chosen = chooser.showOpenDialog(root.getScene() == null ? null : root.getScene().getWindow());
        if (chosen != null) {
            model.pathProperty().set(chosen.toString());
            model.open();
        }
    }

    /** Offers "Compare…" for the file chosen: {@code action} gets its path. */
    void onCompare(java.util.function.Consumer<String> action) {
        onCompare = action;
        compare.setVisible(true);
        compare.setManaged(true);
    }

    /** Lists the exports folder and gives the list the keyboard. */
    void open(Runnable closeAction) {
        this.onClose = closeAction;
        model.load();
        list.requestFocus();
    }

    VBox root() {
        return root;
    }

    void dispose() {
        list.getSelectionModel().selectedItemProperty().removeListener(selection);
        model.failedProperty().removeListener(failedListener);
    }
}
