package io.pharos.views.executive;

import io.pharos.engine.dashboard.Kpi;
import io.pharos.styles.StyleClasses;
import io.pharos.views.common.HoverTooltip;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * One key figure: caption, value, and its trend against the previous period, coloured by whether
 * the change is good for this figure (lower latency is better, lower availability is not).
 */
final class KpiTile {
    static final String STYLE = "kpi-tile";
    private final VBox root = new VBox(2);
    private final Label value = new Label("—");
    private final Label trend = new Label("");
    private final HoverTooltip tooltip;

    KpiTile(String id, String caption) {
        root.getStyleClass().addAll(StyleClasses.PANEL, STYLE);
        root.setId("kpi-" + id);
        Label c = new Label(caption.toUpperCase(java.util.Locale.ROOT));
        c.getStyleClass().add(StyleClasses.KPI_LABEL);
        value.getStyleClass().add(StyleClasses.KPI_VALUE);
        value.setId("kpi-" + id + "-value");
        trend.setId("kpi-" + id + "-trend");
        trend.getStyleClass().add("kpi-trend");
        trend.setWrapText(true);
        root.getChildren().addAll(c, value, trend);
        tooltip = HoverTooltip.install(root, "");
    }

    /** The figure, and its trend unless the dashboard says once that there is none to show. */
    void show(Kpi k, boolean withTrend) {
        value.setText(KpiFormat.value(k));
        // A caveat takes the trend's line: a figure that must be read with it has no trend worth showing.
        boolean caveat = k.value().isPresent() && !k.caveat().isBlank();
        trend.setText(caveat ? k.caveat() : withTrend || k.value().isEmpty() ? KpiFormat.trend(k) : "");
        trend.getStyleClass().removeAll(StyleClasses.STATE_HEALTHY, StyleClasses.STATE_UNHEALTHY, StyleClasses.MUTED);
        trend.getStyleClass().add(caveat ? StyleClasses.MUTED : switch (k.trend()) {
            case BETTER -> StyleClasses.STATE_HEALTHY;
            case WORSE -> StyleClasses.STATE_UNHEALTHY;
            default -> StyleClasses.MUTED;
        });
        String basis = switch (k.basis()) {
            case END_OF_RANGE -> "now (the last 5 minutes of the range)";
            case OVER_RANGE -> "over the range (a mean where it is a time or a rate)";
            case PEAK_OF_RANGE -> "at the busiest moment of the range";
            case OBJECTIVE_WINDOW -> "over the objective's window";
        };
        tooltip.setText(basis + (k.note().isBlank() ? "" : "\n" + k.note())
                + k.previousReason().map(r -> "\nPeriod before: " + r).orElse(""));
    }

    VBox root() {
        return root;
    }
}
