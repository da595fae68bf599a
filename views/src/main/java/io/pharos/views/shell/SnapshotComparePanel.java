package io.pharos.views.shell;

import io.pharos.styles.StyleClasses;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The "Compare" panel over the screen: snapshot A, what it is compared against (live data over its
 * range or the range in force, or snapshot B), and the differences in a table that exports as the
 * others do (Ctrl+Shift+C, Ctrl+Shift+J).
 */
final class SnapshotComparePanel {
    private final VBox root = new VBox(10);
    private final SnapshotCompareViewModel model;
    private final TextField a = new TextField();
    private final ChangeListener<Boolean> failedListener;
    private final Label message = new Label();
    private Runnable onClose = () -> { };

    SnapshotComparePanel(SnapshotCompareViewModel model) {
        this.model = model;
        root.getStyleClass().addAll(StyleClasses.PANEL, "overlay-panel");
        root.setId("snapshot-compare");
        root.setMaxSize(VBox.USE_PREF_SIZE, VBox.USE_PREF_SIZE);
        Label title = new Label("Compare");
        title.getStyleClass().add(StyleClasses.PANEL_TITLE);
        Label what = new Label("A snapshot against the live data or another snapshot: the executive figures, each"
                + " region's, alerts, incidents, silences and rules (as ./pharos snapshot diff).");
        what.setWrapText(true);
        what.setMaxWidth(760);
        what.getStyleClass().add(StyleClasses.MUTED);

        a.setId("compare-a");
        a.textProperty().bindBidirectional(model.pathAProperty());
        a.setPrefColumnCount(40);
        ComboBox<SnapshotComparing.Against> against = new ComboBox<>();
        against.setId("compare-against");
        against.getItems().setAll(SnapshotComparing.Against.values());
        against.valueProperty().bindBidirectional(model.againstProperty());
        TextField b = new TextField();
        b.setId("compare-b");
        b.textProperty().bindBidirectional(model.pathBProperty());
        b.disableProperty().bind(model.againstProperty().isNotEqualTo(SnapshotComparing.Against.SNAPSHOT));
        a.setOnAction(e -> model.compare());
        b.setOnAction(e -> model.compare());
        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(8);
        form.addRow(0, new Label("A (snapshot)"), a);
        form.addRow(1, new Label("against"), against);
        form.addRow(2, new Label("B (snapshot)"), b);

        TableView<DiffRow> table = new TableView<>(model.rows());
        table.setId("compare-table");
        table.getColumns().add(column("Section", DiffRow::section, 120));
        table.getColumns().add(column("What", DiffRow::item, 220));
        table.getColumns().add(value("A", true));
        table.getColumns().add(value("B", false));
        table.getColumns().add(column("Change", DiffRow::change, 90));
        table.setPlaceholder(new Label("Compare to see the differences here."));
        table.setPrefSize(780, 320);
        io.pharos.views.common.TableExportMenu.install(table, () -> "comparison", model.context().exports(),
                model.executor(), model.clock(), message.textProperty()::set);

        Label sides = new Label();
        sides.setId("compare-sides");
        sides.textProperty().bind(model.sidesProperty());
        sides.getStyleClass().add(StyleClasses.MUTED);
        message.setId("compare-message");
        message.setWrapText(true);
        message.setMaxWidth(760);
        model.messageProperty().addListener((obs, o, n) -> message.setText(n));
        failedListener = (obs, o, n) -> PanelMessage.style(message, n);
        model.failedProperty().addListener(failedListener);

        Button compare = new Button("Compare");
        compare.setId("compare-button");
        compare.setDefaultButton(true);
        compare.disableProperty().bind(model.busyProperty());
        compare.setOnAction(e -> model.compare());
        Button close = new Button("Close");
        close.setId("compare-close");
        close.setCancelButton(true);
        close.setOnAction(e -> onClose.run());
        HBox buttons = new HBox(8, compare, close);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        root.getChildren().addAll(title, what, form, sides, table, message, buttons);
    }

    private static TableColumn<DiffRow, String> column(String name, java.util.function.Function<DiffRow, String> read,
                                                       double width) {
        TableColumn<DiffRow, String> c = new TableColumn<>(name);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(read.apply(f.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    /** A or B: the value behind the cell (a number stays a number for the export), written in its unit. */
    private static TableColumn<DiffRow, Object> value(String name, boolean a) {
        TableColumn<DiffRow, Object> c = new TableColumn<>(name);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(a ? f.getValue().a() : f.getValue().b()));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Object item, boolean empty) {
                super.updateItem(item, empty);
                DiffRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
                setText(row == null ? null : DiffRow.format(item, row.unit()));
            }
        });
        c.setPrefWidth(150);
        return c;
    }

    /** Gives the first field the keyboard; A is kept from the last time, or set by whoever opens the panel. */
    void open(Runnable closeAction) {
        this.onClose = closeAction;
        model.prefill();
        a.requestFocus();
    }

    VBox root() {
        return root;
    }

    void dispose() {
        model.failedProperty().removeListener(failedListener);
    }
}
