package io.pharos.views.incidents;

import io.pharos.engine.incident.Incident;
import io.pharos.engine.incident.IncidentStatus;
import io.pharos.engine.incident.LinkedAlert;
import io.pharos.engine.incident.RunbookLink;
import io.pharos.engine.incident.Severity;
import io.pharos.engine.incident.TimelineEntry;
import io.pharos.styles.StyleClasses;
import io.pharos.views.shell.ShellContext;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import javafx.beans.InvalidationListener;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The incident selected: who, what, how bad, where in its lifecycle; its alerts and runbooks; the
 * timeline as it grows (times in the zone shown); notes, commander, severity and postmortem.
 */
final class IncidentDetailView {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss", Locale.ROOT);

    private Runnable afterPostmortem = () -> { };
    private final VBox root = new VBox(10);
    private final IncidentsViewModel model;
    private final ShellContext context;
    private final Label title = new Label();
    private final Label facts = new Label();
    private final Label chain = new Label();
    private final HBox lifecycle = new HBox(8);
    private final Label alerts = new Label();
    private final Label runbooks = new Label();
    private final ListView<TimelineEntry> timeline = new ListView<>();
    private final TextField note = new TextField();
    private final TextField commander = new TextField();
    private final ComboBox<Severity> severity = new ComboBox<>();
    private final TextField summary = new TextField();
    private final TextField rootCause = new TextField();
    private final ChangeListener<IncidentDetail> detailListener = (obs, o, n) -> show(n);
    private final InvalidationListener zoneListener = o -> timeline.refresh();

