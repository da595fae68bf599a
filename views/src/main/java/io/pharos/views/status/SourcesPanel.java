package io.pharos.views.status;

import io.pharos.styles.StyleClasses;
import io.pharos.views.common.BackgroundTask;
import io.pharos.views.common.HoverTooltip;
import io.pharos.views.common.TaskExecutor;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The sources of the status screen: each running source with its state and message, and, when the
 * console's sources can be edited (live, not a snapshot), Add, Edit and Remove. The editor opens in
 * the screen through {@code showEditor} (null closes it); saving and removing run off the FX thread.
 */
final class SourcesPanel {
    private final VBox root;
    private final TableView<SourceRow> table;
    private final Label outcome = new Label();
    private final HBox confirm = new HBox(8);
    private final Optional<SourceSettings> settings;
    private final TaskExecutor executor;
    private final Consumer<Node> showEditor;
    private SourceEditor editor;
    private String chosenName;

    SourcesPanel(ObservableList<SourceRow> rows, Optional<SourceSettings> settings, TaskExecutor executor,
                 Consumer<Node> showEditor) {
        this.settings = settings;
        this.executor = executor;
        this.showEditor = showEditor;
        table = new TableView<>(rows);
        table.setId("sources-table");
        table.getColumns().add(column("Source", SourceRow::name, 200));
        table.getColumns().add(column("Data", SourceRow::kind, 100));
        table.getColumns().add(column("State", SourceRow::state, 90));
        table.getColumns().add(column("Samples", SourceRow::samples, 120));
        TableColumn<SourceRow, String> message = column("Message", SourceRow::message, 320);
        // A failing source's message is what the user acts on: whole in a tooltip when the column cuts it.
        message.setCellFactory(c -> new TableCell<>() {
            private final HoverTooltip tip = HoverTooltip.install(this, "");

            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                tip.setText(empty ? "" : text);
            }
        });
        table.getColumns().add(message);
        table.setPlaceholder(new Label(settings.isPresent()
                ? "No source is running: Add one, or start Pharos without --no-fleet or --no-host-metrics."
                : "No source is running: start Pharos without --no-fleet or --no-host-metrics."));
        table.setPrefHeight(190);
        // The rows are new each refresh: the chosen source stays chosen, by its name.
        table.getSelectionModel().selectedItemProperty().addListener((o, a, row) -> {
            if (row != null) {
                chosenName = row.name();
            }
        });
        rows.addListener((javafx.collections.ListChangeListener<SourceRow>) c -> reselect());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        Label title = new Label("Sources");
        title.getStyleClass().add(StyleClasses.PANEL_TITLE);
        HBox head = new HBox(8, title);
        head.setAlignment(Pos.CENTER_LEFT);
        outcome.getStyleClass().add(StyleClasses.MUTED);
        outcome.setId("sources-outcome");
        outcome.setWrapText(true);
        outcome.managedProperty().bind(outcome.visibleProperty());
        outcome.setVisible(false);
        confirm.setAlignment(Pos.CENTER_LEFT);
        confirm.managedProperty().bind(confirm.visibleProperty());
        confirm.setVisible(false);
        if (settings.isPresent()) {
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            Button add = new Button("Add…");
            add.setId("source-add");
            add.setOnAction(e -> open(null));
            Button edit = new Button("Edit…");
            edit.setId("source-edit");
            Button remove = new Button("Remove");
            remove.setId("source-remove");
            var chosen = table.getSelectionModel().selectedItemProperty();
            var editable = javafx.beans.binding.Bindings.createBooleanBinding(
                    () -> chosen.get() != null && settings.get().entryOf(chosen.get().name()).isPresent(), chosen);
            edit.disableProperty().bind(editable.not());
            remove.disableProperty().bind(editable.not());
            edit.setOnAction(e -> chosenEntry().ifPresent(this::open));
            remove.setOnAction(e -> chosenEntry().ifPresent(this::askRemove));
            HoverTooltip.install(edit, "Change the chosen source's settings (this machine and the simulated fleet"
                    + " are set by the command line)");
            head.getChildren().addAll(spacer, add, edit, remove);
        }
        root = new VBox(8, head, table, confirm, outcome);
        root.getStyleClass().add(StyleClasses.PANEL);
    }

    private void reselect() {
        if (chosenName == null || (table.getSelectionModel().getSelectedItem() != null
                && table.getSelectionModel().getSelectedItem().name().equals(chosenName))) {
            return;
        }
        for (int i = 0; i < table.getItems().size(); i++) {
            if (table.getItems().get(i).name().equals(chosenName)) {
                table.getSelectionModel().select(i);
                return;
            }
        }
    }

    private Optional<SourceSettings.Entry> chosenEntry() {
        SourceRow row = table.getSelectionModel().getSelectedItem();
        return row == null ? Optional.empty() : settings.get().entryOf(row.name());
    }

    private void open(SourceSettings.Entry original) {
        confirm.setVisible(false);
        editor = new SourceEditor(settings.get(), original, this::save, this::close);
        showEditor.accept(editor.root());
        editor.focus();
    }

    private void close() {
        editor = null;
        showEditor.accept(null);
    }

    private void save(SourceSettings.Entry updated) {
        SourceEditor current = editor;
        current.busy(true);
        current.showProblem("");
        executor.execute(BackgroundTask.wrap("Saving the source", () -> settings.get().save(current.original(), updated))
                .onSuccess(result -> {
                    current.busy(false);
                    if (result.done()) {
                        close();
                        say(result.message());
                    } else {
                        current.showProblem(result.message());
                    }
                })
                .onFailure(e -> {
                    current.busy(false);
                    current.showProblem("Not saved: " + e.getMessage());
                }));
    }

    private void askRemove(SourceSettings.Entry entry) {
        String name = entry.fields().getOrDefault("name", entry.fields().getOrDefault("listen", ""));
        Label question = new Label("Remove " + name + "? It stops, and leaves the settings; what it took stays in"
                + " the store.");
        question.setWrapText(true);
        HBox.setHgrow(question, Priority.ALWAYS);
        Button yes = new Button("Remove");
        yes.setId("source-remove-confirm");
        Button no = new Button("Keep it");
        no.setCancelButton(true);
        no.setOnAction(e -> confirm.setVisible(false));
        yes.setOnAction(e -> {
            confirm.setVisible(false);
            executor.execute(BackgroundTask.wrap("Removing the source", () -> settings.get().remove(entry))
                    .onSuccess(result -> say(result.message()))
                    .onFailure(err -> say("Not removed: " + err.getMessage())));
        });
        confirm.getChildren().setAll(question, yes, no);
        confirm.setVisible(true);
        yes.requestFocus();
    }

    private void say(String message) {
        outcome.setText(message);
        outcome.setVisible(!message.isEmpty());
    }

    TableView<SourceRow> table() {
        return table;
    }

    Node root() {
        return root;
    }

    private static TableColumn<SourceRow, String> column(String name, java.util.function.Function<SourceRow, String> f,
                                                         double width) {
        TableColumn<SourceRow, String> c = new TableColumn<>(name);
        c.setCellValueFactory(cd -> new javafx.beans.property.ReadOnlyStringWrapper(f.apply(cd.getValue())));
        c.setPrefWidth(width);
        return c;
    }
}
