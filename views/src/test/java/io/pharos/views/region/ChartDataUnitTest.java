package io.pharos.views.region;

import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.views.region.ChartData.Unit;
import org.junit.jupiter.api.Test;

/** How the host detail writes a figure, by the unit its metric's name says. */
class ChartDataUnitTest {

    @Test
    void aHostsCostPerHourShowsDollarsAndCents() {
        Unit cost = Unit.ofMetric("host_cost_dollars_per_hour");
        assertThat(cost).isEqualTo(Unit.DOLLARS_PER_HOUR);
        assertThat(cost.format(0.3812)).isEqualTo("$0.38/h");
        assertThat(cost.format(1234.5)).isEqualTo("$1,234.50/h");
        assertThat(cost.format(Double.NaN)).isEqualTo("–");
        assertThat(cost.axisName()).isEqualTo("$/h");
    }

    @Test
    void otherRatesKeepTheirUnits() {
        assertThat(Unit.ofMetric("node_disk_read_bytes_per_second")).isEqualTo(Unit.BYTES_PER_SECOND);
        assertThat(Unit.ofMetric("service_requests_per_second")).isEqualTo(Unit.PER_SECOND);
        assertThat(Unit.ofMetric("node_cpu_utilization_ratio")).isEqualTo(Unit.RATIO);
        assertThat(Unit.ofMetric("node_processes")).isEqualTo(Unit.COUNT);
    }
}
