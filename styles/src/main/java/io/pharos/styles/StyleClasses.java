package io.pharos.styles;

/**
 * CSS style classes, named for what a node means, not how it looks; base.css gives each its look.
 * Use with {@code node.getStyleClass().add(StyleClasses.SEVERITY_CRITICAL)}.
 */
public final class StyleClasses {
    /** An alert or message that needs action now. */
    public static final String SEVERITY_CRITICAL = "severity-critical";
    /** An alert or message that needs attention soon. */
    public static final String SEVERITY_WARNING = "severity-warning";
    /** Informational: no action needed. */
    public static final String SEVERITY_INFO = "severity-info";

    /** Region or host health, as defined by the health thresholds. */
    public static final String STATE_HEALTHY = "state-healthy";
    public static final String STATE_DEGRADED = "state-degraded";
    public static final String STATE_UNHEALTHY = "state-unhealthy";

    /** The mark shown wherever simulated data appears (series with source="simulated"). */
    public static final String SIMULATED_BADGE = "simulated-badge";

    /** A key figure on a dashboard and its caption. */
    public static final String KPI_VALUE = "kpi-value";
    public static final String KPI_LABEL = "kpi-label";
    /** A chart of one series, drawn in one colour even when its line is split at data gaps. */
    public static final String SINGLE_SERIES_CHART = "single-series-chart";
    /** A figure in a list of figures (smaller than a KPI tile's value). */
    public static final String FIGURE_VALUE = "figure-value";

    /** A table column of numbers: right-aligned, so digits line up. */
    public static final String NUMERIC = "numeric";

    /** The bar at the bottom of the window: sources, time zone, last update. */
    public static final String STATUS_BAR = "status-bar";
    /** A card grouping related content on a screen, and its heading. */
    public static final String PANEL = "panel";
    public static final String PANEL_TITLE = "panel-title";
    /** The title of a whole screen. */
    public static final String SCREEN_TITLE = "screen-title";
    /** Secondary text: units, timestamps, hints. */
    public static final String MUTED = "muted";

    private StyleClasses() {
    }
}
