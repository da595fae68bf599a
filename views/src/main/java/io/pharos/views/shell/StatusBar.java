package io.pharos.views.shell;

import io.pharos.styles.StyleClasses;
import io.pharos.views.common.HoverTooltip;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The bar at the bottom: each data source with its state (a simulated one says so), the engine's
 * last error, the time range and when the figures were last read, with its zone.
 */
final class StatusBar {
    private final HBox root = new HBox();
    private final HBox sources = new HBox();
    private final ShellViewModel model;
    private final ListChangeListener<SourceState> sourcesListener = c -> showSources();

    StatusBar(ShellViewModel model) {
        this.model = model;
        root.getStyleClass().add(StyleClasses.STATUS_BAR);
        sources.getStyleClass().add("status-sources");
        Label error = new Label();
        error.textProperty().bind(model.engineErrorProperty());
        error.getStyleClass().add(StyleClasses.SEVERITY_CRITICAL);
        error.visibleProperty().bind(model.engineErrorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label range = new Label();
        range.setId("status-range");
        range.textProperty().bind(model.rangeTextProperty());
        Label updated = new Label();
        updated.setId("status-updated");
        updated.textProperty().bind(model.lastUpdateProperty());
        updated.getStyleClass().add(StyleClasses.MUTED);
        root.getChildren().addAll(sources, error, spacer, range, updated);
        model.sources().addListener(sourcesListener);
        showSources();
    }

    private void showSources() {
        sources.getChildren().clear();
        if (model.sources().isEmpty()) {
            Label none = new Label("No data source running");
            none.getStyleClass().add(StyleClasses.MUTED);
            sources.getChildren().add(none);
            return;
        }
        for (SourceState s : model.sources()) {
            Label dot = new Label("●");
            dot.getStyleClass().add(s.healthy() ? StyleClasses.STATE_HEALTHY : StyleClasses.STATE_UNHEALTHY);
            Label name = new Label(s.name() + " · " + s.state());
            HBox one = new HBox(4, dot, name);
            if (s.simulated()) {
                Label badge = new Label("SIMULATED");
                badge.getStyleClass().add(StyleClasses.SIMULATED_BADGE);
                one.getChildren().add(badge);
            }
            if (!s.message().isBlank()) {
                HoverTooltip.install(one, s.message());
            }
            one.getStyleClass().add("status-source");
            sources.getChildren().add(one);
        }
    }

    HBox root() {
        return root;
    }

    void dispose() {
        model.sources().removeListener(sourcesListener);
    }
}
