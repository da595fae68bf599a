package io.pharos.views.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.engine.model.Labels;
import io.pharos.engine.query.TimeSeries;
import org.junit.jupiter.api.Test;

class SeriesChartTest {

    private static TimeSeries series(double... values) {
        return new TimeSeries(Labels.EMPTY, 0, 1000, values, values, values, false);
    }

    @Test
    void aLongGapBreaksTheLine() {
        double n = Double.NaN;
        var segments = SeriesChart.segments(series(1, 2, 3, n, n, n, n, n, n, n, n, 4, 5));
        assertThat(segments).hasSize(2);
        assertThat(segments.get(0)).hasSize(3);
        assertThat(segments.get(1)).hasSize(2);
    }

    @Test
    void sparseButRegularDataStaysOneLine() {
        double n = Double.NaN;
        // 15 s data read at a 5 s step: two empty buckets between points are its usual spacing.
        var segments = SeriesChart.segments(series(1, n, n, 2, n, n, 3, n, n, 4));
        assertThat(segments).hasSize(1);
        assertThat(segments.getFirst()).hasSize(4);
    }

    @Test
    void noDataNoLine() {
        assertThat(SeriesChart.segments(series(Double.NaN, Double.NaN))).isEmpty();
    }
}
