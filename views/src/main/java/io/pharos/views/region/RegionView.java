package io.pharos.views.region;

import io.pharos.styles.StyleClasses;
import io.pharos.views.shell.ShellContext;
import javafx.beans.InvalidationListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The regional dashboard: header (picker, health, figures), a line that says when data is missing or
 * old, the charts and events, then the host table beside the host detail. With no regional data at all
 * the dashboard gives way to a page that says why and what to do.
 */
final class RegionView {
    private final BorderPane root = new BorderPane();
    private final RegionHeader header;
    private final RegionCharts charts;
    private final HostTableView hosts;
    private final HostDetailView detail;
    private final RegionViewModel model;
    private final Label banner = new Label();
    private final VBox empty;
    private final SplitPane body;
    private final InvalidationListener stateListener = o -> showState();

    RegionView(RegionViewModel model, ShellContext context) {
        this.model = model;
        root.getStyleClass().add("region-dashboard");
        root.setPadding(new Insets(16));
        header = new RegionHeader(model, context);
        charts = new RegionCharts(model, context);
        hosts = new HostTableView(model, context);
        detail = new HostDetailView(model, context);
        banner.setId("region-banner");
        banner.setWrapText(true);
        banner.getStyleClass().add(StyleClasses.SEVERITY_WARNING);
        Label error = new Label();
        error.textProperty().bind(model.errorProperty());
        error.getStyleClass().add(StyleClasses.SEVERITY_CRITICAL);
        error.setWrapText(true);
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        SplitPane bottom = new SplitPane(hosts.root(), detail.root());
        bottom.setDividerPositions(0.62);
        body = new SplitPane(charts.root(), bottom);
        body.setOrientation(Orientation.VERTICAL);
        body.setDividerPositions(0.5);
        body.getStyleClass().add("region-body");

        Label emptyTitle = new Label();
        emptyTitle.getStyleClass().add("empty-state-title");
        emptyTitle.setId("region-empty-title");
        Label emptyText = new Label();
        emptyText.setId("region-empty-text");
        emptyText.setWrapText(true);
        emptyText.setMaxWidth(560);
        emptyText.getStyleClass().add(StyleClasses.MUTED);
        emptyText.textProperty().bind(model.stateMessageProperty());
        emptyTitle.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() ->
                switch (model.stateProperty().get()) {
                    case LOADING -> "Reading the regions…";
                    case SOURCE_DOWN -> "No data is arriving";
                    default -> "No regional data yet";
                }, model.stateProperty()));
        empty = new VBox(12, emptyTitle, emptyText);
        empty.setAlignment(Pos.CENTER);
        empty.setId("region-empty");

        VBox top = new VBox(10, error, header.root(), banner);
        top.setPadding(new Insets(0, 0, 12, 0));
        root.setTop(top);
        root.setCenter(new StackPane(body, empty));
        model.stateProperty().addListener(stateListener);
        model.stateMessageProperty().addListener(stateListener);
        model.healthProperty().addListener(stateListener);
        showState();
    }

    /** Whether the region has anything to show: then stale data stays visible under a banner. */
    private void showState() {
        RegionViewModel.State s = model.stateProperty().get();
        boolean nothing = s == RegionViewModel.State.LOADING || s == RegionViewModel.State.NO_DATA
                || (s == RegionViewModel.State.SOURCE_DOWN && model.hosts().all().isEmpty()
                && model.healthProperty().get() == io.pharos.engine.dashboard.Health.UNKNOWN);
        empty.setVisible(nothing);
        body.setVisible(!nothing);
        boolean showBanner = !nothing && s == RegionViewModel.State.SOURCE_DOWN;
        banner.setText(showBanner ? model.stateMessageProperty().get() : "");
        banner.setVisible(showBanner);
        banner.setManaged(showBanner);
    }

    Parent root() {
        return root;
    }

    RegionHeader header() {
        return header;
    }

    HostTableView hosts() {
        return hosts;
    }

    void dispose() {
        model.stateProperty().removeListener(stateListener);
        model.stateMessageProperty().removeListener(stateListener);
        model.healthProperty().removeListener(stateListener);
        header.dispose();
        charts.dispose();
        hosts.dispose();
        detail.dispose();
    }
}
