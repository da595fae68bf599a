package io.pharos.views.alerts;

import io.pharos.styles.StyleClasses;
import io.pharos.views.shell.ShellContext;
import javafx.beans.InvalidationListener;
import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The chosen alert: what it is, since when (in the zone shown), who has it, what mutes it, and its
 * series charted around its time with the alert marked. Binds on construction; {@link #dispose()} unbinds.
 */
final class AlertDetailPanel {
    private final AlertQueueViewModel model;
    private final AlertDetailModel detail;
    private final ShellContext context;
    private final VBox box = new VBox(10);
    private final ScrollPane scroll = new ScrollPane(box);
    private final Label title = new Label();
    private final Label simulated = AlertTable.simulatedBadge();
    private final GridPane facts = new GridPane();
    private final Label chartTitle = new Label();
    private final AlertChart chart;
    private final VBox history = new VBox(2);
    private final Label nothing = new Label("Choose an alert (arrows, Enter) to see its details and chart.");
    private final ChangeListener<AlertItem> focusListener = (o, a, b) -> showAlert(b);
    private final ChangeListener<AlertDetailModel.ChartData> chartListener = (o, a, b) -> showChart(b);
    private final ListChangeListener<String> historyListener = c -> showHistory();
    private final InvalidationListener zoneListener;

    /** The chart's series as data: the alert's condition series around its time, as drawn. */
    private io.pharos.views.common.TableData chartData() {
        AlertDetailModel.ChartData d = detail.chartProperty().get();
        return d == null || d.series() == null
                ? new io.pharos.views.common.TableData(java.util.List.of("time"), java.util.List.of())
                : io.pharos.views.common.TableData.ofSeries(java.util.Map.of(d.title(), d.series()));
    }

    AlertDetailPanel(AlertQueueViewModel model, AlertDetailModel detail, ShellContext context) {
        this.model = model;
        this.detail = detail;
        this.context = context;
        chart = new AlertChart(context.zone().getValue(), context.zoneName().getValue());
        box.setId("alert-detail");
        box.getStyleClass().add(StyleClasses.PANEL);
        title.getStyleClass().add(StyleClasses.PANEL_TITLE);
        title.setWrapText(true);
        HBox header = new HBox(8, title, simulated);
        header.setAlignment(Pos.CENTER_LEFT);
        facts.setHgap(12);
        facts.setVgap(4);
        chartTitle.getStyleClass().add(StyleClasses.MUTED);
        chartTitle.setWrapText(true);
        chart.setMinHeight(220);
        chart.setPrefHeight(260);
        Label historyTitle = new Label("State changes");
        historyTitle.getStyleClass().add(StyleClasses.KPI_LABEL);
        nothing.getStyleClass().add(StyleClasses.MUTED);
        nothing.setWrapText(true);
        box.getChildren().setAll(nothing);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add(StyleClasses.ALERT_DETAIL);
        scroll.setMinWidth(320);
        scroll.setPrefWidth(380);
        model.focusedProperty().addListener(focusListener);
        detail.chartProperty().addListener(chartListener);
        detail.history().addListener(historyListener);
        zoneListener = o -> {
            chart.zone(context.zone().getValue(), context.zoneName().getValue());
            showAlert(model.focusedProperty().get());
        };
        context.zone().addListener(zoneListener);
        content = new VBox(10, header, facts, chartTitle, chart, historyTitle, history);
        model.installChartExport(chart, this::chartData, () -> {
            AlertItem i = model.focusedProperty().get();
            return io.pharos.views.common.TableExportMenu.fileName("alert " + (i == null ? "" : i.name()));
        });
        showAlert(model.focusedProperty().get());
    }

    private final VBox content;

    ScrollPane node() {
        return scroll;
    }

    private void showAlert(AlertItem i) {
        if (i == null) {
            box.getChildren().setAll(nothing);
            detail.show(null);
            return;
        }
        box.getChildren().setAll(content);
        title.setText(i.name() + (i.region().isEmpty() ? "" : " · " + i.region()));
        simulated.setVisible(i.simulated());
        simulated.setManaged(i.simulated());
        facts.getChildren().clear();
        long now = model.nowMs();
        var a = i.row().alert().alert();
        String zone = context.zoneName().getValue();
        int row = 0;
        row = fact(row, "State", i.stateText() + (i.flapping() ? " · flapping (notifications held back)" : ""));
        row = fact(row, "Severity", i.severity().isEmpty() ? "none" : i.severity());
        row = fact(row, i.state() == QueueState.RESOLVED ? "Resolved" : a.firingSinceMs() > 0 ? "Firing since" : "Pending since",
                AlertTimes.at(i.sinceMs(), now, context.zone().getValue(), zone) + " (" + i.age() + ")");
        row = fact(row, "Value", Double.isNaN(a.lastValue()) ? "–" : AlertDetailModel.number(a.lastValue()));
        if (i.row().acknowledgement() != null) {
            row = fact(row, "Owner", i.owner() + ", until " + AlertTimes.at(i.row().acknowledgement().untilMs(), now,
                    context.zone().getValue(), zone));
        }
        if (!i.mutedBy().isEmpty()) {
            row = fact(row, "Muted", i.mutedBy());
        }
        if (!i.summary().isEmpty()) {
            row = fact(row, "Summary", i.summary());
        }
        String description = i.row().alert().annotations().getOrDefault("description", "");
        if (!description.isEmpty() && !description.equals(i.summary())) {
            row = fact(row, "Description", description);
        }
        for (var annotation : new java.util.TreeMap<>(i.row().alert().annotations()).entrySet()) {
            if (!annotation.getKey().equals("summary") && !annotation.getKey().equals("description")) {
                row = fact(row, annotation.getKey(), annotation.getValue());
            }
        }
        fact(row, "Labels", i.labels().toString());
        chartTitle.setText("Reading the chart…");
        detail.show(i);
    }

    private int fact(int row, String caption, String value) {
        Label c = new Label(caption);
        c.getStyleClass().add(StyleClasses.KPI_LABEL);
        c.setMinWidth(Region.USE_PREF_SIZE);
        Label v = new Label(value);
        v.setWrapText(true);
        v.setMaxWidth(Double.MAX_VALUE);
        GridPane.setHgrow(v, Priority.ALWAYS);
        if ("State".equals(caption)) {
            v.setId("alert-detail-state");
        } else if ("Muted".equals(caption)) {
            v.setId("alert-detail-muted");
        } else if ("Owner".equals(caption)) {
            v.setId("alert-detail-owner");
        }
        facts.addRow(row, c, v);
        return row + 1;
    }

    private void showChart(AlertDetailModel.ChartData d) {
        chartTitle.setText(d == null ? "" : d.title() + (d.series() != null && d.series().simulated() ? " · simulated" : ""));
        chart.show(d);
        boolean drawn = d != null && d.series() != null; // an empty frame says nothing the title does not
        chart.setVisible(drawn);
        chart.setManaged(drawn);
    }

    private void showHistory() {
        history.getChildren().setAll(detail.history().isEmpty() ? java.util.List.of(muted("No state change recorded"))
                : detail.history().stream().map(AlertDetailPanel::muted).toList());
    }

    private static Label muted(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(StyleClasses.MUTED);
        return l;
    }

    void dispose() {
        model.focusedProperty().removeListener(focusListener);
        detail.chartProperty().removeListener(chartListener);
        detail.history().removeListener(historyListener);
        context.zone().removeListener(zoneListener);
    }
}
