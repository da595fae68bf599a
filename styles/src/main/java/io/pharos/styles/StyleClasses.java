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

    /** The alert queue screen, its table of alert groups and a group's title row. */
    public static final String ALERT_QUEUE = "alert-queue";
    public static final String ALERT_TABLE = "alert-table";
    public static final String ALERT_GROUP_TITLE = "alert-group-title";
    /** An alert changing between firing and resolved too often. */
    public static final String ALERT_FLAPPING = "alert-flapping";
    /** The in-app notification of new critical alerts. */
    public static final String ALERT_BANNER = "alert-banner";
    /** Above the screens of a console opened on a snapshot: read-only, and what it holds. */
    public static final String SNAPSHOT_BANNER = "snapshot-banner";
    /** An editor opened in a screen: acknowledge, silence, incident under the queue; a source on the status screen. */
    public static final String EDITOR = "editor";
    /** The details panel of the chosen alert. */
    public static final String ALERT_DETAIL = "alert-detail";
    /** On an alert's chart: the span it held, where it started, the rule's threshold. */
    public static final String ALERT_CHART_HELD = "alert-chart-held";
    public static final String ALERT_CHART_MARK = "alert-chart-mark";
    public static final String ALERT_CHART_THRESHOLD = "alert-chart-threshold";
    /** A toggle that shows or hides one kind of item in a list (a filter). */
    public static final String FILTER_CHIP = "filter-chip";
    /** What a screen shows instead of an empty list or a blank area: what is (not) there and why. */
    public static final String EMPTY_STATE = "empty-state";
    /** The heading of an empty state, above the muted text that says why and what to do. */
    public static final String EMPTY_STATE_TITLE = "empty-state-title";
    /** A key to press, as the cheat sheet and hints write it. */
    public static final String SHORTCUT_KEYS = "shortcut-keys";

    private StyleClasses() {
    }
}
