package io.pharos.engine.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pharos.engine.model.Labels;
import io.pharos.engine.model.Matcher;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Silences, inhibitions and acknowledgements: who is muted, when, and what says so. */
class MutingTest {
    private static final long NOW = Instant.parse("2026-11-22T01:30:00Z").toEpochMilli(); // a Sunday
    private static final Labels HOST_CPU_EU = Labels.of("alertname", "HighCpu", "region", "eu-west-1", "host", "h1");
    private static final Labels HOST_CPU_US = Labels.of("alertname", "HighCpu", "region", "us-east-1", "host", "h9");

    private static Alert firing(Labels labels) {
        return new Alert(labels, AlertState.FIRING, NOW - 60_000, NOW - 60_000, 0, 1, false);
    }

    @Test
    void aSilenceMutesMatchingAlertsOnlyWhileActiveAndSaysWhoAndWhy() {
        Silences silences = new Silences();
        silences.put(new Silence("s1", List.of(Matcher.eq("region", "eu-west-1")), NOW, NOW + 3_600_000, "ana",
                "kernel upgrade", null));
        Optional<Muter.MuteReason> reason = silences.mutes(HOST_CPU_EU, NOW + 1);
        assertThat(reason).hasValueSatisfying(r -> {
            assertThat(r.kind()).isEqualTo(Muter.MuteReason.Kind.SILENCE);
            assertThat(r.id()).isEqualTo("s1");
            assertThat(r.description()).contains("ana", "kernel upgrade");
        });
        assertThat(silences.mutes(HOST_CPU_US, NOW + 1)).isEmpty();
        assertThat(silences.mutes(HOST_CPU_EU, NOW - 1)).as("not yet").isEmpty();
        assertThat(silences.mutes(HOST_CPU_EU, NOW + 3_600_000)).as("ended").isEmpty();
        silences.expire("s1", NOW + 60_000);
        assertThat(silences.mutes(HOST_CPU_EU, NOW + 120_000)).as("expired early").isEmpty();
        assertThat(silences.all()).singleElement().satisfies(s -> assertThat(s.endMs()).isEqualTo(NOW + 60_000));
    }

    @Test
    void aRecurringSilenceMutesOnlyInItsWeeklyWindow() {
        Recurrence sundayNight = Recurrence.weekly(DayOfWeek.SUNDAY, LocalTime.of(2, 0), Duration.ofHours(2),
                ZoneId.of("Europe/Berlin"));
        Silence maintenance = new Silence("m", List.of(Matcher.eq("alertname", "HighCpu")), NOW - 86_400_000L,
                NOW + 60L * 86_400_000L, "ops", "weekly maintenance", sundayNight);
        // 01:30 UTC on Sunday is 02:30 in Berlin: inside; 03:30 UTC is 04:30 Berlin: outside.
        assertThat(maintenance.activeAt(NOW)).isTrue();
        assertThat(maintenance.activeAt(NOW + 2 * 3_600_000L)).isFalse();
        assertThat(maintenance.activeAt(NOW + 7 * 86_400_000L)).as("next Sunday").isTrue();
        assertThat(maintenance.activeAt(NOW + 86_400_000L)).as("Monday").isFalse();
    }

    @Test
    void aPreviewShowsWhatASilenceWouldMuteBeforeItIsSaved() {
        Silence s = new Silence("p", List.of(Matcher.regex("host", "h[0-5]")), NOW, NOW + 1000, "ana", "test", null);
        assertThat(Silences.preview(s, List.of(firing(HOST_CPU_EU), firing(HOST_CPU_US))))
                .extracting(a -> a.labels().get("host")).containsExactly("h1");
    }

    @Test
    void aSilenceWithoutMatchersOrAuthorIsRefused() {
        assertThatThrownBy(() -> new Silence("x", List.of(), NOW, NOW + 1, "ana", "all", null))
                .hasMessageContaining("mute everything");
        assertThatThrownBy(() -> new Silence("x", List.of(Matcher.eq("a", "b")), NOW, NOW + 1, " ", "r", null))
                .hasMessageContaining("author");
    }

