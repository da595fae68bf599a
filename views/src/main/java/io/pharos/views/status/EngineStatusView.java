package io.pharos.views.status;

import io.pharos.styles.StyleClasses;
import java.time.ZoneId;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The first window: is the engine running, what feeds it, how fast, and one live chart. Honest, not
 * pretty: the dashboards come later. Binds on construction; {@link #dispose()} unbinds.
 */
public final class EngineStatusView {
    private final EngineStatusViewModel model;
    private final BorderPane root = new BorderPane();
    private final SeriesChart chart;
    private final ChangeListener<io.pharos.engine.query.TimeSeries> chartListener;

    public EngineStatusView(EngineStatusViewModel model, ZoneId zone) {
        this.model = model;
        this.chart = new SeriesChart(zone);
        root.getStyleClass().add("engine-status");
        root.setPadding(new Insets(16));

        Label title = new Label("Pharos — embedded engine");
        title.getStyleClass().add(StyleClasses.SCREEN_TITLE);
        Label zoneLabel = new Label("Times in " + zone.getId());
        zoneLabel.getStyleClass().add(StyleClasses.MUTED);
        HBox header = new HBox(16, title, zoneLabel);
        header.setPadding(new Insets(0, 0, 12, 0));
        root.setTop(header);

        GridPane figures = new GridPane();
        figures.setHgap(24);
        figures.setVgap(6);
        addFigure(figures, 0, "Series", model.seriesProperty());
        addFigure(figures, 1, "Ingest rate", model.ingestRateProperty());
        addFigure(figures, 2, "Samples written", model.samplesProperty());
        addFigure(figures, 3, "Store on disk", model.storeSizeProperty());
        addFigure(figures, 4, "Head in memory", model.headMemoryProperty());
        addFigure(figures, 5, "Alerts", model.alertsProperty());
        addFigure(figures, 6, "Rules", model.rulesProperty());
        VBox figuresPanel = panel("Engine", figures);
        figuresPanel.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);

        TableView<SourceRow> sources = new TableView<>(model.sources());
        sources.getColumns().add(column("Source", SourceRow::name, 200));
        sources.getColumns().add(column("Data", SourceRow::kind, 100));
        sources.getColumns().add(column("State", SourceRow::state, 90));
        sources.getColumns().add(column("Samples", SourceRow::samples, 120));
        sources.getColumns().add(column("Message", SourceRow::message, 320));
        sources.setPlaceholder(new Label("No source is running: start Pharos without --no-fleet or --no-host-metrics."));
        sources.setPrefHeight(150);
        sources.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        VBox sourcesPanel = panel("Sources", sources);
        HBox.setHgrow(sourcesPanel, Priority.ALWAYS);

        HBox top = new HBox(16, figuresPanel, sourcesPanel);

        ComboBox<ChartChoice> picker = new ComboBox<>(model.chartChoices());
        picker.valueProperty().bindBidirectional(model.chartChoiceProperty());
        picker.valueProperty().addListener((obs, o, n) -> model.refresh());
        Label chartTitle = new Label();
        chartTitle.textProperty().bind(model.chartTitleProperty());
        chartTitle.getStyleClass().add(StyleClasses.PANEL_TITLE);
        Label simulated = new Label("SIMULATED");
        simulated.getStyleClass().add(StyleClasses.SIMULATED_BADGE);
        simulated.visibleProperty().bind(model.chartSimulatedProperty());
        simulated.managedProperty().bind(simulated.visibleProperty());
        Label span = new Label("last " + EngineStatusViewModel.CHART_SPAN.toMinutes() + " min, average per step");
        span.getStyleClass().add(StyleClasses.MUTED);
        HBox chartHeader = new HBox(12, picker, chartTitle, simulated, span);
        VBox chartPanel = new VBox(8, chartHeader, chart);
        chartPanel.getStyleClass().add(StyleClasses.PANEL);
        VBox.setVgrow(chart, Priority.ALWAYS);

        Label error = new Label();
        error.textProperty().bind(model.errorProperty());
        error.getStyleClass().add(StyleClasses.SEVERITY_CRITICAL);
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        error.setWrapText(true);

        VBox center = new VBox(16, error, top, chartPanel);
        VBox.setVgrow(chartPanel, Priority.ALWAYS);
        root.setCenter(center);

        chartListener = (obs, o, n) -> {
            if (n != null) {
                chart.show(n);
            }
        };
        model.chartProperty().addListener(chartListener);
    }

    /** One figure per row: caption, then the value, which never shrinks below its text. */
    private static void addFigure(GridPane grid, int row, String caption, javafx.beans.value.ObservableStringValue value) {
        Label v = new Label();
        v.textProperty().bind(value);
        v.getStyleClass().add(StyleClasses.FIGURE_VALUE);
        v.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Label c = new Label(caption);
        c.getStyleClass().add(StyleClasses.KPI_LABEL);
        grid.add(c, 0, row);
        grid.add(v, 1, row);
    }

    private static VBox panel(String title, javafx.scene.Node content) {
        Label t = new Label(title);
        t.getStyleClass().add(StyleClasses.PANEL_TITLE);
        VBox box = new VBox(8, t, content);
        box.getStyleClass().add(StyleClasses.PANEL);
        return box;
    }

    private static TableColumn<SourceRow, String> column(String name, java.util.function.Function<SourceRow, String> f,
                                                         double width) {
        TableColumn<SourceRow, String> c = new TableColumn<>(name);
        c.setCellValueFactory(cd -> new javafx.beans.property.ReadOnlyStringWrapper(f.apply(cd.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    public Parent root() {
        return root;
    }

    /** Removes the listener on the model, so a closed view leaves nothing behind. */
    public void dispose() {
        model.chartProperty().removeListener(chartListener);
    }
}
