package io.pharos.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void readsWhatPeopleWrite() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse(" 2w ")).isEqualTo(Duration.ofDays(14));
        assertThat(Durations.parse("1y")).isEqualTo(Duration.ofDays(365));
        assertThat(Durations.parse("PT15S")).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void refusesWhatIsNotADurationAndWhatOverflows() {
        assertThat(Durations.compound("5 minutes")).isNull();
        assertThat(Durations.compound("5")).isNull();
        assertThat(Durations.compound("99999999999999999999y")).isNull();
        assertThat(Durations.compound("99999999999999999w")).isNull();
        assertThatThrownBy(() -> Durations.parse("soon")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a duration");
        assertThatThrownBy(() -> Durations.parse("PT1X")).hasMessageContaining("ISO-8601");
    }

    @Test
    void writesDurationsForPeopleAtTheUnitThatMatters() {
        assertThat(Durations.human(0)).isEqualTo("0 s");
        assertThat(Durations.human(-5)).isEqualTo("0 s");
        assertThat(Durations.human(46)).isEqualTo("46 ms");
        assertThat(Durations.human(1_500)).isEqualTo("1.5 s");
        assertThat(Durations.human(45_000)).isEqualTo("45 s");
        assertThat(Durations.human(299_000)).isEqualTo("4 min 59 s");
        assertThat(Durations.human(300_000)).isEqualTo("5 min");
        assertThat(Durations.human(4_380_000)).isEqualTo("1 h 13 min");
        assertThat(Durations.human(3_600_000)).isEqualTo("1 h");
        assertThat(Durations.human(Duration.ofHours(74).toMillis())).isEqualTo("3 d 2 h");
    }

    @Test
    void writesDurationsAsTheyAreReadBack() {
        assertThat(Durations.format(Duration.ofMinutes(15))).isEqualTo("15m");
        assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1s500ms");
        assertThat(Durations.format(Duration.ofDays(14))).isEqualTo("14d");
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 1000; i++) {
            Duration d = Duration.ofMillis(random.nextLong(0, 400L * 86_400_000));
            assertThat(Durations.parse(Durations.format(d))).as("%s", d).isEqualTo(d);
        }
    }
}
