package io.pharos.views.region;

import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.engine.model.Labels;
import io.pharos.engine.query.TimeSeries;
import io.pharos.views.common.FxToolkit;
import java.util.List;
import javafx.scene.chart.XYChart;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RegionChartTest {
    @BeforeAll
    static void toolkit() throws InterruptedException {
        FxToolkit.start();
    }

    private static TimeSeries series(double... values) {
        return new TimeSeries(Labels.EMPTY, 0, 1000, values, values, values, false);
    }

    private static ChartData latency(double p50, double p99, boolean gap) {
        double[] fast = new double[30];
        double[] slow = new double[30];
        for (int i = 0; i < 30; i++) {
            fast[i] = p50;
            slow[i] = gap && i >= 10 && i < 20 ? Double.NaN : p99; // ten seconds without p99: a break
        }
        return new ChartData("Latency", ChartData.Unit.SECONDS, "per step",
                List.of(new Line("p50", series(fast)), new Line("p99", series(slow))), 0, 30_000);
    }

    @Test
    void newPointsGoIntoTheSeriesShownAndANewShapeOfLinesRebuildsThem() throws Exception {
        FxToolkit.call(() -> {
            RegionChart chart = new RegionChart("Latency");
            chart.show(latency(0.02, 0.2, false));
            List<XYChart.Series<Number, Number>> first = List.copyOf(chart.chart().getData());
            assertThat(first).hasSize(2);

            chart.show(latency(0.03, 0.3, false));
            assertThat(chart.chart().getData()).as("the same series, new points").containsExactlyElementsOf(first);
            assertThat(chart.chart().getData().get(1).getData().getFirst().getYValue()).isEqualTo(0.3);

            chart.show(latency(0.03, 0.3, true));
            assertThat(chart.chart().getData()).as("p99 broken by a gap: three runs").hasSize(3)
                    .doesNotContainAnyElementsOf(first);
            assertThat(chart.chart().getData().get(2).getNode().getStyleClass()).contains("region-line-2");
            return null;
        });
    }
}
