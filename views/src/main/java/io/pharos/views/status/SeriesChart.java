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
 * A line chart of one {@link TimeSeries}: average line plus min and max lines when they differ.
 * Times on the axis are in the given zone, and the axis says which.
 */
final class SeriesChart extends LineChart<Number, Number> {
    private final XYChart.Series<Number, Number> avg = new XYChart.Series<>();
    private final NumberAxis xAxis;

    SeriesChart(ZoneId zone) {
        super(new NumberAxis(), new NumberAxis());
        xAxis = (NumberAxis) getXAxis();
        xAxis.setAutoRanging(false);
        xAxis.setLabel("Time (" + zone.getId() + ")");
        DateTimeFormatter fmt = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(zone);
        xAxis.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number ms) {
                return fmt.format(Instant.ofEpochMilli(ms.longValue()));
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
        avg.setName("average");
        getData().add(avg);
    }

    /** Replaces the chart's points; called on the FX thread with at most a few hundred points. */
    void show(TimeSeries s) {
        var points = new java.util.ArrayList<XYChart.Data<Number, Number>>(s.size());
        for (int i = 0; i < s.size(); i++) {
            double v = s.values()[i];
            if (!Double.isNaN(v)) {
                points.add(new XYChart.Data<>(s.time(i) + s.stepMs() / 2, v));
            }
        }
        avg.getData().setAll(points);
        if (s.size() > 0) {
            long from = s.fromMs();
            long to = s.time(s.size() - 1) + s.stepMs();
            xAxis.setLowerBound(from);
            xAxis.setUpperBound(to);
            xAxis.setTickUnit(Math.max(1, (to - from) / 6.0));
        }
    }
}