    @Test
    void aRegionOutageInhibitsHostAlertsOfThatRegionOnly() {
        Labels outage = Labels.of("alertname", "RegionOutage", "region", "eu-west-1");
        Inhibition rule = new Inhibition("outage-hides-hosts", List.of(Matcher.eq("alertname", "RegionOutage")),
                List.of(Matcher.neq("alertname", "RegionOutage")), List.of("region"));
        List<Alert> firingNow = List.of(firing(outage), firing(HOST_CPU_EU), firing(HOST_CPU_US));
        Muter muter = rule.over(() -> firingNow);
        assertThat(muter.mutes(HOST_CPU_EU, NOW)).hasValueSatisfying(r -> {
            assertThat(r.kind()).isEqualTo(Muter.MuteReason.Kind.INHIBITION);
            assertThat(r.description()).contains("RegionOutage", "eu-west-1");
        });
        assertThat(muter.mutes(HOST_CPU_US, NOW)).isEmpty();
        assertThat(muter.mutes(outage, NOW)).as("the source is not muted by itself").isEmpty();
        Muter pendingOnly = rule.over(() -> List.of(new Alert(outage, AlertState.PENDING, NOW, 0, 0, 1, false)));
        assertThat(pendingOnly.mutes(HOST_CPU_EU, NOW)).as("only a firing source inhibits").isEmpty();
    }

    @Test
    void silencesAndInhibitionsAnswerAsOneMuter() {
        Silences silences = new Silences();
        silences.put(new Silence("s", List.of(Matcher.eq("host", "h9")), NOW - 1, NOW + 1000, "ana", "noisy", null));
        Inhibition rule = new Inhibition("i", List.of(Matcher.eq("alertname", "RegionOutage")),
                List.of(Matcher.eq("alertname", "HighCpu")), List.of("region"));
        Muter all = Muter.firstOf(List.of(silences, rule.over(() -> List.of(firing(
                Labels.of("alertname", "RegionOutage", "region", "eu-west-1"))))));
        assertThat(all.mutes(HOST_CPU_US, NOW)).map(Muter.MuteReason::kind).contains(Muter.MuteReason.Kind.SILENCE);
        assertThat(all.mutes(HOST_CPU_EU, NOW)).map(Muter.MuteReason::kind).contains(Muter.MuteReason.Kind.INHIBITION);
        assertThat(all.mutes(Labels.of("alertname", "Other"), NOW)).isEmpty();
    }

    @Test
    void anAcknowledgementLapsesAfterItsTimeoutAndClearsWhenTheAlertResolves() {
        Acknowledgements acks = new Acknowledgements();
        acks.acknowledge(HOST_CPU_EU, "ana", Duration.ofMinutes(30), NOW);
        assertThat(acks.current(HOST_CPU_EU, NOW + 29 * 60_000)).hasValueSatisfying(a -> assertThat(a.owner()).isEqualTo("ana"));
        assertThat(acks.current(HOST_CPU_EU, NOW + 30 * 60_000)).as("still firing after the timeout: un-acked").isEmpty();
        acks.acknowledge(HOST_CPU_EU, "bo", Duration.ofHours(1), NOW);
        acks.onTransitions(List.of(new AlertTransition(AlertState.FIRING,
                new Alert(HOST_CPU_EU, AlertState.RESOLVED, 0, NOW, NOW + 1, 1, false), NOW + 1)));
        assertThat(acks.current(HOST_CPU_EU, NOW + 2)).isEmpty();
        assertThatThrownBy(() -> acks.acknowledge(HOST_CPU_EU, "", Duration.ofMinutes(1), NOW))
                .hasMessageContaining("owner");
    }
}
