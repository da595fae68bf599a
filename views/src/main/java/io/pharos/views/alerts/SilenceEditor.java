package io.pharos.views.alerts;

import io.pharos.styles.StyleClasses;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The silence editor: matchers, duration, reason and author, with the alerts it would mute listed as
 * the matchers are typed. Enter in a field saves; Escape cancels.
 */
final class SilenceEditor {
    private SilenceEditor() {
    }

    @SuppressWarnings("unchecked")
    static AlertEditors.Editor create(SilenceEditorModel model, javafx.beans.property.StringProperty author,
                                      Runnable done) {
        TextField matchers = field("silence-matchers", "alertname=\"HostCpuHigh\", region=\"eu-west-1\"");
        matchers.textProperty().bindBidirectional(model.matchersProperty());
        TextField duration = field("silence-duration", "2h, 30m, 1d");
        duration.setPrefColumnCount(6);
        duration.textProperty().bindBidirectional(model.durationProperty());
        TextField reason = field("silence-reason", "why: planned maintenance, known issue INC-12, …");
        reason.textProperty().bindBidirectional(model.reasonProperty());
        TextField who = field("silence-author", "your name");
        who.setPrefColumnCount(10);
        who.textProperty().bindBidirectional(author);

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        ColumnConstraints captions = new ColumnConstraints();
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(captions, fields, new ColumnConstraints(), new ColumnConstraints());
        grid.addRow(0, caption("Matchers"), matchers, caption("For"), duration);
        grid.addRow(1, caption("Reason"), reason, caption("Author"), who);

        Label problem = new Label();
        problem.setId("silence-problem");
        problem.textProperty().bind(model.problemProperty());
        problem.getStyleClass().add(StyleClasses.SEVERITY_CRITICAL);
        problem.setWrapText(true);
        problem.visibleProperty().bind(model.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());

        Label previewTitle = new Label();
        previewTitle.textProperty().bind(model.previewTextProperty());
        previewTitle.getStyleClass().add(StyleClasses.KPI_LABEL);
        ListView<String> preview = new ListView<>(model.preview());
        preview.setId("silence-preview");
        preview.setFocusTraversable(false);
        preview.prefHeightProperty().bind(Bindings.min(140, Bindings.size(model.preview()).multiply(26).add(4)));
        preview.visibleProperty().bind(Bindings.isNotEmpty(model.preview()));
        preview.managedProperty().bind(preview.visibleProperty());

        Button save = new Button("Save silence");
        save.setDefaultButton(true);
        Button cancel = new Button("Cancel");
        javafx.beans.value.ChangeListener<String>[] onSaved = new javafx.beans.value.ChangeListener[1];
        Runnable release = () -> {
            matchers.textProperty().unbindBidirectional(model.matchersProperty());
            duration.textProperty().unbindBidirectional(model.durationProperty());
            reason.textProperty().unbindBidirectional(model.reasonProperty());
            who.textProperty().unbindBidirectional(author);
            model.savedProperty().removeListener(onSaved[0]);
        };
        // Saving runs in the background: the editor closes when the engine has the silence.
        onSaved[0] = (o, was, now) -> {
            if (now != null && !now.isEmpty()) {
                done.run();
            }
        };
        model.savedProperty().addListener(onSaved[0]);
        for (TextField f : new TextField[] {matchers, duration, reason, who}) {
            f.setOnAction(e -> model.save());
        }
        save.setOnAction(e -> model.save());
        cancel.setOnAction(e -> done.run());
        Label title = new Label("Silence alerts");
        title.getStyleClass().add(StyleClasses.PANEL_TITLE);
        HBox buttons = new HBox(8, previewTitle, AlertEditors.spacer(), save, cancel);
        VBox box = new VBox(8, title, grid, problem, buttons, preview);
        box.setId("silence-editor");
        return new AlertEditors.Editor(AlertEditors.bar(box), reason, release);
    }

    private static TextField field(String id, String prompt) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        return f;
    }

    private static Label caption(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(StyleClasses.KPI_LABEL);
        l.setMinWidth(Label.USE_PREF_SIZE);
        return l;
    }
}
