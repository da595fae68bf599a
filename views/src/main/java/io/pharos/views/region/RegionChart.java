package io.pharos.views.region;

import io.pharos.engine.query.TimeSeries;
import io.pharos.styles.StyleClasses;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * A small chart of the regional dashboard in its panel: title and how it was computed above, lines in
 * the theme's series colours, times on the x axis in the shell's zone (the axis names it), values in
 * the chart's unit. Where a line has no data for much longer than its usual spacing it breaks rather
 * than drawing across the gap. With no data it says so in the plot.
 */
final class RegionChart {
    private final VBox root = new VBox(4);
    private final Label title = new Label();
    private ChartData shown;
    private final Label basis = new Label();
    private final Label empty = new Label("no data in the range");
    private final NumberAxis x = new NumberAxis();
    private final NumberAxis y = new NumberAxis();
    private final LineChart<Number, Number> chart = new LineChart<>(x, y);
    private ChartData.Unit unit = ChartData.Unit.COUNT;
    private DateTimeFormatter format;
    private String zoneName = "";
    private final HBox legend = new HBox(8);
    private final Tooltip help = new Tooltip();
    /** The line (1-based) of each series shown, and the lines' names: what decides a rebuild. */
    private List<Integer> shownColours = List.of();
    private List<String> shownNames = List.of();

    RegionChart(String titleText) {
        title.setText(titleText);
        title.getStyleClass().add(StyleClasses.PANEL_TITLE);
        title.setMinWidth(Region.USE_PREF_SIZE);
        basis.getStyleClass().add(StyleClasses.MUTED);
        basis.setMinWidth(Region.USE_PREF_SIZE);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox head = new HBox(8, title, basis, grow, legend);
        head.setAlignment(Pos.BASELINE_LEFT);
        x.setAutoRanging(false);
        x.setMinorTickVisible(false);
        x.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number ms) {
                return format == null ? "" : format.format(Instant.ofEpochMilli(ms.longValue()));
            }

            @Override
            public Number fromString(String s) {
                return 0;
            }
        });
        y.setForceZeroInRange(true);
        y.setMinorTickVisible(false);
        y.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number v) {
                return unit.axis(v.doubleValue());
            }

            @Override
            public Number fromString(String s) {
                return 0;
            }
        });
        chart.setCreateSymbols(false);
        chart.setAnimated(false);
        chart.setLegendVisible(false);
        chart.setMinSize(0, 0);
        chart.setPrefHeight(150);
        chart.getStyleClass().add("region-chart");
        empty.getStyleClass().add(StyleClasses.MUTED);
        empty.setVisible(false);
        StackPane plot = new StackPane(chart, empty);
        VBox.setVgrow(plot, Priority.ALWAYS);
        root.getChildren().addAll(head, plot);
        root.getStyleClass().add(StyleClasses.PANEL);
        root.setMinSize(0, 0);
        Tooltip.install(root, help);
    }

    VBox root() {
        return root;
    }

    LineChart<Number, Number> chart() {
        return chart;
    }

    /** What the chart shows, as data (empty before anything is shown). */
    io.pharos.views.common.TableData data() {
        return shown == null ? new io.pharos.views.common.TableData(List.of("time"), List.of()) : shown.table();
    }

    String title() {
        return title.getText();
    }

    /** Writes times in this zone; the chart's heading says which. */
    void zone(ZoneId zone, String zoneName) {
        format = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(zone);
        this.zoneName = zoneName;
        x.requestAxisLayout();
    }

    /** Replaces the lines; on the FX thread, with at most about one point per pixel per line. */
    void show(ChartData data) {
        shown = data;
        long fromMs = data.fromMs();
        long toMs = data.toMs();
        unit = data.unit();
        String u = unit.axisName();
        basis.setText(u);
        help.setText(title.getText() + ": " + data.basis() + ". Times in " + zoneName + ".");
        List<List<XYChart.Data<Number, Number>>> segments = new ArrayList<>();
        List<Integer> colours = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int line = 0; line < data.lines().size(); line++) {
            Line l = data.lines().get(line);
            for (List<XYChart.Data<Number, Number>> segment : segments(l.series())) {
                segments.add(segment);
                colours.add(line + 1);
            }
            names.add(l.name());
        }
        if (colours.equals(shownColours)) {
            // The same lines in the same runs: new points into the series there are. New series would mean
            // new nodes styled anew each second, the better part of a frame for a chart of three lines.
            for (int i = 0; i < segments.size(); i++) {
                chart.getData().get(i).getData().setAll(segments.get(i));
            }
        } else {
            List<XYChart.Series<Number, Number>> all = new ArrayList<>();
            for (List<XYChart.Data<Number, Number>> segment : segments) {
                XYChart.Series<Number, Number> series = new XYChart.Series<>();
                series.getData().setAll(segment);
                all.add(series);
            }
            chart.getData().setAll(all);
            // one colour per line, segments included: the chart's own colour classes follow the series' order
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).getNode() != null) {
                    all.get(i).getNode().getStyleClass().add("region-line-" + colours.get(i));
                }
            }
            shownColours = colours;
        }
        if (!names.equals(shownNames)) {
            legend.getChildren().clear();
            for (int line = 0; names.size() > 1 && line < names.size(); line++) {
                Label key = new Label("— " + names.get(line));
                key.setMinWidth(Region.USE_PREF_SIZE);
                key.getStyleClass().add("region-legend-" + (line + 1));
                legend.getChildren().add(key);
            }
            shownNames = names;
        }
        empty.setVisible(!data.hasData());
        x.setLowerBound(fromMs);
        x.setUpperBound(toMs);
        x.setTickUnit(Math.max(1, (toMs - fromMs) / 4.0));
    }

    /** Runs of points without a gap longer than three times the median spacing (at least two steps). */
    static List<List<XYChart.Data<Number, Number>>> segments(TimeSeries s) {
        List<List<XYChart.Data<Number, Number>>> out = new ArrayList<>();
        long[] t = new long[s.size()];
        double[] v = new double[s.size()];
        int n = 0;
        for (int i = 0; i < s.size(); i++) {
            if (!Double.isNaN(s.values()[i])) {
                t[n] = s.time(i) + s.stepMs() / 2;
                v[n++] = s.values()[i];
            }
        }
        if (n == 0) {
            return out;
        }
        long[] gaps = new long[Math.max(1, n - 1)];
        for (int i = 1; i < n; i++) {
            gaps[i - 1] = t[i] - t[i - 1];
        }
        java.util.Arrays.sort(gaps);
        long limit = Math.max(3 * gaps[gaps.length / 2], 2 * s.stepMs());
        List<XYChart.Data<Number, Number>> current = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (i > 0 && t[i] - t[i - 1] > limit) {
                out.add(current);
                current = new ArrayList<>();
            }
            current.add(new XYChart.Data<>(t[i], v[i]));
        }
        out.add(current);
        return out;
    }
}
