package io.pharos.engine.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.pharos.engine.dashboard.Kpi.Measure;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** A figure's change and whether it moved the good way, as the dashboard colours it. */
class KpiTest {
    private static Kpi kpi(boolean higherIsBetter, double now, double before) {
        return Kpi.of("x", "ratio", Basis.END_OF_RANGE, higherIsBetter, Measure.of(now), Measure.of(before));
    }

    @Test
    void changeIsNowMinusBeforeAndRelativeToTheBefore() {
        Kpi k = kpi(true, 120, 100);
        assertThat(k.change()).hasValue(20);
        assertThat(k.relativeChange().getAsDouble()).isCloseTo(0.2, within(1e-12));
        assertThat(kpi(true, -50, -100).relativeChange().getAsDouble()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void upIsBetterWhenHigherIsBetterAndWorseOtherwise() {
        assertThat(kpi(true, 120, 100).trend()).isEqualTo(Trend.BETTER);
        assertThat(kpi(true, 80, 100).trend()).isEqualTo(Trend.WORSE);
        assertThat(kpi(false, 120, 100).trend()).as("cost went up").isEqualTo(Trend.WORSE);
        assertThat(kpi(false, 80, 100).trend()).isEqualTo(Trend.BETTER);
    }

    @Test
    void aChangeWithinATenthOfAPercentIsSteadyByDefault() {
        assertThat(kpi(true, 100.09, 100).trend()).isEqualTo(Trend.STEADY);
        assertThat(kpi(true, 100.2, 100).trend()).isEqualTo(Trend.BETTER);
        assertThat(kpi(false, 0, 0).trend()).isEqualTo(Trend.STEADY);
    }

    @Test
    void aToleranceOfItsOwnMakesSmallMovesOfAvailabilityCount() {
        // 99.99 % to 99.90 %: well within 0.1 % of the value, yet ten times the error budget
        Kpi availability = kpi(true, 0.9990, 0.9999);
        assertThat(availability.trend()).isEqualTo(Trend.STEADY);
        assertThat(availability.withSteadyWithin(0.00001).trend()).isEqualTo(Trend.WORSE);
    }

    @Test
    void withoutAPreviousValueThereIsNoTrend() {
        Kpi k = Kpi.of("x", "users", Basis.END_OF_RANGE, true, Measure.of(10),
                Measure.missing("no data in the previous period"));
        assertThat(k.available()).isTrue();
        assertThat(k.change()).isEmpty();
        assertThat(k.relativeChange()).isEmpty();
        assertThat(k.trend()).isEqualTo(Trend.UNKNOWN);
        assertThat(k.previousReason()).hasValue("no data in the previous period");
    }

    @Test
    void anUnavailableValueCarriesItsReasonAndNoNumber() {
        Kpi k = Kpi.of("x", "users", Basis.END_OF_RANGE, true, Measure.orMissing(Double.NaN, "no users data"),
                Measure.of(5));
        assertThat(k.available()).isFalse();
        assertThat(k.value()).isEmpty();
        assertThat(k.reason()).hasValue("no users data");
        assertThat(k.trend()).isEqualTo(Trend.UNKNOWN);
    }

    @Test
    void relativeChangeFromZeroIsUndefinedButTheTrendIsNot() {
        Kpi k = kpi(false, 3, 0);
        assertThat(k.relativeChange()).isEmpty();
        assertThat(k.trend()).isEqualTo(Trend.WORSE);
    }

    @Test
    void aMissingValueWithoutAReasonOrANonFiniteValueIsRefused() {
        assertThatThrownBy(() -> new Kpi("x", "u", Basis.OVER_RANGE, true, OptionalDouble.empty(), OptionalDouble.of(1),
                Optional.empty(), Optional.empty(), "", 0, "")).hasMessageContaining("needs a reason");
        assertThatThrownBy(() -> new Kpi("x", "u", Basis.OVER_RANGE, true, OptionalDouble.of(Double.NaN),
                OptionalDouble.of(1), Optional.empty(), Optional.empty(), "", 0, "")).hasMessageContaining("finite");
    }
}
