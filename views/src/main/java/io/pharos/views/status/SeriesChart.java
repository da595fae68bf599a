package io.pharos.views.status;

import io.pharos.engine.query.TimeSeries;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.util.StringConverter;

/**
 * A line chart of one {@link TimeSeries}, its average per step. Where data is missing for much longer
 * than its usual spacing the line breaks instead of drawing a straight line across the gap. Times on
 * the axis are in the given zone, and the axis says which.
 */
final class SeriesChart extends LineChart<Number, Number> {
    private final NumberAxis xAxis;
    private DateTimeFormatter format;

    SeriesChart(ZoneId zone, String zoneName) {
        super(new NumberAxis(), new NumberAxis());
        xAxis = (NumberAxis) getXAxis();
        xAxis.setAutoRanging(false);
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
        ((NumberAxis) getYAxis()).setForceZeroInRange(false);
        setCreateSymbols(false);
        setAnimated(false);
        setLegendVisible(false);
        // Segments of one series: the chart's class draws them in one colour (series classes get reset).
        getStyleClass().add(io.pharos.styles.StyleClasses.SINGLE_SERIES_CHART);
    }

    /** Shows times in another zone (the console's local/UTC switch); the axis names it. */
    void zone(ZoneId zone, String zoneName) {
        format = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(zone);
        xAxis.setLabel("Time (" + zoneName + ")");
        // the tick labels are formatted again at the next layout
        xAxis.requestAxisLayout();
    }

    /** Replaces the chart's points; called on the FX thread with at most a few hundred points. */
    void show(TimeSeries s) {
        getData().clear();
        for (java.util.List<XYChart.Data<Number, Number>> segment : segments(s)) {
            XYChart.Series<Number, Number> line = new XYChart.Series<>();
            line.getData().setAll(segment);
            getData().add(line);
        }
        if (s.size() > 0) {
            long from = s.fromMs();
            long to = s.time(s.size() - 1) + s.stepMs();
            xAxis.setLowerBound(from);
            xAxis.setUpperBound(to);
            xAxis.setTickUnit(Math.max(1, (to - from) / 6.0));
        }
    }

    /** Runs of points without a gap longer than three times the median spacing. */
    static java.util.List<java.util.List<XYChart.Data<Number, Number>>> segments(TimeSeries s) {
        java.util.List<java.util.List<XYChart.Data<Number, Number>>> out = new java.util.ArrayList<>();
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
        long[] sorted = java.util.Arrays.copyOf(gaps, Math.max(1, n - 1));
        java.util.Arrays.sort(sorted);
        long limit = Math.max(3 * sorted[sorted.length / 2], 2 * s.stepMs());
        java.util.List<XYChart.Data<Number, Number>> current = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (i > 0 && t[i] - t[i - 1] > limit) {
                out.add(current);
                current = new java.util.ArrayList<>();
            }
            current.add(new XYChart.Data<>(t[i], v[i]));
        }
        out.add(current);
        return out;
    }
}
