package io.pharos.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.engine.alerting.AlertGrouper;
import io.pharos.engine.alerting.AlertPolicy;
import io.pharos.engine.alerting.AlertState;
import io.pharos.engine.alerting.AlertStateStore;
import io.pharos.engine.alerting.AlertmanagerWebhook;
import io.pharos.engine.alerting.GroupingPolicy;
import io.pharos.engine.alerting.Silence;
import io.pharos.engine.model.Matcher;
import io.pharos.engine.rules.MemorySeriesSource;
import io.pharos.engine.rules.RuleEngine;
import io.pharos.engine.store.StateStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alertmanager's alerts in the console's queue: firing, resolved, stale, muted, and kept across a restart. */
class ReceivedAlertsTest {
    private static final long T0 = Instant.parse("2026-12-07T10:00:00Z").toEpochMilli();
    @TempDir
    Path dir;

    private record Opened(AlertPipeline pipeline, ReceivedAlerts received) {
    }

    private static Opened open(StateStore store, long nowMs) {
        AlertStateStore state = new AlertStateStore(store);
        ReceivedAlerts received = new ReceivedAlerts(state, Clock.fixed(Instant.ofEpochMilli(nowMs), ZoneOffset.UTC),
                Duration.ofHours(1));
        RuleEngine none = new RuleEngine(List.of(), new MemorySeriesSource(), RuleEngine.RecordedSink.NONE,
                AlertPolicy.firingAfter(Duration.ZERO));
        return new Opened(new AlertPipeline(none, List.of(received), List.of(),
                new AlertGrouper(GroupingPolicy.by("alertname")), state, null), received);
    }

    private static String webhook(String status, String endsAt) {
        return """
                {"version":"4","groupKey":"{}:{alertname=\\"HostDown\\"}","status":"%s","receiver":"pharos",
                 "groupLabels":{"alertname":"HostDown"},"commonLabels":{},"commonAnnotations":{},
                 "externalURL":"http://am:9093","alerts":[{"status":"%s",
                 "labels":{"alertname":"HostDown","instance":"web-1:9100","region":"eu-west-1","severity":"critical"},
                 "annotations":{"summary":"web-1 is down"},"startsAt":"2026-12-07T09:58:00.5Z","endsAt":"%s",
                 "generatorURL":"http://prom:9090/graph?g0.expr=up","fingerprint":"abc"}]}
                """.formatted(status, status, endsAt);
    }

    private static void receive(ReceivedAlerts r, String body, long nowMs) throws Exception {
        r.receive(AlertmanagerWebhook.parse(body.getBytes(StandardCharsets.UTF_8), nowMs));
    }

    @Test
    void aFiringAlertJoinsTheQueueAndItsResolutionEndsIt() throws Exception {
        try (StateStore store = StateStore.open(dir)) {
            Opened o = open(store, T0);
            receive(o.received(), webhook("firing", "0001-01-01T00:00:00Z"), T0);
            PipelineCycle c = o.pipeline().evaluate(T0 + 1_000);
            AlertRow row = o.pipeline().alerts().getFirst();
            assertThat(row.alert().alert().state()).isEqualTo(AlertState.FIRING);
            assertThat(row.alert().group()).isEqualTo(ReceivedAlerts.GROUP);
            assertThat(row.alert().alert().labels().get("instance")).isEqualTo("web-1:9100");
            long started = Instant.parse("2026-12-07T09:58:00.5Z").toEpochMilli();
            assertThat(row.alert().alert().firingSinceMs()).as("Alertmanager's start, not the message's arrival")
                    .isEqualTo(started);
            assertThat(row.alert().alert().activeSinceMs()).isEqualTo(started);
            assertThat(row.alert().alert().lastValue()).as("no value of its own").isNaN();
            assertThat(row.alert().annotations()).containsEntry("summary", "web-1 is down")
                    .containsEntry("received_from", "Alertmanager, receiver pharos")
                    .containsEntry("generator_url", "http://prom:9090/graph?g0.expr=up")
                    .doesNotContainKey("started_at");
            assertThat(c.rules().transitions()).hasSize(1);

            receive(o.received(), webhook("resolved", "2026-12-07T10:00:30Z"), T0 + 30_000);
            o.pipeline().evaluate(T0 + 31_000);
            assertThat(o.pipeline().alerts().getFirst().alert().alert().state()).isEqualTo(AlertState.RESOLVED);

            o.pipeline().evaluate(T0 + 31_000 + Duration.ofMinutes(16).toMillis());
            assertThat(o.pipeline().alerts()).as("a resolved alert leaves the queue after 15 min").isEmpty();
            assertThat(new AlertStateStore(store).loadReceived()).as("and is forgotten").isEmpty();
        }
    }

