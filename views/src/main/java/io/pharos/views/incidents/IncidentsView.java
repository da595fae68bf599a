package io.pharos.views.incidents;

import io.pharos.styles.StyleClasses;
import io.pharos.views.shell.ShellContext;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;

/** The incident screen: the list on the left; the incident selected and its responses on the right. */
final class IncidentsView {
    private final BorderPane root = new BorderPane();
    private final IncidentListView list;
    private final IncidentDetailView detail;
    private final ResponsePanel responses;
    private final IncidentsViewModel model;
    private final ChangeListener<String> selected;
    private final javafx.collections.ListChangeListener<IncidentRow> rowsListener;

    IncidentsView(IncidentsViewModel model, ShellContext context) {
        this.model = model;
        root.setPadding(new Insets(16));
        list = new IncidentListView(model, context);
        detail = new IncidentDetailView(model, context);
        responses = new ResponsePanel(model);
        detail.afterPostmortemSaved(() -> list.table().requestFocus());
        Label message = new Label();
        message.setId("incident-message");
        message.textProperty().bind(model.messageProperty());
        message.getStyleClass().add(StyleClasses.MUTED);
        message.visibleProperty().bind(model.messageProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        Label error = new Label();
        error.setId("incident-error");
        error.textProperty().bind(model.errorProperty());
        error.getStyleClass().add(StyleClasses.SEVERITY_CRITICAL);
        error.setWrapText(true);
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        VBox right = new VBox(12, detail.root(), responses.root());
        VBox.setVgrow(detail.root(), javafx.scene.layout.Priority.ALWAYS);
        ScrollPane rightScroll = new ScrollPane(right);
        rightScroll.setFitToWidth(true);
        rightScroll.setFitToHeight(true);
        SplitPane split = new SplitPane(list.root(), rightScroll);
        split.setDividerPositions(0.45);
        root.setTop(new VBox(4, error, message));
        root.setCenter(split);
        selected = (obs, o, n) -> list.reselect(n);
        rowsListener = c -> list.reselect(model.selectedProperty().get());
        model.selectedProperty().addListener(selected);
        model.rows().addListener(rowsListener);
    }

    IncidentListView list() {
        return list;
    }

    IncidentDetailView detail() {
        return detail;
    }

    ResponsePanel responses() {
        return responses;
    }

    Parent root() {
        return root;
    }

    void dispose() {
        model.selectedProperty().removeListener(selected);
        model.rows().removeListener(rowsListener);
        list.dispose();
        detail.dispose();
        responses.dispose();
    }
}
