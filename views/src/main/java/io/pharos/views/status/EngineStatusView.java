package io.pharos.views.status;

import io.pharos.styles.StyleClasses;
import io.pharos.views.shell.ShellContext;
import javafx.beans.InvalidationListener;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The engine status screen: is the engine running, what feeds it, how fast, and one chart over the
 * console's time range, in the zone shown. Binds on construction; {@link #dispose()} unbinds.
 */
public final class EngineStatusView {
    private final EngineStatusViewModel model;
    private final BorderPane root = new BorderPane();
    private final SeriesChart chart;
    private final ChangeListener<io.pharos.engine.query.TimeSeries> chartListener;
    private final ShellContext context;
    private final InvalidationListener zoneListener;
    private final Label span = new Label();
    private final VBox center;
    private final VBox chartPanel;

    public EngineStatusView(EngineStatusViewModel model, ShellContext context) {
        this(model, context, java.util.Optional.empty());
    }

    /** With {@code settings}, the sources can be added, edited and removed here. */
    public EngineStatusView(EngineStatusViewModel model, ShellContext context,
                            java.util.Optional<SourceSettings> settings) {
        this.model = model;
        this.context = context;
        this.chart = new SeriesChart(context.zone().getValue(), context.zoneName().getValue());
        root.getStyleClass().add("engine-status");
        root.setPadding(new Insets(16));

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

        SourcesPanel sourcesPanel = new SourcesPanel(model.sources(), settings, model.executor(), this::showEditor);
        TableView<SourceRow> sources = sourcesPanel.table();
        HBox.setHgrow(sourcesPanel.root(), Priority.ALWAYS);

        HBox top = new HBox(16, figuresPanel, sourcesPanel.root());

        ComboBox<ChartChoice> picker = new ComboBox<>(model.chartChoices());
        picker.valueProperty().bindBidirectional(model.chartChoiceProperty());
        picker.valueProperty().addListener((obs, o, n) -> model.refresh());
        // The picker names the chart; beside it only what the name does not say.
        Label noData = new Label("no data yet");
        noData.getStyleClass().add(StyleClasses.MUTED);
        noData.visibleProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> model.chartTitleProperty().get().endsWith("no data yet"), model.chartTitleProperty()));
        noData.managedProperty().bind(noData.visibleProperty());
        Label simulated = new Label("SIMULATED");
        simulated.getStyleClass().add(StyleClasses.SIMULATED_BADGE);
        simulated.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        simulated.visibleProperty().bind(model.chartSimulatedProperty());
        simulated.managedProperty().bind(simulated.visibleProperty());
        span.getStyleClass().add(StyleClasses.MUTED);
        span.setMinWidth(0);
        Label exported = new Label();
        exported.setId("status-export");
        exported.getStyleClass().add(StyleClasses.MUTED);
        exported.setMinWidth(0);
        // The sources and the chart's data export from their context menus (docs/console.md).
        io.pharos.views.common.TableExportMenu.install(sources, () -> "sources", context.exports(), model.executor(),
                model.clock(), exported::setText);
        io.pharos.views.common.TableExportMenu.installOn(chart, this::chartData,
                () -> io.pharos.views.common.TableExportMenu.fileName(chartName()), context.exports(), model.executor(),
                model.clock(), exported::setText);
        HBox chartHeader = new HBox(12, picker, simulated, noData, span, exported);
        chartHeader.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox chartPanel = new VBox(8, chartHeader, chart);
        chartPanel.getStyleClass().add(StyleClasses.PANEL);
        VBox.setVgrow(chart, Priority.ALWAYS);

        Label error = new Label();
        error.textProperty().bind(model.errorProperty());
        error.getStyleClass().add(StyleClasses.SEVERITY_CRITICAL);
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        error.setWrapText(true);

        center = new VBox(16, error, top, chartPanel);
        this.chartPanel = chartPanel;
        VBox.setVgrow(chartPanel, Priority.ALWAYS);
        root.setCenter(center);

        chartListener = (obs, o, n) -> {
            if (n != null) {
                chart.show(n);
            }
        };
        model.chartProperty().addListener(chartListener);
        zoneListener = o -> {
            chart.zone(context.zone().getValue(), context.zoneName().getValue());
            showSpan();
        };
        context.zone().addListener(zoneListener);
        context.range().addListener(zoneListener);
        showSpan();
    }

    /** A source's editor in place of the chart while it is open (null: the chart again). */
    private void showEditor(javafx.scene.Node editor) {
        int at = center.getChildren().size() - 1;
        if (editor == null) {
            center.getChildren().set(at, chartPanel);
        } else {
            center.getChildren().set(at, editor);
        }
    }

    private String chartName() {
        ChartChoice c = model.chartChoiceProperty().get();
        return c == null ? "chart" : c.title();
    }

    /** The chart's line as data: its average per step, as drawn. */
    private io.pharos.views.common.TableData chartData() {
        io.pharos.engine.query.TimeSeries s = model.chartProperty().get();
        return s == null ? new io.pharos.views.common.TableData(java.util.List.of("time"), java.util.List.of())
                : io.pharos.views.common.TableData.ofSeries(java.util.Map.of(chartName() + " (average per step)", s));
    }

    private void showSpan() {
        span.setText(context.range().getValue().describe(context.zone().getValue(), context.zoneName().getValue())
                + ", average per step");
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

    public Parent root() {
        return root;
    }

    /** Removes the listener on the model, so a closed view leaves nothing behind. */
    public void dispose() {
        model.chartProperty().removeListener(chartListener);
        context.zone().removeListener(zoneListener);
        context.range().removeListener(zoneListener);
    }
}
