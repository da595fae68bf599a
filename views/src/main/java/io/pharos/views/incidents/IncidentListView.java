package io.pharos.views.incidents;

import io.pharos.engine.incident.Severity;
import io.pharos.styles.StyleClasses;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The incidents, open ones first by severity, and a line to open one by hand. */
final class IncidentListView {
    private final VBox root = new VBox(8);
    private final TableView<IncidentRow> table;
    private final TextField title = new TextField();
    private final IncidentsViewModel model;
    private final ChangeListener<IncidentRow> selection;

    IncidentListView(IncidentsViewModel model, io.pharos.views.shell.ShellContext context) {
        this.model = model;
        root.getStyleClass().add(StyleClasses.PANEL);
        Label heading = new Label("Incidents");
        heading.getStyleClass().add(StyleClasses.PANEL_TITLE);
        CheckBox closed = new CheckBox("Show closed");
        closed.selectedProperty().bindBidirectional(model.showClosedProperty());
        Label exported = new Label();
        exported.setId("incident-table-export");
        exported.getStyleClass().add(StyleClasses.MUTED);
        exported.setMinWidth(0);
        HBox top = new HBox(12, heading, closed, exported);

        table = new TableView<>(model.rows());
        table.setId("incident-table");
        io.pharos.views.common.TableExportMenu.install(table, () -> "incidents", context.exports(), model.executor(),
                model.clock(), exported::setText);
        // The commander is in the detail panel; the list keeps what tells incidents apart.
        table.getColumns().add(severityColumn());
        table.getColumns().add(column("Incident", IncidentRow::id, 86));
        table.getColumns().add(column("Status", IncidentRow::status, 100));
        table.getColumns().add(column("Age", IncidentRow::age, 70));
        TableColumn<IncidentRow, String> titleColumn = column("Title", IncidentRow::title, 200);
        titleColumn.setMinWidth(80);
        table.getColumns().add(titleColumn);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label(model.available()
                ? "No incidents. Critical alerts open one by themselves; or open one below."
                : "Alerting is off (--no-alerting), so there are no incidents."));
        VBox.setVgrow(table, Priority.ALWAYS);
        selection = (obs, o, n) -> {
            if (n != null) {
                model.selectedProperty().set(n.id());
            }
        };
        table.getSelectionModel().selectedItemProperty().addListener(selection);

        title.setId("new-incident-title");
        title.setPromptText("Title of a new incident (N)");
        HBox.setHgrow(title, Priority.ALWAYS);
        ComboBox<Severity> severity = new ComboBox<>();
        severity.getItems().setAll(Severity.values());
        severity.setValue(Severity.SEV3);
        Button open = new Button("Open incident");
        open.setId("open-incident");
        open.disableProperty().bind(title.textProperty().isEmpty());
        open.setOnAction(e -> {
            model.create(title.getText().strip(), severity.getValue());
            title.clear();
            table.requestFocus(); // the new incident is selected: go on with it by keyboard
        });
        title.setOnAction(e -> open.fire());
        HBox create = new HBox(8, title, severity, open);
        create.setDisable(!model.available());
        create.setVisible(!model.readOnly()); // a snapshot's incidents are read, not added to
        create.setManaged(!model.readOnly());
        root.getChildren().addAll(top, table, create);
    }

    private static TableColumn<IncidentRow, String> severityColumn() {
        TableColumn<IncidentRow, String> c = column("Sev", IncidentRow::severity, 56);
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll(StyleClasses.SEVERITY_CRITICAL, StyleClasses.SEVERITY_WARNING,
                        StyleClasses.SEVERITY_INFO);
                setText(empty ? null : item);
                if (!empty && item != null) {
                    getStyleClass().add(switch (item) {
                        case "SEV1", "SEV2" -> StyleClasses.SEVERITY_CRITICAL;
                        case "SEV3" -> StyleClasses.SEVERITY_WARNING;
                        default -> StyleClasses.SEVERITY_INFO;
                    });
                }
            }
        });
        return c;
    }

    private static TableColumn<IncidentRow, String> column(String name, Function<IncidentRow, String> f, double width) {
        TableColumn<IncidentRow, String> c = new TableColumn<>(name);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(f.apply(cd.getValue())));
        c.setPrefWidth(width);
        c.setMinWidth(width);
        return c;
    }

    /** Keeps the row of the incident shown selected as the list is read again. */
    void reselect(String id) {
        for (IncidentRow r : table.getItems()) {
            if (r.id().equals(id) && table.getSelectionModel().getSelectedItem() != r) {
                table.getSelectionModel().select(r);
            }
        }
    }

    TableView<IncidentRow> table() {
        return table;
    }

    TextField titleField() {
        return title;
    }

    VBox root() {
        return root;
    }

    void dispose() {
        table.getSelectionModel().selectedItemProperty().removeListener(selection);
    }
}
