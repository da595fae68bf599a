package io.pharos.views.alerts;

import io.pharos.engine.query.TimeSeries;
import io.pharos.styles.StyleClasses;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;
import javafx.util.StringConverter;

/**
 * An alert's series around its time: the line, the span the alert held shaded, a marker where it
 * started, and the rule's threshold. Times on the axis are in the zone shown, which the axis names.
 */
final class AlertChart extends LineChart<Number, Number> {
    private final NumberAxis xAxis;
    private final NumberAxis yAxis;
    private final Rectangle held = new Rectangle();
    private final Line mark = new Line();
    private final Line threshold = new Line();
    private DateTimeFormatter format;
    private ZoneId zone;
    private AlertDetailModel.ChartData data;

    AlertChart(ZoneId zone, String zoneName) {
        super(new NumberAxis(), new NumberAxis());
        xAxis = (NumberAxis) getXAxis();
        yAxis = (NumberAxis) getYAxis();
        xAxis.setAutoRanging(false);
        yAxis.setForceZeroInRange(false);
        zone(zone, zoneName);
        xAxis.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number ms) {
                return format.format(Instant.ofEpochMilli(ms.longValue()));
            }

            @Override
            public Number fromString(String s) {
                return 0;
            }
        });
        setCreateSymbols(false);
        setAnimated(false);
        setLegendVisible(false);
        getStyleClass().add(StyleClasses.SINGLE_SERIES_CHART);
        held.getStyleClass().add(StyleClasses.ALERT_CHART_HELD);
        mark.getStyleClass().add(StyleClasses.ALERT_CHART_MARK);
        threshold.getStyleClass().add(StyleClasses.ALERT_CHART_THRESHOLD);
        held.setManaged(false);
        mark.setManaged(false);
        threshold.setManaged(false);
        getPlotChildren().addAll(held, threshold, mark);
    }

    void zone(ZoneId zone, String zoneName) {
        this.zone = zone;
        format = DateTimeFormatter.ofPattern("HH:mm").withZone(zone);
        xAxis.setLabel("Time (" + zoneName + ")");
        xAxis.requestAxisLayout();
    }

    /** Shows {@code d}; null or a chart without series leaves an empty plot. */
    void show(AlertDetailModel.ChartData d) {
        data = d;
        getData().clear();
        TimeSeries s = d == null ? null : d.series();
        if (s != null && s.size() > 0) {
            XYChart.Series<Number, Number> line = new XYChart.Series<>();
            List<XYChart.Data<Number, Number>> points = new ArrayList<>();
            for (int i = 0; i < s.size(); i++) {
                if (!Double.isNaN(s.values()[i])) {
                    points.add(new XYChart.Data<>(s.time(i) + s.stepMs() / 2, s.values()[i]));
                }
            }
            line.getData().setAll(points);
            getData().add(line);
            // From the first data (a young store has none half an hour back), but never after the mark.
            long first = points.isEmpty() ? s.fromMs() : points.getFirst().getXValue().longValue() - s.stepMs();
            long from = Math.max(s.fromMs(), Math.min(first, d.markMs() - 5 * s.stepMs()));
            long to = s.time(s.size() - 1) + s.stepMs();
            // Seconds on the axis when the span is short, so that no two ticks read the same.
            format = DateTimeFormatter.ofPattern(to - from < 15 * 60_000L ? "HH:mm:ss" : "HH:mm").withZone(zone);
            xAxis.setLowerBound(from);
            xAxis.setUpperBound(to);
            xAxis.setTickUnit(Math.max(1, (to - from) / 5.0));
        }
        // The threshold stays in view even when the series is far from it, and a nearly flat series
        // gets a range of at least 5 % of its value rather than ticks in the ninth decimal.
        yAxis.setAutoRanging(true);
        if (d != null && s != null && s.size() > 0) {
            double lo = Double.isNaN(d.threshold()) ? Double.POSITIVE_INFINITY : d.threshold();
            double hi = Double.isNaN(d.threshold()) ? Double.NEGATIVE_INFINITY : d.threshold();
            for (double v : s.values()) {
                if (!Double.isNaN(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            if (lo > hi) {
                lo = 0;
                hi = 1;
            }
            double unit = niceStep(Math.max(hi - lo, Math.abs(hi) * 0.05 + 1e-9) / 5);
            yAxis.setAutoRanging(false);
            // A step of room on each side, so that a line on its extreme is not drawn on the axis.
            yAxis.setLowerBound(Math.floor(lo / unit) * unit - unit);
            yAxis.setUpperBound(Math.ceil(hi / unit) * unit + unit);
            yAxis.setTickUnit(unit);
        }
        requestChartLayout();
    }

    /** 1, 2 or 5 times a power of ten, at least {@code raw}: ticks people read at a glance. */
    static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / p;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
    }

    @Override
    protected void layoutPlotChildren() {
        super.layoutPlotChildren();
        boolean any = data != null && !getData().isEmpty();
        held.setVisible(any);
        mark.setVisible(any);
        threshold.setVisible(any && !Double.isNaN(data.threshold()));
        if (!any) {
            return;
        }
        double top = 0;
        double bottom = yAxis.getHeight();
        double x0 = clampX(data.markMs());
        double x1 = clampX(data.endMs() > 0 ? data.endMs() : (long) xAxis.getUpperBound());
        held.setX(x0);
        held.setY(top);
        held.setWidth(Math.max(0, x1 - x0));
        held.setHeight(bottom - top);
        mark.setStartX(x0);
        mark.setEndX(x0);
        mark.setStartY(top);
        mark.setEndY(bottom);
        if (threshold.isVisible()) {
            double y = yAxis.getDisplayPosition(data.threshold());
            threshold.setStartX(0);
            threshold.setEndX(xAxis.getWidth());
            threshold.setStartY(y);
            threshold.setEndY(y);
        }
    }

    private double clampX(long ms) {
        double v = Math.max(xAxis.getLowerBound(), Math.min(xAxis.getUpperBound(), ms));
        return xAxis.getDisplayPosition(v);
    }
}
