package io.pharos.views.executive;

import eu.hansolo.tilesfx.Tile;
import eu.hansolo.tilesfx.TileBuilder;
import eu.hansolo.toolboxfx.geom.Location;
import io.pharos.engine.dashboard.Health;
import io.pharos.engine.dashboard.RegionFigures;
import io.pharos.engine.dashboard.RegionHealth;
import io.pharos.styles.StyleClasses;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

/**
 * The regions on a world map (a TilesFX tile), each dot coloured by its health, its figures in the
 * tooltip, a click opening the region; a legend of links says what the colours mean, opens a region
 * too and lists regions the map does not know. Colours come from the theme (see {@link ThemePalette}).
 */
final class RegionMap {
    private final VBox root = new VBox(8);
    private final StackPane mapHost = new StackPane();
    private Tile map;
    private final FlowPane legend = new FlowPane(12, 4);
    private final Consumer<String> openRegion;
    private ThemePalette palette;
    private List<RegionHealth> shown = List.of();
    private PauseTransition pendingBuild;
    private List<String> legendEntries; // null until the first legend is drawn
    private List<String> pointsShown; // the regions and health the dots show; null when not drawn
    /** One frame after the figures were applied; without figures (an empty store), a little later. */
    private static final javafx.util.Duration AFTER_FIGURES_DELAY = javafx.util.Duration.millis(50);
    private static final javafx.util.Duration WITHOUT_FIGURES_DELAY = javafx.util.Duration.seconds(2);

    RegionMap(Consumer<String> openRegion) {
        this.openRegion = openRegion;
        root.getStyleClass().addAll(StyleClasses.PANEL, "region-map");
        root.setId("region-panel");
        Label title = new Label("Regions");
        title.getStyleClass().add(StyleClasses.PANEL_TITLE);
        mapHost.setMinHeight(240);
        legend.setId("region-legend");
        root.getChildren().addAll(title, mapHost, legend);
        mapHost.sceneProperty().addListener((obs, o, n) -> {
            if (n != null) {
                palette = null; // the theme may have changed with the scene's sheets
                show(shown);
            }
        });
    }

    /** Re-reads the theme's colours (after a theme switch) and draws again. */
    void themeChanged() {
        palette = null;
        show(shown);
    }

    void show(List<RegionHealth> regions) {
        shown = List.copyOf(regions);
        if (mapHost.getScene() == null) {
            return;
        }
        showLegend(regions);
        if (palette == null) {
            scheduleBuild(regions.isEmpty() ? WITHOUT_FIGURES_DELAY : AFTER_FIGURES_DELAY);
            return;
        }
        placePoints(regions);
    }

    /**
     * Building the tile (its countries' outlines) takes most of a second on a small machine: it waits
     * until the figures were drawn, so the dashboard shows them first and the map a moment later.
     */
    private void scheduleBuild(javafx.util.Duration delay) {
        if (pendingBuild != null && pendingBuild.getDuration().lessThanOrEqualTo(delay)) {
            return;
        }
        if (pendingBuild != null) {
            pendingBuild.stop();
        }
        if (map == null) {
            Label drawing = new Label("Drawing the map…");
            drawing.getStyleClass().add(StyleClasses.MUTED);
            mapHost.getChildren().setAll(drawing);
        }
        pendingBuild = new PauseTransition(delay);
        pendingBuild.setOnFinished(e -> {
            pendingBuild = null;
            if (mapHost.getScene() == null || palette != null) {
                return;
            }
            // The tile takes its colours when built: built again for each theme.
            palette = ThemePalette.resolve(mapHost, ThemePalette.mapClasses());
            map = TileBuilder.create().skinType(Tile.SkinType.WORLDMAP).title("").prefSize(560, 320)
                    .backgroundColor(palette.get("map-background", Color.TRANSPARENT))
                    .foregroundColor(palette.get("map-land", Color.GRAY))
                    .textColor(palette.get("label", Color.WHITE))
                    .dataPointsVisible(true).build();
            map.setId("region-map");
            mapHost.getChildren().setAll(map);
            pointsShown = null;
            placePoints(shown);
        });
        pendingBuild.play();
    }

