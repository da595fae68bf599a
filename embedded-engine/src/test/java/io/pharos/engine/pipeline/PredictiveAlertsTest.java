package io.pharos.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.engine.alerting.AlertGrouper;
import io.pharos.engine.alerting.AlertPolicy;
import io.pharos.engine.alerting.AlertState;
import io.pharos.engine.alerting.AlertStateStore;
import io.pharos.engine.alerting.GroupingPolicy;
import io.pharos.engine.fleet.FleetHistoryGenerator;
import io.pharos.engine.fleet.FleetService;
import io.pharos.engine.fleet.ReferenceFleet;
import io.pharos.engine.fleet.Scenario;
import io.pharos.engine.forecast.DefaultPredictiveRules;
import io.pharos.engine.rules.RuleAlert;
import io.pharos.engine.rules.RuleEngine;
import io.pharos.engine.rules.RuleFileLoader;
import io.pharos.engine.rules.StoreSeriesSource;
import io.pharos.engine.store.HistoryWriter;
import io.pharos.engine.store.StateStore;
import io.pharos.engine.store.StoreOptions;
import io.pharos.engine.store.TimeSeriesStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Predictive alerts live in the pipeline: learned from stored history, notified like others, saved. */
class PredictiveAlertsTest {
    @TempDir
    Path dir;

    private static AlertPipeline pipeline(TimeSeriesStore store, StateStore state, PredictiveAlerts predictive) {
        RuleEngine rules = new RuleEngine(new RuleFileLoader().parse("groups: []", "none.yml").groups(),
                new StoreSeriesSource(store), RuleEngine.RecordedSink.NONE, AlertPolicy.firingAfter(Duration.ZERO));
        return new AlertPipeline(rules, predictive, List.of(), new AlertGrouper(GroupingPolicy.by("alertname")),
                new AlertStateStore(state), null);
    }

    @Test
    void aLeakThatWillCrossWithinTheHourFiresAPredictiveAlertThatSurvivesARestart() throws Exception {
        // A fixed Monday evening: the fleet is a pure function of time, so the test is the same every day.
        Instant now = Instant.parse("2026-11-23T17:45:00Z");
        ReferenceFleet fleet = new ReferenceFleet(11, 7);
        fleet.inject(Scenario.memoryLeak(FleetService.SEARCH, now.minus(Duration.ofMinutes(60)), Duration.ofHours(6)));
        // Retention follows the wall clock: keep this history whatever the day the test runs.
        StoreOptions options = StoreOptions.defaults().withRetention(Duration.ofDays(36_500), Duration.ofDays(36_500));
        try (TimeSeriesStore store = TimeSeriesStore.open(dir, options)) {
            try (HistoryWriter w = store.historyWriter()) {
                new FleetHistoryGenerator(fleet, Duration.ofSeconds(15), Duration.ofHours(2), 1)
                        .generate(now.minus(Duration.ofDays(2)), now, w, io.pharos.engine.fleet.HistoryProgress.NONE);
            }
            long firingSince;
            try (StateStore state = StateStore.open(dir)) {
                PredictiveAlerts predictive = new PredictiveAlerts(DefaultPredictiveRules.rules(), store,
                        DefaultPredictiveRules.POLICY, 15_000);
                AlertPipeline p = pipeline(store, state, predictive);
                assertThat(p.evaluate(now.toEpochMilli()).alerts()).as("not before the warm-up").isEmpty();
                predictive.warmUp(now.minus(Duration.ofDays(2)).toEpochMilli(), now.toEpochMilli() + 1);
                List<AlertRow> rows = p.evaluate(now.toEpochMilli() + 15_000).alerts();
                assertThat(rows).isNotEmpty().allSatisfy(r -> {
                    RuleAlert a = r.alert();
                    assertThat(a.rule()).isEqualTo("PredictedHighMemory");
                    assertThat(a.alert().state()).isEqualTo(AlertState.FIRING);
                    assertThat(a.alert().labels().get("kind")).isEqualTo("predictive");
                    assertThat(a.alert().labels().get("service")).isEqualTo("search");
                    assertThat(Instant.parse(a.annotations().get("predicted_crossing"))).isAfter(now);
                    assertThat(Long.parseLong(a.annotations().get("lead_time_seconds"))).isGreaterThan(8 * 60);
                });
                firingSince = rows.getFirst().alert().alert().firingSinceMs();
            }
            try (StateStore state = StateStore.open(dir)) {
                AlertPipeline restarted = pipeline(store, state, new PredictiveAlerts(DefaultPredictiveRules.rules(),
                        store, DefaultPredictiveRules.POLICY, 15_000));
                assertThat(restarted.alerts()).isNotEmpty().allSatisfy(r -> {
                    assertThat(r.alert().alert().state()).isEqualTo(AlertState.FIRING);
                    assertThat(r.alert().group()).isEqualTo(PredictiveAlerts.GROUP);
                });
                assertThat(restarted.alerts().getFirst().alert().alert().firingSinceMs()).isEqualTo(firingSince);
            }
        }
    }

    @Test
    void anInterruptedWarmUpStopsBeforeReadingAndIsNotReady() {
        try (TimeSeriesStore store = TimeSeriesStore.open(dir, StoreOptions.defaults())) {
            long now = System.currentTimeMillis();
            var app = store.appender();
            app.append(io.pharos.engine.model.SeriesKey.of("node_cpu_utilization_ratio", "host", "a"), now, 0.5);
            app.commit();
            PredictiveAlerts predictive = new PredictiveAlerts(DefaultPredictiveRules.rules(), store,
                    DefaultPredictiveRules.POLICY, 15_000);
            Thread.currentThread().interrupt(); // as AlertingRuntime.close does to the learning thread
            try {
                assertThat(predictive.warmUp(now - 60_000, now + 1)).isFalse();
                assertThat(predictive.ready()).isFalse();
            } finally {
                Thread.interrupted();
            }
            assertThat(predictive.warmUp(now - 60_000, now + 1)).isTrue();
            assertThat(predictive.ready()).isTrue();
        }
    }
}