    @Test
    void aRestartKeepsWhatWasReceivedFiringAndASilenceMutesIt() throws Exception {
        long firingSince;
        try (StateStore store = StateStore.open(dir)) {
            Opened o = open(store, T0);
            receive(o.received(), webhook("firing", "0001-01-01T00:00:00Z"), T0);
            o.pipeline().evaluate(T0 + 1_000);
            firingSince = o.pipeline().alerts().getFirst().alert().alert().firingSinceMs();
        }
        try (StateStore store = StateStore.open(dir)) {
            Opened o = open(store, T0 + 60_000);
            o.pipeline().evaluate(T0 + 60_000);
            AlertRow row = o.pipeline().alerts().getFirst();
            assertThat(row.alert().alert().state()).isEqualTo(AlertState.FIRING);
            assertThat(row.alert().alert().firingSinceMs()).isEqualTo(firingSince);
            assertThat(row.alert().annotations()).containsEntry("summary", "web-1 is down");

            o.pipeline().silence(new Silence("s1", List.of(Matcher.eq("alertname", "HostDown")), T0, T0 + 3_600_000,
                    "ana", "web-1 is being replaced", null), T0 + 61_000);
            assertThat(o.pipeline().alerts().getFirst().muted()).isTrue();
        }
    }

    @Test
    void anAlertNotHeardOfForTheStaleTimeResolvesAndOneThatFiresAgainAfterItsResolutionFires() throws Exception {
        try (StateStore store = StateStore.open(dir)) {
            Opened o = open(store, T0);
            receive(o.received(), webhook("firing", "0001-01-01T00:00:00Z"), T0);
            o.pipeline().evaluate(T0 + 1_000);
            o.pipeline().evaluate(T0 + Duration.ofMinutes(59).toMillis());
            assertThat(o.pipeline().alerts().getFirst().alert().alert().state()).isEqualTo(AlertState.FIRING);
            o.pipeline().evaluate(T0 + Duration.ofMinutes(61).toMillis());
            assertThat(o.pipeline().alerts().getFirst().alert().alert().state()).isEqualTo(AlertState.RESOLVED);
            assertThat(o.pipeline().alerts().getFirst().alert().annotations()).containsKey("stale");
        }
        try (StateStore store = StateStore.open(dir.resolve("second"))) {
            Opened o = open(store, T0);
            receive(o.received(), webhook("resolved", "2026-12-07T10:00:10Z"), T0 + 10_000);
            o.pipeline().evaluate(T0 + 11_000);
            // fires again with the same start (Alertmanager's resolve_timeout ended it meanwhile)
            receive(o.received(), webhook("firing", "0001-01-01T00:00:00Z"), T0 + 20_000);
            o.pipeline().evaluate(T0 + 21_000);
            assertThat(o.pipeline().alerts()).singleElement()
                    .satisfies(r -> assertThat(r.alert().alert().state()).isEqualTo(AlertState.FIRING));
        }
    }

    @Test
    void aConsoleStoppedLongerThanTheStaleTimeDoesNotResolveWhatFiredAtItsStart() throws Exception {
        try (StateStore store = StateStore.open(dir)) {
            Opened o = open(store, T0);
            receive(o.received(), webhook("firing", "0001-01-01T00:00:00Z"), T0);
            o.pipeline().evaluate(T0 + 1_000);
        }
        long later = T0 + Duration.ofHours(5).toMillis();
        try (StateStore store = StateStore.open(dir)) {
            Opened o = open(store, later);
            o.pipeline().evaluate(later);
            assertThat(o.pipeline().alerts().getFirst().alert().alert().state()).isEqualTo(AlertState.FIRING);
            o.pipeline().evaluate(later + Duration.ofMinutes(61).toMillis());
            assertThat(o.pipeline().alerts().getFirst().alert().alert().state())
                    .as("not heard of for the stale time after the start").isEqualTo(AlertState.RESOLVED);
        }
    }
}
