package io.pharos.views.region;

import io.pharos.styles.StyleClasses;
import io.pharos.views.common.FramePacer;
import io.pharos.views.shell.ShellContext;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import javafx.beans.InvalidationListener;
import javafx.beans.value.ChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;

/**
 * The charts of the region: latency percentiles, requests, errors, CPU, memory and traffic share in a
 * grid, and beside them the scaling and traffic events of the range. The charts' width sets how many
 * points the model reads (about one per pixel).
 */
final class RegionCharts {
    static final List<String> TITLES = List.of("Latency", "Requests", "Errors", "CPU", "Memory", "Traffic share");
    private final GridPane root = new GridPane();
    private final RegionChart[] charts = new RegionChart[TITLES.size()];
    private final ListView<RegionEvent> events;
    private final RegionViewModel model;
    private final ShellContext context;
    private final ChangeListener<List<ChartData>> chartsListener = (o, a, b) -> show(b);
    private final InvalidationListener zoneListener = o -> zone();
    private final ChangeListener<Number> widthListener;
    private final FramePacer pacer = new FramePacer();

    RegionCharts(RegionViewModel model, ShellContext context) {
        this.model = model;
        this.context = context;
        root.setHgap(12);
        root.setVgap(12);
        for (int i = 0; i < charts.length; i++) {
            charts[i] = new RegionChart(TITLES.get(i));
            charts[i].root().setId("region-chart-" + io.pharos.views.common.TableExportMenu.fileName(TITLES.get(i)));
            root.add(charts[i].root(), i % 3, i / 3);
        }
        events = new ListView<>(model.events());
        events.setId("region-events");
        events.setFocusTraversable(false);
        events.setCellFactory(l -> new EventCell());
        Label none = new Label("No scaling or traffic events in the range: the host count stayed the same and"
                + " no traffic was moved.");
        none.setWrapText(true);
        none.getStyleClass().add(StyleClasses.MUTED);
        events.setPlaceholder(none);
        events.setMinHeight(0);
        Label title = new Label("Scaling & traffic");
        title.getStyleClass().add(StyleClasses.PANEL_TITLE);
        // Each chart's data exports from its context menu; where it went is said here.
        Label exported = new Label();
        exported.setId("region-chart-export");
        exported.setWrapText(true);
        exported.getStyleClass().add(StyleClasses.MUTED);
        exported.managedProperty().bind(exported.textProperty().isNotEmpty());
        for (RegionChart c : charts) {
            io.pharos.views.common.TableExportMenu.installOn(c.root(), c::data,
                    () -> io.pharos.views.common.TableExportMenu.fileName(c.title() + " " + model.regionProperty().get()),
                    context.exports(), model.executor(), model.clock(), exported::setText);
        }
        VBox panel = new VBox(6, title, events, exported);
        VBox.setVgrow(events, Priority.ALWAYS);
        panel.getStyleClass().add(StyleClasses.PANEL);
        panel.setMinSize(0, 0);
        root.add(panel, 3, 0, 1, 2);
        for (int c = 0; c < 3; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(26);
            cc.setHgrow(Priority.ALWAYS);
            root.getColumnConstraints().add(cc);
        }
        ColumnConstraints side = new ColumnConstraints();
        side.setPercentWidth(22);
        root.getColumnConstraints().add(side);
        for (int r = 0; r < 2; r++) {
            RowConstraints rc = new RowConstraints();
            rc.setPercentHeight(50);
            rc.setVgrow(Priority.ALWAYS);
            root.getRowConstraints().add(rc);
        }
        root.setMinHeight(0);
        widthListener = (o, a, b) -> model.chartPointsProperty().set(Math.max(50, b.intValue()));
        charts[0].chart().widthProperty().addListener(widthListener);
        model.chartsProperty().addListener(chartsListener);
        context.zone().addListener(zoneListener);
        zone();
    }

    GridPane root() {
        return root;
    }

    private void zone() {
        for (RegionChart c : charts) {
            c.zone(context.zone().getValue(), context.zoneName().getValue());
        }
        show(model.chartsProperty().get());
        events.refresh();
    }

    private void show(List<ChartData> data) {
        for (int i = 0; i < charts.length && i < data.size(); i++) {
            RegionChart chart = charts[i];
            ChartData d = data.get(i);
            pacer.submit(chart, () -> chart.show(d)); // one chart a frame: all six at once overran one
        }
    }

    void dispose() {
        pacer.stop();
        charts[0].chart().widthProperty().removeListener(widthListener);
        model.chartsProperty().removeListener(chartsListener);
        context.zone().removeListener(zoneListener);
    }

    /** "14:05 +4 hosts of checkout", the time in the shell's zone. */
    private final class EventCell extends ListCell<RegionEvent> {
        @Override
        protected void updateItem(RegionEvent e, boolean empty) {
            super.updateItem(e, empty);
            if (empty || e == null) {
                setText(null);
                return;
            }
            String at = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss", Locale.ROOT).withZone(context.zone().getValue())
                    .format(Instant.ofEpochMilli(e.atMs()));
            setText(at + " " + context.zoneName().getValue() + "  " + e.text());
            setWrapText(true);
        }
    }
}
