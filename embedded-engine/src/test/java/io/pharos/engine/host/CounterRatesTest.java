package io.pharos.engine.host;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CounterRatesTest {
    private final CounterRates rates = new CounterRates();

    @Test
    void firstSightHasNoRateThenBytesPerSecond() {
        assertThat(rates.rate("eth0", 1_000, 0)).isEmpty();
        rates.endRound();
        assertThat(rates.rate("eth0", 3_000, 2_000_000_000L)).hasValue(1_000.0);
    }

    @Test
    void counterResetGivesNoRateInsteadOfANegativeOne() {
        rates.rate("sda", 5_000, 0);
        rates.endRound();
        assertThat(rates.rate("sda", 10, 1_000_000_000L)).isEmpty();
        rates.endRound();
        assertThat(rates.rate("sda", 110, 2_000_000_000L)).hasValue(100.0);
    }

    @Test
    void keyMissingFromARoundStartsOver() {
        rates.rate("wlan0", 100, 0);
        rates.endRound();
        rates.endRound();
        assertThat(rates.rate("wlan0", 200, 2_000_000_000L)).isEmpty();
    }
}
