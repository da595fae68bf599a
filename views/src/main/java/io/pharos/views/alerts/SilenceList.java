package io.pharos.views.alerts;

import io.pharos.styles.StyleClasses;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The silences in force, under the queue: one row each with an Expire button; E expires the chosen one
 * (both ask first). Keeps the chosen silence across reads; {@link #dispose()} lets go of the model.
 */
final class SilenceList {
    private final SilenceListModel model;
    private final TableView<SilenceRow> table;
    private final VBox root;
    private final ListChangeListener<SilenceRow> rowsListener = c -> reselect();
    private final ChangeListener<SilenceRow> selectionListener;
    private String chosenId;

    /** @param expire asks to expire a row (the confirmation), from its button */
    SilenceList(SilenceListModel model, Consumer<SilenceRow> expire) {
        this.model = model;
        table = new TableView<>(model.silences());
        table.setId("silence-table");
        table.getSelectionModel().setSelectionMode(SelectionMode.SINGLE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        // Matchers and reason take the room there is; the rest keep the width their text needs.
        table.getColumns().add(column("Matchers", 300, 200, Double.MAX_VALUE, SilenceRow::matchers));
        TableColumn<SilenceRow, String> mutes = column("Mutes", 74, 72, 90, r -> Integer.toString(r.mutes()));
        mutes.getStyleClass().add(StyleClasses.NUMERIC);
        table.getColumns().add(mutes);
        table.getColumns().add(column("Author", 90, 80, 140, SilenceRow::author));
        table.getColumns().add(column("Started", 120, 110, 170, SilenceRow::started));
        table.getColumns().add(column("Ends", 210, 200, 260, SilenceRow::ends));
        table.getColumns().add(column("Reason", 220, 160, Double.MAX_VALUE, SilenceRow::reason));
        table.getColumns().add(expireColumn(expire));

        Label emptyTitle = new Label("No active silences");
        emptyTitle.getStyleClass().add(StyleClasses.EMPTY_STATE_TITLE);
        Label emptyHint = new Label("Every alert notifies as its rules say. To silence some, select them in the"
                + " queue and press S; a silence leaves this list when it ends or is expired.");
        emptyHint.getStyleClass().add(StyleClasses.MUTED);
        emptyHint.setWrapText(true);
        emptyHint.setMaxWidth(520);
        VBox empty = new VBox(6, emptyTitle, emptyHint);
        empty.setId("silence-empty");
        empty.setAlignment(Pos.CENTER);
        table.setPlaceholder(empty);

        selectionListener = (o, was, now) -> {
            model.selectedProperty().set(now);
            if (now != null) {
                chosenId = now.id();
            }
        };
        table.getSelectionModel().selectedItemProperty().addListener(selectionListener);
        model.silences().addListener(rowsListener);

        Label title = new Label("Silences");
        title.getStyleClass().add(StyleClasses.PANEL_TITLE);
        Label keys = new Label("E expires the chosen silence early · L or Esc back to the queue");
        keys.getStyleClass().add(StyleClasses.MUTED);
        HBox head = new HBox(12, title, keys);
        head.setAlignment(Pos.BASELINE_LEFT);
        root = new VBox(8, head, table);
        root.setId("silence-list");
        root.getStyleClass().add(StyleClasses.PANEL);
        root.setPrefHeight(240);
        root.setMinHeight(160);
    }

    private static TableColumn<SilenceRow, String> column(String title, double width, double min, double max,
                                                          Function<SilenceRow, String> text) {
        TableColumn<SilenceRow, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setMinWidth(min);
        c.setMaxWidth(max);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(text.apply(cd.getValue())));
        return c;
    }

    private TableColumn<SilenceRow, SilenceRow> expireColumn(Consumer<SilenceRow> expire) {
        TableColumn<SilenceRow, SilenceRow> c = new TableColumn<>("");
        c.setPrefWidth(100);
        c.setMinWidth(100);
        c.setMaxWidth(100);
        c.setSortable(false);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue()));
        c.setCellFactory(col -> new TableCell<>() {
            private final Button button = new Button("Expire…");

            {
                // The keyboard path is E on the chosen row: the button need not be a Tab stop in every row.
                button.setFocusTraversable(false);
                button.setOnAction(e -> {
                    SilenceRow row = getItem();
                    if (row != null) {
                        table.getSelectionModel().select(row);
                        expire.accept(row);
                    }
                });
            }

            @Override
            protected void updateItem(SilenceRow row, boolean empty) {
                super.updateItem(row, empty);
                setText(null);
                setGraphic(empty || row == null ? null : button);
            }
        });
        return c;
    }

    /** A read replaces the rows: the same silence stays chosen, or the first when it has ended. */
    private void reselect() {
        if (model.silences().isEmpty()) {
            return;
        }
        for (SilenceRow r : model.silences()) {
            if (r.id().equals(chosenId)) {
                table.getSelectionModel().select(r);
                return;
            }
        }
        if (table.isFocused()) {
            table.getSelectionModel().selectFirst();
        }
    }

    VBox node() {
        return root;
    }

    TableView<SilenceRow> table() {
        return table;
    }

    /** Takes the keyboard: the list has the focus and a silence is chosen. */
    void focus() {
        table.requestFocus();
        if (table.getSelectionModel().isEmpty() && !model.silences().isEmpty()) {
            table.getSelectionModel().selectFirst();
        }
    }

    boolean hasFocus() {
        var scene = table.getScene();
        var owner = scene == null ? null : scene.getFocusOwner();
        for (var n = owner; n != null; n = n.getParent()) {
            if (n == root) {
                return true;
            }
        }
        return false;
    }

    void dispose() {
        model.silences().removeListener(rowsListener);
        table.getSelectionModel().selectedItemProperty().removeListener(selectionListener);
        table.setItems(null);
    }
}
