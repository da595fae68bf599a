package io.pharos.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.engine.alerting.AlertGrouper;
import io.pharos.engine.alerting.AlertHistoryEntry;
import io.pharos.engine.alerting.AlertPolicy;
import io.pharos.engine.alerting.AlertState;
import io.pharos.engine.alerting.AlertStateStore;
import io.pharos.engine.alerting.GroupingPolicy;
import io.pharos.engine.alerting.Inhibition;
import io.pharos.engine.alerting.Muter;
import io.pharos.engine.alerting.Notification;
import io.pharos.engine.alerting.Silence;
import io.pharos.engine.model.Labels;
import io.pharos.engine.model.Matcher;
import io.pharos.engine.rules.MemorySeriesSource;
import io.pharos.engine.rules.RuleEngine;
import io.pharos.engine.rules.RuleFileLoader;
import io.pharos.engine.store.StateStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertPipelineTest {
    private static final long S = 1000;
    private static final String RULES = """
            groups:
              - name: g
                interval: 10s
                rules:
                  - alert: RegionDown
                    expr: region_up == 0
                    labels: {severity: critical}
                  - alert: HostDown
                    expr: host_up == 0
                    for: 20s
                    labels: {severity: warning}
                    annotations: {summary: "{{ $labels.host }} is down"}
            """;
    @TempDir
    Path dir;
    private final MemorySeriesSource data = new MemorySeriesSource();

    private AlertPipeline open(StateStore store) {
        RuleEngine rules = new RuleEngine(new RuleFileLoader().parse(RULES, "rules.yml").groups(), data,
                RuleEngine.RecordedSink.NONE, AlertPolicy.firingAfter(Duration.ZERO));
        Inhibition regionOutage = new Inhibition("region-outage", List.of(Matcher.eq("alertname", "RegionDown")),
                List.of(Matcher.eq("alertname", "HostDown")), List.of("region"));
        return new AlertPipeline(rules, List.of(regionOutage), new AlertGrouper(GroupingPolicy.by("alertname")),
                new AlertStateStore(store), null);
    }

    private void feed(long t, int regionUpEu, int hostUpA, int hostUpB) {
        data.add(Labels.of("__name__", "region_up", "region", "eu"), t, regionUpEu);
        data.add(Labels.of("__name__", "host_up", "region", "eu", "host", "a"), t, hostUpA);
        data.add(Labels.of("__name__", "host_up", "region", "us", "host", "b"), t, hostUpB);
    }

    @Test
    void statesSilencesAcknowledgementsAndHistoryComeBackAfterARestart() {
        long firingSince;
        try (StateStore store = StateStore.open(dir)) {
            AlertPipeline p = open(store);
            for (long t = 0; t <= 30 * S; t += 10 * S) {
                feed(t, 1, 1, 0);
                p.evaluate(t);
            }
            AlertRow b = p.alerts().getFirst();
            assertThat(b.alert().alert().state()).isEqualTo(AlertState.FIRING);
            firingSince = b.alert().alert().firingSinceMs();
            p.acknowledge(b.alert().alert().labels(), "ana", Duration.ofHours(1), 30 * S);
            p.silence(new Silence("s1", List.of(Matcher.eq("host", "b")), 0, 3_600_000, "ana", "replacing disk", null),
                    30 * S);
        }
        try (StateStore store = StateStore.open(dir)) {
            AlertPipeline p = open(store);
            assertThat(p.alerts()).singleElement().satisfies(r -> {
                assertThat(r.alert().alert().state()).isEqualTo(AlertState.FIRING);
                assertThat(r.alert().alert().firingSinceMs()).isEqualTo(firingSince);
            });
            feed(40 * S, 1, 1, 0);
            PipelineCycle c = p.evaluate(40 * S);
            assertThat(c.rules().transitions()).as("still firing: no new pending episode").isEmpty();
            AlertRow b = p.alerts().getFirst();
            assertThat(b.acknowledgement().owner()).isEqualTo("ana");
            assertThat(b.mutedBy().kind()).isEqualTo(Muter.MuteReason.Kind.SILENCE);
            assertThat(b.mutedBy().description()).contains("ana", "replacing disk");
            assertThat(b.alert().annotations()).containsEntry("summary", "b is down");
            assertThat(c.notifications()).as("silenced: nothing notified").isEmpty();
            List<AlertHistoryEntry> history = p.history(b.alert().alert().labels(), 0, Long.MAX_VALUE, 100);
            assertThat(history).extracting(AlertHistoryEntry::to).containsExactly(AlertState.PENDING, AlertState.FIRING);
            assertThat(history).extracting(AlertHistoryEntry::atMs).containsExactly(0L, 20 * S);
        }
    }

    @Test
    void aSilenceEndedEarlyUnmutesAtOnceAndStaysEndedAfterARestart() {
        try (StateStore store = StateStore.open(dir)) {
            AlertPipeline p = open(store);
            for (long t = 0; t <= 30 * S; t += 10 * S) {
                feed(t, 1, 1, 0);
                p.evaluate(t);
            }
            p.silence(new Silence("s1", List.of(Matcher.eq("host", "b")), 0, 3_600_000, "ana", "replacing disk", null),
                    30 * S);
            p.silence(new Silence("later", List.of(Matcher.eq("host", "b")), 600 * S, 3_600_000, "bo", "next window",
                    null), 30 * S);
            assertThat(p.alerts().getFirst().muted()).isTrue();

            assertThat(p.expireSilence("s1", 35 * S)).hasValueSatisfying(s -> assertThat(s.endMs()).isEqualTo(35 * S));
            assertThat(p.alerts().getFirst().muted()).as("unmuted without waiting for the next pass").isFalse();
            assertThat(p.expireSilence("later", 35 * S)).hasValueSatisfying(s -> {
                assertThat(s.endMs()).isEqualTo(35 * S);
                assertThat(s.activeAt(600 * S)).as("a silence ended before its start never mutes").isFalse();
            });
            assertThat(p.expireSilence("no-such-silence", 35 * S)).isEmpty();
        }
        try (StateStore store = StateStore.open(dir)) {
            AlertPipeline p = open(store);
            assertThat(p.silences()).extracting(Silence::id, Silence::endMs)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("s1", 35 * S),
                            org.assertj.core.groups.Tuple.tuple("later", 35 * S));
            feed(40 * S, 1, 1, 0);
            p.evaluate(40 * S);
            assertThat(p.alerts().getFirst().muted()).as("still ended after the restart").isFalse();
            feed(600 * S, 1, 1, 0);
            p.evaluate(600 * S);
            assertThat(p.alerts().getFirst().muted()).isFalse();
        }
    }

    @Test
    void aGroupRemembersWhatItWasToldAcrossARestart() {
        try (StateStore store = StateStore.open(dir)) {
            AlertPipeline p = open(store);
            List<Notification> sent = new ArrayList<>();
            for (long t = 0; t <= 60 * S; t += 10 * S) {
                feed(t, 1, 0, 0);
                sent.addAll(p.evaluate(t).notifications());
            }
            assertThat(sent).singleElement().satisfies(n -> assertThat(n.firing()).hasSize(2));
        }
        try (StateStore store = StateStore.open(dir)) {
            AlertPipeline p = open(store);
            List<Notification> sent = new ArrayList<>();
            for (long t = 70 * S; t <= 400 * S; t += 10 * S) {
                feed(t, 1, t >= 80 * S ? 1 : 0, 0);
                sent.addAll(p.evaluate(t).notifications());
            }
            assertThat(sent).as("the group was told at 50 s; the change is told once its interval has passed")
                    .singleElement().satisfies(n -> {
                        assertThat(n.atMs()).isEqualTo(350 * S);
                        assertThat(n.firing()).extracting(a -> a.labels().get("host")).containsExactly("b");
                        assertThat(n.resolved()).as("host a resolved after the restart and is told so")
                                .extracting(a -> a.labels().get("host")).containsExactly("a");
                    });
        }
    }

    @Test
    void aRegionOutageInhibitsHostAlertsInThatRegionOnly() {
        try (StateStore store = StateStore.open(dir)) {
            AlertPipeline p = open(store);
            PipelineCycle last = null;
            for (long t = 0; t <= 30 * S; t += 10 * S) {
                feed(t, 0, 0, 0);
                last = p.evaluate(t);
            }
            assertThat(last.alerts()).hasSize(3);
            AlertRow hostA = last.alerts().stream().filter(r -> "a".equals(r.alert().alert().labels().get("host")))
                    .findFirst().orElseThrow();
            AlertRow hostB = last.alerts().stream().filter(r -> "b".equals(r.alert().alert().labels().get("host")))
                    .findFirst().orElseThrow();
            assertThat(hostA.mutedBy().kind()).isEqualTo(Muter.MuteReason.Kind.INHIBITION);
            assertThat(hostA.mutedBy().description()).contains("RegionDown");
            assertThat(hostB.muted()).isFalse();
        }
    }
}
