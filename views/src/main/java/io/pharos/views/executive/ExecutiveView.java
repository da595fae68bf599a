package io.pharos.views.executive;

import io.pharos.engine.dashboard.ExecutiveSummary;
import io.pharos.engine.dashboard.Kpi;
import io.pharos.engine.dashboard.RegionHealth;
import io.pharos.styles.StyleClasses;
import io.pharos.views.common.FramePacer;
import io.pharos.views.shell.ShellContext;
import io.pharos.views.shell.TimeRange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The executive dashboard: the key figures as tiles with their trend, the regions on a world map,
 * what the range is and whether the data is simulated. Binds on construction; dispose unbinds.
 */
final class ExecutiveView {
    /** Tiles in reading order: service, business, cost and capacity, incidents. */
    static final List<String[]> TILES = List.of(
            new String[] {ExecutiveSummary.AVAILABILITY, "Availability"},
            new String[] {ExecutiveSummary.ERROR_BUDGET_REMAINING, "Error budget left"},
            new String[] {ExecutiveSummary.ERROR_RATE, "Error rate"},
            new String[] {ExecutiveSummary.LATENCY_P95, "p95 latency"},
            new String[] {ExecutiveSummary.LATENCY_P99, "p99 latency"},
            new String[] {ExecutiveSummary.ACTIVE_USERS, "Active users"},
            new String[] {ExecutiveSummary.REQUESTS_PER_SECOND, "Requests/s"},
            new String[] {ExecutiveSummary.REVENUE_PER_MINUTE, "Revenue per minute"},
            new String[] {ExecutiveSummary.REVENUE_AT_RISK, "Revenue at risk per minute"},
            new String[] {ExecutiveSummary.COST_PER_HOUR, "Cost per hour"},
            new String[] {ExecutiveSummary.MONTHLY_RUN_RATE, "Monthly run rate"},
            new String[] {ExecutiveSummary.CPU_HEADROOM, "Capacity headroom"},
            new String[] {ExecutiveSummary.OPEN_INCIDENTS, "Open incidents"},
            new String[] {ExecutiveSummary.MEAN_TIME_TO_ACKNOWLEDGE, "Time to acknowledge"},
            new String[] {ExecutiveSummary.MEAN_TIME_TO_RESOLVE, "Time to resolve"});
    static final int COLUMNS = 3;
    /** Below this width the map goes under the figures: three columns of tiles and the map need it. */
    static final double SIDE_BY_SIDE_MIN_WIDTH = 1060;
    /** The figures' share of the width beside the map, in percent. */
    private static final double FIGURES_SHARE = 60;
    private static final double MAP_MIN_WIDTH = 420;
    private static final double DEFAULT_WIDTH = 1280;

    /** Figures of the incident list, not of the store's series. */
    private static final java.util.Set<String> INCIDENT_FIGURES = java.util.Set.of(ExecutiveSummary.OPEN_INCIDENTS,
            ExecutiveSummary.REVENUE_AT_RISK, ExecutiveSummary.MEAN_TIME_TO_ACKNOWLEDGE,
            ExecutiveSummary.MEAN_TIME_TO_RESOLVE);
    private final VBox outer = new VBox();
    private final VBox root = new VBox(12);
    private final Map<String, KpiTile> tiles = new LinkedHashMap<>();
    private final RegionMap map;
    private final Label subtitle = new Label();
    private final Label simulated = new Label("SIMULATED");
    private final Label bySeverity = new Label();
    private final ExecutiveViewModel model;
    private final ShellContext context;
    private final ChangeListener<ExecutiveSummary> summaryListener = (obs, o, n) -> show(n);
    private final javafx.beans.InvalidationListener zoneListener = o -> showCurrent();
    private final ScrollPane scroll;
    private final HBox header;
    private final GridPane grid;
    private final StackPane body = new StackPane();
    private boolean sideBySide;
    private final FramePacer pacer = new FramePacer();

