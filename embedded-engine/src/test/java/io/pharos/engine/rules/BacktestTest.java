package io.pharos.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.engine.fleet.FleetRegion;
import io.pharos.engine.fleet.ReferenceFleet;
import io.pharos.engine.fleet.Scenario;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BacktestTest {
    @Test
    void anOutageInHistoryIsFoundWithItsPendingFiringAndResolvedTimes() {
        Instant day = Instant.parse("2026-11-17T12:00:00Z");
        Instant start = day.plus(Duration.ofMinutes(30));
        ReferenceFleet fleet = new ReferenceFleet(3, 7);
        fleet.inject(Scenario.regionOutage(FleetRegion.US_WEST_1, start, Duration.ofMinutes(20)));
        LoadedRules rules = new RuleFileLoader().parse("""
                groups:
                  - name: g
                    interval: 15s
                    rules:
                      - alert: SuccessLow
                        expr: min by (region) (region_success_ratio) < 0.95
                        for: 1m
                        labels: {severity: critical}
                """, "r.yml");
        Backtest.Result r = Backtest.run(rules.groups(), new FleetSeriesSource(fleet, 15_000), day.toEpochMilli(),
                day.plus(Duration.ofHours(2)).toEpochMilli(), 15_000);
        assertThat(r.evaluations()).isEqualTo(481);
        assertThat(r.episodes()).singleElement().satisfies(e -> {
            assertThat(e.labels().get("region")).isEqualTo("us-west-1");
            assertThat(e.pendingAtMs()).isEqualTo(start.toEpochMilli());
            assertThat(e.firingAtMs()).isEqualTo(start.plus(Duration.ofMinutes(1)).toEpochMilli());
            assertThat(e.resolvedAtMs()).isEqualTo(start.plus(Duration.ofMinutes(20)).toEpochMilli());
        });
    }
}