    IncidentDetailView(IncidentsViewModel model, ShellContext context) {
        this.model = model;
        this.context = context;
        root.getStyleClass().add(StyleClasses.PANEL);
        root.setId("incident-detail");
        title.getStyleClass().add(StyleClasses.PANEL_TITLE);
        title.setId("incident-title");
        title.setWrapText(true);
        facts.setId("incident-facts");
        chain.getStyleClass().add(StyleClasses.MUTED);
        lifecycle.setAlignment(Pos.CENTER_LEFT);

        commander.setPromptText("name, Enter");
        commander.setId("incident-commander");
        commander.setOnAction(e -> {
            if (!commander.getText().isBlank()) {
                model.setCommander(commander.getText().strip());
            }
        });
        severity.getItems().setAll(Severity.values());
        severity.setId("incident-severity");
        Button setSeverity = new Button("Set severity");
        setSeverity.setOnAction(e -> model.setSeverity(severity.getValue(), "changed in the console"));
        HBox people = new HBox(8, new Label("Commander"), commander, severity, setSeverity);
        people.setAlignment(Pos.CENTER_LEFT);

        timeline.setId("incident-timeline");
        timeline.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(TimelineEntry e, boolean empty) {
                super.updateItem(e, empty);
                setText(empty || e == null ? null : TIME.format(Instant.ofEpochMilli(e.atMs())
                        .atZone(context.zone().getValue())) + "  " + e.actor() + "  " + e.text());
                setWrapText(true);
                setPrefWidth(0);
            }
        });
        timeline.setPlaceholder(new Label("Select an incident to see its timeline."));
        VBox.setVgrow(timeline, Priority.ALWAYS);
        Label timelineTitle = new Label();
        timelineTitle.textProperty().bind(context.zoneName().map(z -> "TIMELINE (times in " + z + ")"));
        timelineTitle.getStyleClass().add(StyleClasses.KPI_LABEL);

        note.setPromptText("Add a note to the timeline (Enter)");
        note.setId("incident-note");
        note.setOnAction(e -> {
            if (!note.getText().isBlank()) {
                model.addNote(note.getText().strip());
                note.clear();
            }
        });

        summary.setPromptText("postmortem summary");
        summary.setId("postmortem-summary");
        rootCause.setPromptText("root cause");
        rootCause.setId("postmortem-cause");
        summary.setPrefColumnCount(12);
        rootCause.setPrefColumnCount(12);
        HBox.setHgrow(summary, Priority.ALWAYS);
        HBox.setHgrow(rootCause, Priority.ALWAYS);
        Button save = new Button("Save postmortem");
        save.setId("postmortem-save");
        save.disableProperty().bind(summary.textProperty().isEmpty().or(rootCause.textProperty().isEmpty()));
        save.setOnAction(e -> model.writePostmortem(summary.getText().strip(), rootCause.getText().strip()));
        // By keyboard: Enter in the summary goes on to the root cause, Enter there saves.
        summary.setOnAction(e -> rootCause.requestFocus());
        rootCause.setOnAction(e -> {
            if (!save.isDisabled()) {
                save.fire();
                afterPostmortem.run(); // out of the field, so that the next key (E exports) is a command
            }
        });
        Button export = new Button("Export postmortem");
        export.setId("postmortem-export");
        export.setOnAction(e -> model.exportPostmortem());
        save.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        export.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox postmortem = new HBox(8, summary, rootCause, save, export);
        postmortem.setAlignment(Pos.CENTER_LEFT);

        root.getChildren().addAll(title, facts, lifecycle, people, alerts, runbooks, timelineTitle, timeline, note,
                postmortem, chain);
        if (model.readOnly()) {
            // A snapshot's incident is read, and its postmortem exported; nothing in it changes.
            for (javafx.scene.Node n : List.of(lifecycle, people, note, summary, rootCause, save)) {
                n.setVisible(false);
                n.setManaged(false);
            }
        }
        model.detailProperty().addListener(detailListener);
        context.zone().addListener(zoneListener);
        show(model.detailProperty().get());
    }

    private void show(IncidentDetail d) {
        root.setDisable(d == null);
        if (d == null) {
            title.setText(model.available() ? "No incident selected" : "Alerting is off: no incidents");
            facts.setText("");
            lifecycle.getChildren().clear();
            timeline.getItems().clear();
            alerts.setText("");
            runbooks.setText("");
            chain.setText("");
            return;
        }
        Incident i = d.incident();
        title.setText(i.id() + " · " + i.title());
        facts.setText(i.severity().name() + " · " + i.status().id() + " · commander "
                + (i.commander() == null || i.commander().isBlank() ? "not named" : i.commander())
                + (i.regions().isEmpty() ? "" : " · regions " + String.join(", ", i.regions())));
        facts.getStyleClass().removeAll(StyleClasses.SEVERITY_CRITICAL, StyleClasses.SEVERITY_WARNING);
        if (i.open()) {
            facts.getStyleClass().add(i.severity().ordinal() <= 1 ? StyleClasses.SEVERITY_CRITICAL
                    : StyleClasses.SEVERITY_WARNING);
        }
        lifecycle.getChildren().clear();
        for (IncidentStatus next : model.readOnly() ? List.<IncidentStatus>of() : d.next()) {
            Button b = new Button(verb(next));
            b.setId("move-" + next.id());
            b.setOnAction(e -> model.moveTo(next));
            lifecycle.getChildren().add(b);
        }
        if (d.next().isEmpty() && !model.readOnly()) {
            lifecycle.getChildren().add(new Label("Closed: the timeline is final."));
        }
        severity.setValue(i.severity());
        if (!commander.isFocused()) {
            commander.setText(i.commander() == null ? "" : i.commander());
        }
        alerts.setText(i.alerts().isEmpty() ? "No linked alerts" : "Alerts: " + String.join(", ",
                i.alerts().stream().map(IncidentDetailView::alertText).toList()));
        alerts.setWrapText(true);
        runbooks.setText(i.runbooks().isEmpty() ? "No runbooks linked" : "Runbooks: " + String.join(", ",
                i.runbooks().stream().map(RunbookLink::url).toList()));
        if (!timeline.getItems().equals(d.timeline())) {
            boolean atEnd = timeline.getItems().isEmpty();
            timeline.getItems().setAll(d.timeline());
            if (atEnd || !d.timeline().isEmpty()) {
                timeline.scrollTo(d.timeline().size() - 1); // the newest entry, as it grows
            }
        }
        chain.setText(d.chainIntact() ? "Timeline verified: " + d.timeline().size() + " entries, hash chain intact"
                : "Timeline does NOT verify: " + d.chainText());
        chain.getStyleClass().removeAll(StyleClasses.SEVERITY_CRITICAL);
        if (!d.chainIntact()) {
            chain.getStyleClass().add(StyleClasses.SEVERITY_CRITICAL);
        }
    }

    private static String alertText(LinkedAlert a) {
        return a.name() + (a.labels().get("region") == null ? "" : " " + a.labels().get("region"))
                + (a.resolved() ? " (resolved)" : "");
    }

    static String verb(IncidentStatus to) {
        return switch (to) {
            case ACKNOWLEDGED -> "Acknowledge";
            case MITIGATING -> "Start mitigating";
            case RESOLVED -> "Resolve";
            case CLOSED -> "Close";
            case TRIGGERED -> "Trigger";
        };
    }

    TextField noteField() {
        return note;
    }

    /** Where the keyboard goes once the postmortem is saved with Enter. */
    void afterPostmortemSaved(Runnable r) {
        afterPostmortem = r;
    }

    TextField postmortemField() {
        return summary;
    }

    VBox root() {
        return root;
    }

    void dispose() {
        model.detailProperty().removeListener(detailListener);
        context.zone().removeListener(zoneListener);
    }
}
