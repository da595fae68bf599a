package io.pharos.views.region;

import io.pharos.engine.dashboard.Health;
import io.pharos.styles.StyleClasses;
import io.pharos.views.shell.ShellContext;
import java.util.Locale;
import javafx.beans.InvalidationListener;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;

/**
 * The top of the regional dashboard: the region picker (each region with its health), the region's
 * health and why, the simulated badge, the range in the shell's zone, and the region's main figures.
 */
final class RegionHeader {
    private final VBox root = new VBox(10);
    private final ComboBox<String> picker = new ComboBox<>();
    private final Label health = new Label();
    private final Label reasons = new Label();
    private final Label span = new Label();
    private final FlowPane figures = new FlowPane(24, 6);
    private final Label provider = new Label();
    private final RegionViewModel model;
    private final ShellContext context;
    private final ChangeListener<RegionViewModel.Overview> overviewListener = (o, a, b) -> showFigures(b);
    private final InvalidationListener healthListener = o -> showHealth();
    private final InvalidationListener regionsListener = o -> showRegions();
    private final InvalidationListener spanListener = o -> showSpan();

    RegionHeader(RegionViewModel model, ShellContext context) {
        this.model = model;
        this.context = context;
        picker.setId("region-picker");
        picker.setPromptText("Region");
        picker.setCellFactory(l -> new RegionCell());
        picker.setButtonCell(new RegionCell());
        picker.setMinWidth(Region.USE_PREF_SIZE);
        picker.setPrefWidth(190);
        picker.valueProperty().bindBidirectional(model.regionProperty());
        health.setId("region-health");
        health.setMinWidth(Region.USE_PREF_SIZE);
        health.getStyleClass().add("region-health");
        reasons.setId("region-reasons");
        reasons.setMinWidth(0);
        reasons.getStyleClass().add(StyleClasses.MUTED);
        Label simulated = new Label("SIMULATED");
        simulated.getStyleClass().add(StyleClasses.SIMULATED_BADGE);
        simulated.setMinWidth(Region.USE_PREF_SIZE);
        simulated.visibleProperty().bind(model.simulatedProperty());
        simulated.managedProperty().bind(simulated.visibleProperty());
        span.getStyleClass().add(StyleClasses.MUTED);
        span.setMinWidth(Region.USE_PREF_SIZE);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        provider.getStyleClass().add(StyleClasses.MUTED);
        provider.setMinWidth(Region.USE_PREF_SIZE);
        HBox top = new HBox(12, picker, provider, health, reasons, grow, simulated, span);
        top.setAlignment(Pos.CENTER_LEFT);
        figures.setId("region-figures");
        root.getChildren().addAll(top, figures);

        model.overviewProperty().addListener(overviewListener);
        model.healthProperty().addListener(healthListener);
        model.reasonsProperty().addListener(healthListener);
        model.regions().addListener(regionsListener);
        context.range().addListener(spanListener);
        context.zone().addListener(spanListener);
        showRegions();
        showHealth();
        showFigures(model.overviewProperty().get());
        showSpan();
    }

    VBox root() {
        return root;
    }

    ComboBox<String> picker() {
        return picker;
    }

    private void showRegions() {
        var names = model.regions().stream().map(RegionViewModel.RegionChoice::region).toList();
        if (!names.equals(picker.getItems())) {
            String shown = model.regionProperty().get();
            picker.getItems().setAll(names);
            if (shown != null && !shown.equals(model.regionProperty().get())) {
                model.regionProperty().set(shown); // new items must not change the region shown
            }
        }
        // the health shown beside each name changed
        picker.setButtonCell(new RegionCell());
    }

    private void showHealth() {
        Health h = model.healthProperty().get();
        health.setText(h.name().charAt(0) + h.name().substring(1).toLowerCase(Locale.ROOT));
        health.getStyleClass().removeAll(StyleClasses.STATE_HEALTHY, StyleClasses.STATE_DEGRADED,
                StyleClasses.STATE_UNHEALTHY, StyleClasses.MUTED);
        health.getStyleClass().add(styleOf(h));
        reasons.setText(model.reasonsProperty().get());
    }

    static String styleOf(Health h) {
        return switch (h) {
            case HEALTHY -> StyleClasses.STATE_HEALTHY;
            case DEGRADED -> StyleClasses.STATE_DEGRADED;
            case UNHEALTHY -> StyleClasses.STATE_UNHEALTHY;
            case UNKNOWN -> StyleClasses.MUTED;
        };
    }

    private void showSpan() {
        span.setText(context.range().getValue().describe(context.zone().getValue(), context.zoneName().getValue())
                + " · times in " + context.zoneName().getValue());
    }

    private void showFigures(RegionViewModel.Overview o) {
        provider.setText(o.provider());
        figures.getChildren().setAll(
                figure("Response (p50)", o.responseTime()),
                figure("Success rate", o.successRate()),
                figure("Error rate", o.errorRate()),
                figure("p99 latency", o.latencyP99()),
                figure("Requests", o.requests()),
                figure("Traffic share", o.trafficShare()),
                figure("LB weight", o.weight().isEmpty() ? "unknown" : o.weight()),
                figure("Active users", o.activeUsers()),
                figure("Hosts", o.hosts()));
    }

    private static VBox figure(String caption, String value) {
        Label c = new Label(caption);
        c.getStyleClass().add(StyleClasses.KPI_LABEL);
        Label v = new Label(value);
        v.getStyleClass().add(StyleClasses.FIGURE_VALUE);
        v.setMinWidth(Region.USE_PREF_SIZE);
        VBox box = new VBox(2, c, v);
        box.setMinWidth(Region.USE_PREF_SIZE);
        return box;
    }

    void dispose() {
        picker.valueProperty().unbindBidirectional(model.regionProperty());
        model.overviewProperty().removeListener(overviewListener);
        model.healthProperty().removeListener(healthListener);
        model.reasonsProperty().removeListener(healthListener);
        model.regions().removeListener(regionsListener);
        context.range().removeListener(spanListener);
        context.zone().removeListener(spanListener);
    }

    /** A region's name after a dot in its health's colour. */
    private final class RegionCell extends ListCell<String> {
        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            Health h = model.regions().stream().filter(r -> r.region().equals(item)).findFirst()
                    .map(RegionViewModel.RegionChoice::health).orElse(Health.UNKNOWN);
            Circle dot = new Circle(5);
            dot.getStyleClass().add(styleOf(h));
            setGraphic(dot);
            setText(item);
        }
    }
}
