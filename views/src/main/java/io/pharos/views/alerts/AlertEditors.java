package io.pharos.views.alerts;

import io.pharos.engine.incident.Severity;
import io.pharos.styles.StyleClasses;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The two one-line editors under the queue: acknowledge (owner) and open an incident (title, severity).
 * Enter confirms, Escape cancels; {@code done} runs after either (it closes the editor).
 */
final class AlertEditors {
    private AlertEditors() {
    }

    /** "Acknowledge 2 alerts as [owner] for 4 h  [Acknowledge] [Cancel]"; the owner field takes the focus. */
    static Editor acknowledge(AlertQueueViewModel model, Runnable done) {
        Label what = new Label("Acknowledge " + AlertQueueViewModel.alerts(model.selection().size()) + " as");
        TextField owner = new TextField();
        owner.setId("ack-owner");
        owner.setPromptText("who takes them");
        owner.textProperty().bindBidirectional(model.ownerProperty());
        Label until = new Label("for " + io.pharos.engine.model.Durations.human(AlertQueueViewModel.ACK_TIMEOUT.toMillis())
                + ", then they come back if still firing");
        until.getStyleClass().add(StyleClasses.MUTED);
        Runnable ok = () -> {
            model.acknowledge();
            done.run();
        };
        owner.setOnAction(e -> ok.run());
        Button confirm = new Button("Acknowledge");
        confirm.setDefaultButton(true);
        confirm.setOnAction(e -> ok.run());
        Button cancel = new Button("Cancel");
        cancel.setOnAction(e -> done.run());
        HBox box = new HBox(8, what, owner, until, spacer(), confirm, cancel);
        return new Editor(bar(box), owner, () -> owner.textProperty().unbindBidirectional(model.ownerProperty()));
    }

    /** "Open an incident: [title] [SEV2] as [owner]  [Open incident] [Cancel]". */
    static Editor incident(AlertQueueViewModel model, Runnable done) {
        Label what = new Label("Open an incident from " + AlertQueueViewModel.alerts(model.selection().size()) + ":");
        TextField title = new TextField(model.incidentTitle());
        title.setId("incident-title");
        HBox.setHgrow(title, Priority.ALWAYS);
        ComboBox<Severity> severity = new ComboBox<>(FXCollections.observableArrayList(Severity.values()));
        severity.setValue(model.suggestedSeverity());
        severity.setId("incident-severity");
        Label as = new Label("as");
        TextField owner = new TextField();
        owner.setPrefColumnCount(8);
        owner.textProperty().bindBidirectional(model.ownerProperty());
        Runnable ok = () -> {
            model.openIncident(title.getText(), severity.getValue());
            done.run();
        };
        title.setOnAction(e -> ok.run());
        owner.setOnAction(e -> ok.run());
        Button confirm = new Button("Open incident");
        confirm.setDefaultButton(true);
        confirm.setOnAction(e -> ok.run());
        Button cancel = new Button("Cancel");
        cancel.setOnAction(e -> done.run());
        HBox box = new HBox(8, what, title, severity, as, owner, confirm, cancel);
        Label severityMeaning = new Label();
        severityMeaning.textProperty().bind(Bindings.createStringBinding(
                () -> severity.getValue() == null ? "" : severity.getValue().label() + ": " + severity.getValue().description(),
                severity.valueProperty()));
        severityMeaning.getStyleClass().add(StyleClasses.MUTED);
        return new Editor(bar(new VBox(6, box, severityMeaning)), title,
                () -> owner.textProperty().unbindBidirectional(model.ownerProperty()));
    }

    static javafx.scene.layout.Region spacer() {
        javafx.scene.layout.Region r = new javafx.scene.layout.Region();
        HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }

    static javafx.scene.layout.Pane bar(javafx.scene.layout.Pane content) {
        if (content instanceof HBox h) {
            h.setAlignment(Pos.CENTER_LEFT);
        } else {
            content.getChildren().stream().filter(HBox.class::isInstance)
                    .forEach(n -> ((HBox) n).setAlignment(Pos.CENTER_LEFT));
        }
        content.getStyleClass().addAll(StyleClasses.PANEL, StyleClasses.EDITOR);
        return content;
    }

    /** An editor's node, the field that takes the focus when it opens, and how it lets go of the model. */
    record Editor(javafx.scene.layout.Pane node, javafx.scene.Node focus, Runnable release) {
    }
}
