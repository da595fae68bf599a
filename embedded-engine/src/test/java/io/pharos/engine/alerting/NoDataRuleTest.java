package io.pharos.engine.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.engine.model.Labels;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NoDataRuleTest {
    private static final Labels A = Labels.of("__name__", "up", "host", "a");
    private static final Labels B = Labels.of("__name__", "up", "host", "b");

    @Test
    void aSeriesThatStopsRaisesANoDataAlertThatFiresAndResolvesWhenDataReturns() {
        NoDataRule rule = new NoDataRule("NoData", Duration.ofMinutes(2));
        AlertLifecycle lifecycle = new AlertLifecycle(AlertPolicy.firingAfter(Duration.ofMinutes(1)));
        long now = 1_000_000;
        Map<Labels, Long> last = Map.of(A, now - 30_000, B, now - 150_000);
        Map<Labels, Double> holding = rule.holding(now, last);
        assertThat(holding).containsOnlyKeys(B.with("alertname", "NoData"));
        assertThat(holding.values()).containsExactly(150.0);

        lifecycle.evaluate(now, holding);
        lifecycle.evaluate(now + 60_000, rule.holding(now + 60_000, last));
        assertThat(lifecycle.alerts()).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(AlertState.FIRING);
            assertThat(a.labels().get("host")).isEqualTo("b");
        });
        Map<Labels, Long> back = Map.of(A, now + 70_000, B, now + 70_000);
        lifecycle.evaluate(now + 75_000, rule.holding(now + 75_000, back));
        assertThat(lifecycle.alerts()).singleElement()
                .satisfies(a -> assertThat(a.state()).isEqualTo(AlertState.RESOLVED));
    }
}
