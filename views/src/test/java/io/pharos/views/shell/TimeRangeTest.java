package io.pharos.views.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimeRangeTest {
    private static final Instant NOON = Instant.parse("2026-11-23T12:00:00Z");

    @Test
    void aLiveRangeFollowsTheClockAndAPausedOneStaysPut() {
        TimeRange live = TimeRange.last(Duration.ofMinutes(15));
        assertThat(live.at(NOON)).isEqualTo(new TimeRange.Interval(NOON.minusSeconds(900).toEpochMilli(),
                NOON.toEpochMilli()));
        assertThat(live.at(NOON.plusSeconds(60)).toMs()).isEqualTo(NOON.plusSeconds(60).toEpochMilli());

        TimeRange paused = live.paused(NOON);
        assertThat(paused.live()).isFalse();
        assertThat(paused.at(NOON.plusSeconds(3600))).as("an hour later, still the same 15 minutes")
                .isEqualTo(live.at(NOON));
        assertThat(paused.resumed()).isEqualTo(live);
        assertThat(paused.withSpan(Duration.ofHours(1)).at(NOON.plusSeconds(60)).fromMs())
                .isEqualTo(NOON.minusSeconds(3600).toEpochMilli());
    }

    @Test
    void aRangeSaysWhatItIsWithItsZone() {
        assertThat(TimeRange.last(Duration.ofDays(7)).describe(ZoneOffset.UTC, "UTC")).isEqualTo("last 7 d · live");
        TimeRange custom = TimeRange.between(Instant.parse("2026-11-23T13:00:00Z"), Instant.parse("2026-11-23T14:30:00Z"));
        assertThat(custom.describe(ZoneOffset.UTC, "UTC")).isEqualTo("2026-11-23 13:00 – 14:30 UTC · paused");
        assertThat(custom.describe(ZoneId.of("Asia/Tokyo"), "JST")).isEqualTo("2026-11-23 22:00 – 23:30 JST · paused");
        TimeRange overMidnight = TimeRange.between(Instant.parse("2026-11-23T13:00:00Z"),
                Instant.parse("2026-11-23T16:30:00Z"));
        assertThat(overMidnight.describe(ZoneId.of("Asia/Tokyo"), "JST")).as("in Tokyo it ends on the next day")
                .isEqualTo("2026-11-23 22:00 – 2026-11-24 01:30 JST · paused");
    }

    @Test
    void emptyAndBackwardRangesAreRefused() {
        assertThatThrownBy(() -> TimeRange.between(NOON, NOON)).hasMessageContaining("start before it ends");
        assertThatThrownBy(() -> TimeRange.last(Duration.ZERO)).hasMessageContaining("longer than zero");
    }

    @Test
    void theZoneIsNamedAsItIsAtThatTime() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        assertThat(ZoneChoice.LOCAL.label(berlin, Instant.parse("2026-01-15T12:00:00Z"))).isEqualTo("CET");
        assertThat(ZoneChoice.LOCAL.label(berlin, Instant.parse("2026-07-15T12:00:00Z"))).isEqualTo("CEST");
        assertThat(ZoneChoice.UTC.label(berlin, NOON)).isEqualTo("UTC");
        assertThat(ZoneChoice.LOCAL.label(ZoneId.of("Etc/UTC"), NOON)).as("a machine on UTC").isEqualTo("UTC");
        assertThat(ZoneChoice.UTC.zone(berlin)).isEqualTo(ZoneOffset.UTC);
        assertThat(ZoneChoice.LOCAL.zone(berlin)).isEqualTo(berlin);
    }
}
