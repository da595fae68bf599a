package io.pharos.views.status;

import io.pharos.styles.StyleClasses;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The form of one source: its kind (fixed once it exists), each field of the kind with an example in
 * the empty field, what was wrong with the last save, Save and Cancel (Esc). It only collects; the
 * sources panel saves.
 */
final class SourceEditor {
    private final VBox root = new VBox(10);
    private final ComboBox<SourceSettings.Kind> kind;
    private final GridPane form = new GridPane();
    private final Label problem = new Label();
    private final Button save = new Button("Save");
    private final Map<String, TextInputControl> inputs = new LinkedHashMap<>();
    private final SourceSettings.Entry original;

    /**
     * @param original the source edited, or null for a new one
     * @param onSave   called with the form's entry when Save is pressed
     */
    SourceEditor(SourceSettings settings, SourceSettings.Entry original, Consumer<SourceSettings.Entry> onSave,
                 Runnable onCancel) {
        this.original = original;
        root.getStyleClass().addAll(StyleClasses.PANEL, StyleClasses.EDITOR);
        root.setId("source-editor");
        Label title = new Label(original == null ? "Add a source" : "Edit " + name(settings, original));
        title.getStyleClass().add(StyleClasses.PANEL_TITLE);
        kind = new ComboBox<>(FXCollections.observableArrayList(settings.kinds()));
        kind.setCellFactory(l -> new KindCell());
        kind.setButtonCell(new KindCell());
        kind.setDisable(original != null);
        Label where = new Label("Saved in " + settings.where() + "; the source starts (or restarts) at once.");
        where.getStyleClass().add(StyleClasses.MUTED);
        where.setWrapText(true);
        title.setMinWidth(Region.USE_PREF_SIZE);
        HBox head = new HBox(12, title, kind);
        head.setAlignment(Pos.CENTER_LEFT);

        form.setHgap(12);
        form.setVgap(6);
        problem.getStyleClass().add(StyleClasses.SEVERITY_CRITICAL);
        problem.setWrapText(true);
        problem.setId("source-editor-problem");
        problem.managedProperty().bind(problem.visibleProperty());
        problem.setVisible(false);

        save.setDefaultButton(true);
        save.setId("source-save");
        save.setOnAction(e -> onSave.accept(entry()));
        Button cancel = new Button("Cancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> onCancel.run());
        HBox buttons = new HBox(8, save, cancel);
        root.getChildren().addAll(head, where, form, problem, buttons);
        root.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                onCancel.run();
                e.consume();
            }
        });

        kind.valueProperty().addListener((o, a, k) -> showFields(k, original));
        SourceSettings.Kind first = original == null ? settings.kinds().getFirst()
                : settings.kinds().stream().filter(k -> k.id().equals(original.kind())).findFirst().orElseThrow();
        kind.setValue(first);
    }

    private static String name(SourceSettings settings, SourceSettings.Entry e) {
        String n = e.fields().getOrDefault("name", e.fields().getOrDefault("listen", ""));
        String kindTitle = settings.kinds().stream().filter(k -> k.id().equals(e.kind())).map(k -> k.title())
                .findFirst().orElse(e.kind());
        return kindTitle.toLowerCase(java.util.Locale.ROOT) + " " + n;
    }

    private void showFields(SourceSettings.Kind k, SourceSettings.Entry values) {
        Map<String, String> before = new LinkedHashMap<>();
        inputs.forEach((key, input) -> before.put(key, input.getText()));
        form.getChildren().clear();
        inputs.clear();
        int row = 0;
        for (SourceSettings.Field f : k.fields()) {
            Label caption = new Label(f.key() + (f.required() ? " *" : ""));
            caption.getStyleClass().add(StyleClasses.KPI_LABEL);
            caption.setMinWidth(Region.USE_PREF_SIZE);
            TextInputControl input = f.lines() ? lines() : new TextField();
            input.setId("source-field-" + f.key());
            input.setPromptText(f.lines() ? f.hint() : "e.g. " + f.hint());
            String value = values != null ? values.fields().get(f.key()) : before.get(f.key());
            input.setText(value == null ? "" : value);
            GridPane.setHgrow(input, Priority.ALWAYS);
            form.addRow(row++, caption, input);
            inputs.put(f.key(), input);
        }
    }

    private static TextArea lines() {
        TextArea area = new TextArea();
        area.setPrefRowCount(4);
        area.setWrapText(false);
        return area;
    }

    /** The form as an entry: each field's text, blank ones left out. */
    SourceSettings.Entry entry() {
        Map<String, String> fields = new LinkedHashMap<>();
        inputs.forEach((key, input) -> {
            if (!input.getText().isBlank()) {
                fields.put(key, input.getText().strip());
            }
        });
        return new SourceSettings.Entry(kind.getValue().id(), fields);
    }

    SourceSettings.Entry original() {
        return original;
    }

    /** While a save runs: nothing to press twice. */
    void busy(boolean busy) {
        save.setDisable(busy);
    }

    void showProblem(String message) {
        problem.setText(message);
        problem.setVisible(!message.isEmpty());
    }

    /** The first field, for the focus. */
    void focus() {
        List<TextInputControl> all = List.copyOf(inputs.values());
        if (original == null) {
            kind.requestFocus();
        } else if (!all.isEmpty()) {
            all.getFirst().requestFocus();
        }
    }

    Node root() {
        return root;
    }

    private static final class KindCell extends ListCell<SourceSettings.Kind> {
        @Override
        protected void updateItem(SourceSettings.Kind k, boolean empty) {
            super.updateItem(k, empty);
            setText(empty || k == null ? null : k.title());
        }
    }
}