    ExecutiveView(ExecutiveViewModel model, ShellContext context, Consumer<String> openRegion) {
        this.model = model;
        this.context = context;
        root.setPadding(new Insets(12, 16, 16, 16));
        subtitle.getStyleClass().add(StyleClasses.MUTED);
        subtitle.setId("executive-range");
        simulated.getStyleClass().add(StyleClasses.SIMULATED_BADGE);
        simulated.setVisible(false);
        simulated.managedProperty().bind(simulated.visibleProperty());
        Label state = new Label();
        state.textProperty().bind(model.stateProperty());
        state.getStyleClass().add(StyleClasses.MUTED);
        state.visibleProperty().bind(model.stateProperty().isNotEmpty());
        state.managedProperty().bind(state.visibleProperty());
        Label error = new Label();
        error.textProperty().bind(model.errorProperty());
        error.getStyleClass().add(StyleClasses.SEVERITY_CRITICAL);
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        header = new HBox(12, subtitle, simulated, state);
        header.setAlignment(Pos.CENTER_LEFT);

        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(12);
        grid.setId("kpi-grid");
        for (int c = 0; c < COLUMNS; c++) {
            javafx.scene.layout.ColumnConstraints cc = new javafx.scene.layout.ColumnConstraints();
            cc.setPercentWidth(100.0 / COLUMNS);
            cc.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().add(cc);
        }
        int i = 0;
        for (String[] t : TILES) {
            KpiTile tile = new KpiTile(t[0], t[1]);
            tiles.put(t[0], tile);
            tile.root().setMaxWidth(Double.MAX_VALUE);
            GridPane.setHgrow(tile.root(), Priority.ALWAYS);
            grid.add(tile.root(), i % COLUMNS, i / COLUMNS);
            i++;
        }
        bySeverity.setId("open-by-severity");
        bySeverity.getStyleClass().add(StyleClasses.MUTED);
        tiles.get(ExecutiveSummary.OPEN_INCIDENTS).root().getChildren().add(bySeverity);

        map = new RegionMap(openRegion);
        this.grid = grid;
        map.root().setMinWidth(MAP_MIN_WIDTH);
        map.root().setMaxWidth(Double.MAX_VALUE);
        grid.setMaxWidth(Double.MAX_VALUE);
        // The subtitle gives way (with an ellipsis) before the export buttons leave the window.
        subtitle.setMinWidth(0);
        simulated.setMinWidth(Region.USE_PREF_SIZE);
        root.getChildren().addAll(error, body);
        model.summaryProperty().addListener(summaryListener);
        context.zone().addListener(zoneListener);
        context.range().addListener(zoneListener);
        scroll = new ScrollPane(root);
        scroll.setFitToWidth(true);
        // The header (range, exports) stays in view while the figures and the map scroll.
        header.setPadding(new Insets(16, 16, 0, 16));
        outer.setId("executive");
        outer.getChildren().setAll(header, scroll);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        scroll.viewportBoundsProperty().addListener((obs, o, n) -> arrange(n.getWidth()));
        arrange(DEFAULT_WIDTH);
        show(model.summaryProperty().get());
    }

    /** The map beside the figures in a wide window, under them in a narrow one: nothing out of sight. */
    private void arrange(double width) {
        boolean wide = width >= SIDE_BY_SIDE_MIN_WIDTH;
        if (!body.getChildren().isEmpty() && wide == sideBySide) {
            return;
        }
        sideBySide = wide;
        body.getChildren().setAll(wide ? sideBySide(grid, map.root()) : new VBox(12, grid, map.root()));
    }

    /**
     * The figures and the map in a fixed proportion: shared by their contents' widths, the tiles
     * came out narrower whenever a tile's text was long (a value cut short in one state, whole in
     * another).
     */
    private static GridPane sideBySide(javafx.scene.Node figures, Region mapRoot) {
        GridPane pane = new GridPane();
        pane.setHgap(12);
        javafx.scene.layout.ColumnConstraints left = new javafx.scene.layout.ColumnConstraints();
        left.setPercentWidth(FIGURES_SHARE);
        javafx.scene.layout.ColumnConstraints right = new javafx.scene.layout.ColumnConstraints();
        right.setPercentWidth(100 - FIGURES_SHARE);
        right.setMinWidth(MAP_MIN_WIDTH);
        pane.getColumnConstraints().setAll(left, right);
        pane.add(figures, 0, 0);
        pane.add(mapRoot, 1, 0);
        return pane;
    }

    private void showCurrent() {
        show(model.summaryProperty().get());
    }

    private void show(ExecutiveSummary s) {
        if (s == null) {
            subtitle.setText(context.range().getValue().describe(context.zone().getValue(),
                    context.zoneName().getValue()));
            return;
        }
        // The range the figures are of, not the one just chosen: those figures are still being read.
        TimeRange of = model.shownRange() != null ? model.shownRange() : context.range().getValue();
        // A store younger than the range has no period before: said once here, not on every tile. The
        // incident figures always have one (no incident then is a zero), so they do not decide it.
        List<Kpi> measured = s.kpis().stream().filter(k -> k.value().isPresent() && !INCIDENT_FIGURES.contains(k.id()))
                .toList();
        boolean noPeriodBefore = !measured.isEmpty() && measured.stream().allMatch(k -> k.change().isEmpty());
        subtitle.setText(of.describe(context.zone().getValue(), context.zoneName().getValue())
                + (noPeriodBefore ? " · no data for the period before yet, so no trends"
                        : " · compared with the period before")
                + " · objective " + KpiFormat.percent(s.objective().target()));
        simulated.setVisible(s.simulated());
        for (Kpi k : s.kpis()) {
            KpiTile t = tiles.get(k.id());
            if (t != null) {
                t.show(k, !noPeriodBefore || INCIDENT_FIGURES.contains(k.id()));
            }
        }
        bySeverity.setText(s.openBySeverity().isEmpty() ? "none open" : s.openBySeverity().entrySet().stream()
                .filter(e -> e.getValue() > 0).sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey().name() + " " + e.getValue()).collect(Collectors.joining(" · ")));
        // The map's dots redraw the tile: a frame of their own, after the tiles' figures.
        List<RegionHealth> regions = s.regions();
        pacer.submit(map, () -> map.show(regions));
    }

    void themeChanged() {
        map.themeChanged();
    }

    /** Applies what waits for a frame now: an export pictures the dashboard complete. */
    void flushPending() {
        pacer.flush();
    }

    Parent root() {
        return outer;
    }

    /** The header row, where the screen puts its export buttons. */
    HBox header() {
        return header;
    }

    VBox content() {
        return root;
    }

    void dispose() {
        pacer.stop();
        model.summaryProperty().removeListener(summaryListener);
        context.zone().removeListener(zoneListener);
        context.range().removeListener(zoneListener);
    }

}
