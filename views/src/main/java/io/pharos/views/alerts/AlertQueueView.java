package io.pharos.views.alerts;

import io.pharos.styles.StyleClasses;
import io.pharos.views.shell.ShellContext;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The alert queue: filters and search on top, the grouped queue beside the chosen alert's details, the
 * silences in force under them when asked for (L), and below the editor open (acknowledge, silence,
 * incident, expire a silence) or the keys to press. Binds on construction; {@link #dispose()} unbinds.
 */
final class AlertQueueView {
    private final AlertQueueViewModel model;
    private final BorderPane root = new BorderPane();
    private final AlertTable table;
    private final AlertDetailPanel detail;
    private final SilenceList silences;
    private final ToggleButton silencesToggle = new ToggleButton();
    private final ChangeListener<Boolean> silencesShownListener;
    private boolean editorFromSilences;
    private final TextField search = new TextField();
    private final StackPane editorArea = new StackPane();
    private final Label empty = new Label();
    private AlertEditors.Editor editor;
    private final ChangeListener<String> severityListener;
    private final ChangeListener<String> modelSeverityListener;

    AlertQueueView(AlertQueueViewModel model, AlertDetailModel detailModel, ShellContext context) {
        this.model = model;
        root.setId("alert-queue");
        root.getStyleClass().add(StyleClasses.ALERT_QUEUE);
        root.setPadding(new Insets(16));
        table = new AlertTable(model);
        detail = new AlertDetailPanel(model, detailModel, context);
        silences = new SilenceList(model.silenceList(), this::confirmExpiry);
        model.installExports(table.node(), table::data, silences.table());

        search.setId("alert-search");
        search.setPromptText("Search labels, summary, owner…   ( / )");
        search.textProperty().bindBidirectional(model.searchProperty());
        search.setPrefColumnCount(24);
        search.setOnAction(e -> focusTable());
        HBox filters = new HBox(6);
        filters.setAlignment(Pos.CENTER_LEFT);
        for (QueueState s : QueueState.values()) {
            ToggleButton chip = new ToggleButton();
            chip.setId("filter-" + s.name().toLowerCase(java.util.Locale.ROOT));
            chip.getStyleClass().add(StyleClasses.FILTER_CHIP);
            chip.selectedProperty().bindBidirectional(model.shownProperty(s));
            chip.textProperty().bind(Bindings.concat(s.title(), " ", model.countProperty(s)));
            chip.setMinWidth(ToggleButton.USE_PREF_SIZE);
            filters.getChildren().add(chip);
        }
        ComboBox<String> severity = new ComboBox<>(FXCollections.observableArrayList("all severities", "critical",
                "warning", "info"));
        severity.setId("filter-severity");
        severity.setValue("all severities");
        severityListener = (o, a, b) -> model.severityProperty().set(b == null || b.startsWith("all") ? "" : b);
        severity.valueProperty().addListener(severityListener);
        modelSeverityListener = (o, a, b) -> severity.setValue(b == null || b.isEmpty() ? "all severities" : b);
        model.severityProperty().addListener(modelSeverityListener);
        silencesToggle.setId("silences-toggle");
        silencesToggle.getStyleClass().add(StyleClasses.FILTER_CHIP);
        silencesToggle.setMinWidth(ToggleButton.USE_PREF_SIZE);
        silencesToggle.textProperty().bind(Bindings.concat("Silences ", Bindings.size(model.silenceList().silences())));
        silencesToggle.selectedProperty().bindBidirectional(model.silenceList().shownProperty());
        HBox toolbar = new HBox(12, search, filters, silencesToggle, AlertEditors.spacer(), severity);
        toolbar.setAlignment(Pos.CENTER_LEFT);

        VBox top = new VBox(10, errorLine(), toolbar);
        top.setPadding(new Insets(0, 0, 10, 0));

        SplitPane split = new SplitPane(table.node(), detail.node());
        split.setDividerPositions(0.66);
        SplitPane.setResizableWithParent(detail.node(), false);
        empty.setId("alert-empty");
        empty.textProperty().bind(model.emptyTextProperty());
        empty.getStyleClass().add(StyleClasses.EMPTY_STATE);
        empty.setWrapText(true);
        empty.setMaxWidth(560);
        VBox emptyBox = new VBox(empty);
        emptyBox.setAlignment(Pos.CENTER);
        emptyBox.getStyleClass().add(StyleClasses.PANEL);
        emptyBox.visibleProperty().bind(model.emptyTextProperty().isNotEmpty());
        split.visibleProperty().bind(emptyBox.visibleProperty().not());
        StackPane queue = new StackPane(split, emptyBox);
        VBox.setVgrow(queue, Priority.ALWAYS);
        // The queue stays the larger part; the silences take a fixed band under it while shown.
        silences.node().visibleProperty().bind(model.silenceList().shownProperty());
        silences.node().managedProperty().bind(silences.node().visibleProperty());
        VBox center = new VBox(10, queue, silences.node());
        silencesShownListener = (o, was, now) -> {
            if (now) {
                silences.focus();
            } else if (silences.hasFocus() || silencesToggle.isFocused()) {
                focusTable();
            }
        };
        model.silenceList().shownProperty().addListener(silencesShownListener);

        editorArea.visibleProperty().bind(Bindings.isNotEmpty(editorArea.getChildren()));
        editorArea.managedProperty().bind(editorArea.visibleProperty());
        editorArea.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                closeEditor();
                e.consume();
            }
        });
        VBox bottom = new VBox(8, editorArea, statusLine());
        bottom.setPadding(new Insets(10, 0, 0, 0));

        // Keyboard first: the queue has the focus when the screen is shown.
        root.sceneProperty().addListener((o, was, now) -> {
            if (now != null && model.alertingOnProperty().get()) {
                javafx.application.Platform.runLater(this::focusTable);
            }
        });
        if (model.alertingOnProperty().get()) {
            root.setTop(top);
            root.setCenter(center);
            root.setBottom(bottom);
        } else {
            root.setCenter(emptyBox);
        }
    }

    private Label errorLine() {
        Label error = new Label();
        error.setId("alert-error");
        error.textProperty().bind(model.errorProperty());
        error.getStyleClass().add(StyleClasses.SEVERITY_CRITICAL);
        error.setWrapText(true);
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        return error;
    }

    private HBox statusLine() {
        HBox keys = new HBox(6);
        keys.setAlignment(Pos.CENTER_LEFT);
        String[][] hints = model.readOnly()
                ? new String[][] {{"L", "silences"}, {"/", "search"}, {"Enter", "details"}, {"?", "all keys"}}
                : new String[][] {{"K", "acknowledge"}, {"S", "silence"}, {"I", "incident"}, {"L", "silences"},
                        {"/", "search"}, {"Enter", "details"}, {"?", "all keys"}};
        for (String[] h : hints) {
            Label k = new Label(h[0]);
            k.getStyleClass().add(StyleClasses.SHORTCUT_KEYS);
            Label d = new Label(h[1]);
            d.getStyleClass().add(StyleClasses.MUTED);
            d.setPadding(new Insets(0, 8, 0, 0));
            keys.getChildren().addAll(k, d);
        }
        Label message = new Label();
        message.setId("alert-message");
        message.textProperty().bind(model.messageProperty());
        message.setMinWidth(0);
        HBox line = new HBox(16, keys, AlertEditors.spacer(), message);
        line.setAlignment(Pos.CENTER_LEFT);
        return line;
    }

    Parent root() {
        return root;
    }

    void acknowledge() {
        open(model.selection().isEmpty() ? null : AlertEditors.acknowledge(model, this::closeEditor));
    }

    void silence() {
        if (model.selection().isEmpty()) {
            open(null);
            return;
        }
        model.silenceEditor().startFor(model.selection());
        open(SilenceEditor.create(model.silenceEditor(), model.ownerProperty(), this::closeEditor));
    }

    void openIncident() {
        open(model.selection().isEmpty() ? null : AlertEditors.incident(model, this::closeEditor));
    }

    private void open(AlertEditors.Editor e) {
        if (!model.alertingOnProperty().get() || model.refusedReadOnly()) {
            return;
        }
        if (e == null) {
            // The model says what is missing.
            model.acknowledgeNothing();
            focusTable();
            return;
        }
        closeEditor();
        editor = e;
        editorArea.getChildren().setAll(e.node());
        e.focus().requestFocus();
    }

    void closeEditor() {
        if (editor != null) {
            editor.release().run();
            editor = null;
            editorArea.getChildren().clear();
            if (editorFromSilences && model.silenceList().shownProperty().get()) {
                silences.focus();
            } else {
                focusTable();
            }
            editorFromSilences = false;
        }
    }

    /** Escape: closes the editor open, else leaves the silences for the queue. */
    void escape() {
        if (editor != null) {
            closeEditor();
        } else if (silences.hasFocus()) {
            focusTable();
        }
    }

    /** Shows the silences (and gives them the keyboard), or hides them. */
    void toggleSilences() {
        if (model.alertingOnProperty().get()) {
            var shown = model.silenceList().shownProperty();
            shown.set(!shown.get());
        }
    }

    /** E: asks to expire the silence chosen in the list. */
    void expireSilence() {
        SilenceRow row = model.silenceList().selectedProperty().get();
        if (!model.silenceList().shownProperty().get() || row == null) {
            model.silenceList().expireNothing();
            return;
        }
        confirmExpiry(row);
    }

    private void confirmExpiry(SilenceRow row) {
        if (!model.alertingOnProperty().get() || model.refusedReadOnly()) {
            return;
        }
        open(SilenceExpiry.confirm(model.silenceList(), row, this::closeEditor));
        editorFromSilences = true;
    }

    void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }

    void details() {
        Node focused = root.getScene() == null ? null : root.getScene().getFocusOwner();
        if (focused instanceof ButtonBase b && editor != null && inside(focused, editorArea)) {
            b.fire(); // Enter on an editor's button presses it, as Space does
            return;
        }
        if (silences.hasFocus()) {
            return; // a silence has no details beyond its row
        }
        if (table.enter()) {
            detail.node().setVvalue(0);
        }
    }

    void focusTable() {
        table.node().requestFocus();
        table.selectFirstIfNone();
    }

    private static boolean inside(Node n, Node ancestor) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (p == ancestor) {
                return true;
            }
        }
        return false;
    }

    void dispose() {
        closeEditor();
        model.silenceList().shownProperty().removeListener(silencesShownListener);
        silencesToggle.selectedProperty().unbindBidirectional(model.silenceList().shownProperty());
        silencesToggle.textProperty().unbind();
        silences.dispose();
        search.textProperty().unbindBidirectional(model.searchProperty());
        model.severityProperty().removeListener(modelSeverityListener);
        table.dispose();
        detail.dispose();
    }
}