    private void placePoints(List<RegionHealth> regions) {
        List<String> health = regions.stream().map(r -> r.region() + " " + r.health()).toList();
        if (health.equals(pointsShown)) {
            // Same dots, same colours: only the figures moved. Re-adding the dots redraws the tile (20 ms,
            // a dropped frame every second); the dots' tooltips take the new figures in place instead.
            refreshDotTooltips(regions);
            return;
        }
        pointsShown = health;
        map.clearPoiLocations();
        for (RegionHealth r : regions) {
            var where = RegionLocations.of(r.region());
            if (where.isEmpty()) {
                continue;
            }
            Location l = new Location(where.get().latitude(), where.get().longitude());
            l.setName(r.region());
            l.setInfo(tooltip(r));
            l.setFill(colour(r.health()));
            l.setStroke(colour(r.health()));
            l.setMousePressHandler(e -> openRegion.accept(r.region()));
            map.addPoiLocation(l);
        }
    }

    /**
     * The tile installs a Tooltip with each dot (a Circle): the location's name, a line break, its info.
     * Tooltip.install keeps it in the node's properties under this key.
     */
    private void refreshDotTooltips(List<RegionHealth> regions) {
        for (javafx.scene.Node n : map.lookupAll("Circle")) {
            if (n.getProperties().get("javafx.scene.control.Tooltip") instanceof Tooltip t && t.getText() != null) {
                for (RegionHealth r : regions) {
                    if (t.getText().startsWith(r.region() + "\n")) {
                        t.setText(r.region() + "\n" + tooltip(r));
                    }
                }
            }
        }
    }

    private void showLegend(List<RegionHealth> regions) {
        List<String> entries = regions.stream().map(r -> r.region() + " " + r.health()).toList();
        if (entries.equals(legendEntries)) {
            // Same regions, same health: only the figures in the tooltips moved. Keeping the links keeps
            // the keyboard's focus on one of them.
            for (RegionHealth r : regions) {
                if (legend.lookup("#legend-" + r.region()) instanceof Hyperlink link) {
                    link.getTooltip().setText(tooltip(r));
                }
            }
            return;
        }
        legendEntries = entries;
        legend.getChildren().clear();
        List<String> offMap = new ArrayList<>();
        for (RegionHealth r : regions) {
            if (RegionLocations.of(r.region()).isEmpty()) {
                offMap.add(r.region() + " (" + word(r.health()) + ")");
                continue;
            }
            // A link as well as a dot: the keyboard and people who miss the dot get to the region too.
            Hyperlink entry = new Hyperlink("● " + r.region() + " " + word(r.health()));
            entry.getStyleClass().add(styleClass(r.health()));
            entry.setTooltip(new Tooltip(tooltip(r)));
            entry.setOnAction(e -> openRegion.accept(r.region()));
            entry.setId("legend-" + r.region());
            legend.getChildren().add(entry);
        }
        if (!offMap.isEmpty()) {
            Label rest = new Label("Not on the map: " + String.join(", ", offMap));
            rest.getStyleClass().add(StyleClasses.MUTED);
            legend.getChildren().add(rest);
        }
        if (regions.isEmpty()) {
            Label none = new Label("No region reports data yet.");
            none.getStyleClass().add(StyleClasses.MUTED);
            legend.getChildren().add(none);
        }
    }

    private Color colour(Health h) {
        return palette.get(styleClass(h), Color.GRAY);
    }

    static String styleClass(Health h) {
        return switch (h) {
            case HEALTHY -> StyleClasses.STATE_HEALTHY;
            case DEGRADED -> StyleClasses.STATE_DEGRADED;
            case UNHEALTHY -> StyleClasses.STATE_UNHEALTHY;
            case UNKNOWN -> StyleClasses.MUTED;
        };
    }

    static String word(Health h) {
        return h.name().toLowerCase(Locale.ROOT);
    }

    /** The region's figures, and why it has its health. */
    static String tooltip(RegionHealth r) {
        RegionFigures f = r.figures();
        StringBuilder sb = new StringBuilder(r.region() + " (" + r.provider() + "): " + word(r.health()));
        r.reasons().forEach(reason -> sb.append("\n  ").append(reason));
        line(sb, "response time", f.responseTimeSeconds(), "seconds");
        line(sb, "success rate", f.successRatio(), "ratio");
        line(sb, "requests", f.requestsPerSecond(), "requests/s");
        line(sb, "p99 latency", f.latencyP99Seconds(), "seconds");
        line(sb, "active users", f.activeUsers(), "users");
        line(sb, "revenue", f.revenuePerMinute(), "$/min");
        line(sb, "cost", f.costPerHour(), "$/h");
        if (r.simulated()) {
            sb.append("\nSIMULATED data");
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String name, OptionalDouble v, String unit) {
        if (v.isPresent()) {
            sb.append('\n').append(name).append(": ").append(KpiFormat.withUnit(unit, v.getAsDouble()));
        }
    }

    VBox root() {
        return root;
    }
}
