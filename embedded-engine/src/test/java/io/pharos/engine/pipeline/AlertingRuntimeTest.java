package io.pharos.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pharos.engine.PharosEngine;
import io.pharos.engine.alerting.notify.NotificationConfig;
import io.pharos.engine.alerting.notify.Receiver;
import io.pharos.engine.incident.AutomatedResponses;
import io.pharos.engine.ingest.SampleBatch;
import io.pharos.engine.model.Matcher;
import io.pharos.engine.model.SeriesKey;
import io.pharos.engine.rules.RuleFileLoader;
import io.pharos.engine.rules.StoreSeriesSource;
import io.pharos.engine.store.StoreOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertingRuntimeTest {
    @TempDir
    Path dir;

    @Test
    void recordingsReachTheStoreAndTheStatusCountsAlertsAndBrokenRules() throws Exception {
        var rules = new RuleFileLoader().parse("""
                groups:
                  - name: g
                    interval: 1s
                    rules:
                      - record: job:up:sum
                        expr: sum by (job) (up)
                      - alert: JobDown
                        expr: job:up:sum == 0
                        labels: {severity: critical}
                      - alert: Ambiguous
                        expr: up / ignoring(instance) job:up:sum
                      - alert: Refused
                        expr: rate(up[5m:1m])
                """, "rules.yml");
        long now = System.currentTimeMillis() / 1000 * 1000;
        try (PharosEngine engine = PharosEngine.open(dir, StoreOptions.defaults())) {
            engine.ingest().accept(SampleBatch.builder(2).add(SeriesKey.of("up", "job", "api", "instance", "a"), now, 0)
                    .add(SeriesKey.of("up", "job", "api", "instance", "b"), now, 0).build());
            engine.ingest().flush();
            try (AlertingRuntime runtime = new AlertingRuntime(dir, rules,
                    NotificationConfig.simple(List.of(new Receiver.Desktop("desktop"))),
                    new StoreSeriesSource(engine.store()), engine.ingest(), Clock.systemUTC())) {
                runtime.pass(now);
                engine.ingest().flush();
                assertThat(engine.query().latest(List.of(Matcher.metric("job:up:sum")))).singleElement()
                        .satisfies(v -> assertThat(v.value()).isZero());
                AlertingStatus s = runtime.status();
                assertThat(s.rules()).isEqualTo(3);
                assertThat(s.firing()).isEqualTo(1);
                assertThat(s.failingRules()).singleElement().satisfies(f -> assertThat(f).startsWith("Ambiguous (rules.yml:10)"));
                assertThat(s.ruleProblems()).singleElement().satisfies(p -> assertThat(p).contains("rule Refused"));
                assertThat(runtime.notifications().desktop()).isNotNull();
                // A critical alert opens an incident, linked to it; the next pass opens no second one.
                assertThat(runtime.incidents().openIncidents()).singleElement()
                        .satisfies(i -> assertThat(i.toString()).contains("JobDown"));
                runtime.pass(now + 1000);
                assertThat(runtime.incidents().openIncidents()).hasSize(1);
            }
        }
    }

    @Test
    void closingWhileTheForecastsWaitToLearnStopsThemQuietly() throws Exception {
        var rules = new RuleFileLoader().parse("groups: []", "rules.yml");
        try (io.pharos.engine.testing.CapturedLogs logs = new io.pharos.engine.testing.CapturedLogs();
             PharosEngine engine = PharosEngine.open(dir, StoreOptions.defaults())) {
            AlertingRuntime runtime = engine.openAlerting(rules,
                    NotificationConfig.simple(List.of(new Receiver.Desktop("desktop"))), AutomatedResponses.none());
            runtime.start(java.time.Duration.ofMinutes(10));
            assertThat(warmUpThreads()).as("learning waits on a thread of its own").isEqualTo(1);
            assertThatThrownBy(() -> runtime.start(java.time.Duration.ZERO)).hasMessage("alerting is already started");
            engine.close();
            assertThat(warmUpThreads()).as("stopped by the close, not left to read a closed store").isZero();
            assertThat(logs.text()).doesNotContain("ERROR");
            assertThatThrownBy(() -> runtime.start(java.time.Duration.ZERO)).hasMessage("alerting is closed");
        }
    }

    private static long warmUpThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("pharos-forecast-warmup") && t.isAlive()).count();
    }
}
