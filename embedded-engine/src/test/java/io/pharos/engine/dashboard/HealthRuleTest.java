package io.pharos.engine.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Region health by the design's thresholds, at each edge, with reasons a person can act on. */
class HealthRuleTest {
    private final HealthRule rule = HealthRule.DEFAULTS;

    @Test
    void fastAndSuccessfulIsHealthyAndSaysWhy() {
        HealthRule.Verdict v = rule.judge(0.042, 0.9995);
        assertThat(v.health()).isEqualTo(Health.HEALTHY);
        assertThat(v.reasons()).containsExactly("response time 42 ms < 100 ms", "success rate 0.9995 > 0.99");
    }

    @Test
    void justInsideTheHealthyLimitsIsHealthy() {
        assertThat(rule.judge(0.0999, 0.9901).health()).isEqualTo(Health.HEALTHY);
    }

    @Test
    void aResponseTimeOfExactly100msIsDegraded() {
        HealthRule.Verdict v = rule.judge(0.100, 0.999);
        assertThat(v.health()).isEqualTo(Health.DEGRADED);
        assertThat(v.reasons()).containsExactly("response time 100 ms ≥ 100 ms");
    }

    @Test
    void aSuccessRateOfExactly099IsDegraded() {
        HealthRule.Verdict v = rule.judge(0.05, 0.99);
        assertThat(v.health()).isEqualTo(Health.DEGRADED);
        assertThat(v.reasons()).containsExactly("success rate 0.99 ≤ 0.99");
    }

    @Test
    void aSuccessRateJustBelowTheLimitShowsEnoughDecimalsToSeeIt() {
        assertThat(rule.judge(0.05, 0.9899).reasons()).containsExactly("success rate 0.9899 < 0.99");
        assertThat(rule.judge(0.05, 0.98999).reasons()).containsExactly("success rate 0.98999 < 0.99");
    }

    @Test
    void degradedNamesEveryFigureOutsideTheHealthyLimits() {
        HealthRule.Verdict v = rule.judge(0.1995, 0.9501);
        assertThat(v.health()).isEqualTo(Health.DEGRADED);
        assertThat(v.reasons()).containsExactly("response time 199.5 ms > 100 ms", "success rate 0.9501 < 0.99");
    }

    @Test
    void aResponseTimeOf200msIsUnhealthy() {
        HealthRule.Verdict v = rule.judge(0.200, 0.999);
        assertThat(v.health()).isEqualTo(Health.UNHEALTHY);
        assertThat(v.reasons()).containsExactly("response time 200 ms ≥ 200 ms");
    }

    @Test
    void aSuccessRateOf095OrBelowIsUnhealthy() {
        assertThat(rule.judge(0.05, 0.95)).isEqualTo(new HealthRule.Verdict(Health.UNHEALTHY,
                java.util.List.of("success rate 0.95 ≤ 0.95")));
        assertThat(rule.judge(0.05, 0.93)).isEqualTo(new HealthRule.Verdict(Health.UNHEALTHY,
                java.util.List.of("success rate 0.93 < 0.95")));
    }

    @Test
    void unhealthyNamesOnlyTheFiguresOutsideTheDegradedLimits() {
        // slow enough to be unhealthy; the success rate only degraded: the reason is the response time
        HealthRule.Verdict v = rule.judge(0.240, 0.97);
        assertThat(v.health()).isEqualTo(Health.UNHEALTHY);
        assertThat(v.reasons()).containsExactly("response time 240 ms > 200 ms");
        assertThat(rule.judge(0.5, 0.1).reasons()).containsExactly("response time 500 ms > 200 ms",
                "success rate 0.1 < 0.95");
    }

    @Test
    void missingFiguresMakeTheHealthUnknownNotHealthy() {
        assertThat(rule.judge(Double.NaN, 0.999)).isEqualTo(new HealthRule.Verdict(Health.UNKNOWN,
                java.util.List.of("no response time data")));
        assertThat(rule.judge(Double.NaN, Double.NaN).reasons()).containsExactly("no response time data",
                "no success rate data");
    }

    @Test
    void thresholdsAreParameters() {
        HealthRule strict = new HealthRule(0.050, 0.999, 0.100, 0.99);
        assertThat(strict.judge(0.060, 0.9995).health()).isEqualTo(Health.DEGRADED);
        assertThat(strict.judge(0.060, 0.9995).reasons()).containsExactly("response time 60 ms > 50 ms");
        assertThat(strict.judge(0.060, 0.985).reasons()).containsExactly("success rate 0.985 < 0.99");
    }

    @Test
    void inconsistentThresholdsAreRefused() {
        assertThatThrownBy(() -> new HealthRule(0.2, 0.99, 0.1, 0.95))
                .hasMessageContaining("the degraded one at least the healthy one");
        assertThatThrownBy(() -> new HealthRule(0.1, 0.95, 0.2, 0.99))
                .hasMessageContaining("the degraded one at most the healthy one");
    }
}
