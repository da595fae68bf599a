package io.pharos.views.executive;

import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.engine.dashboard.Basis;
import io.pharos.engine.dashboard.ExecutiveSummary;
import io.pharos.engine.dashboard.Kpi;
import io.pharos.engine.dashboard.Kpi.Measure;
import org.junit.jupiter.api.Test;

class KpiFormatTest {
    private static Kpi budget(double now, double before) {
        return Kpi.of(ExecutiveSummary.ERROR_BUDGET_REMAINING, "ratio", Basis.OBJECTIVE_WINDOW, true,
                Measure.of(now), Measure.of(before));
    }

    @Test
    void anErrorBudgetSpentManyTimesOverSaysHowManyTimes() {
        assertThat(KpiFormat.value(budget(-756.09, 0.93))).isEqualTo("757× spent");
        assertThat(KpiFormat.value(budget(-0.4, 0.93))).isEqualTo("1.4× spent");
        assertThat(KpiFormat.trend(budget(-756.09, 0.93))).isEqualTo("▼ vs previous 93.0 %");
        assertThat(KpiFormat.trend(budget(0.5, -2))).isEqualTo("▲ vs previous 3.0× spent");
    }

    @Test
    void aBudgetLeftAndOtherRatiosReadAsPercentages() {
        assertThat(KpiFormat.value(budget(0.929, 0.95))).isEqualTo("92.9 %");
        assertThat(KpiFormat.trend(budget(0.929, 0.95))).startsWith("▼ 2.100 pts vs previous 95.0 %");
        Kpi availability = Kpi.of(ExecutiveSummary.AVAILABILITY, "ratio", Basis.OVER_RANGE, true,
                Measure.of(-0.5), Measure.of(0.99));
        assertThat(KpiFormat.value(availability)).as("only the budget reads in times").isEqualTo("-50.0 %");
    }
}
