package io.pharos.engine.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.engine.model.Labels;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lifecycle on a made-up timeline: evaluations every 15 s, no clock involved. */
class AlertLifecycleTest {
    private static final Labels HOST = Labels.of("alertname", "HighCpu", "host", "a");
    private static final long STEP = 15_000;

    private static Map<Labels, Double> holding(double value) {
        return Map.of(HOST, value);
    }

    private static Alert only(AlertLifecycle l) {
        assertThat(l.alerts()).hasSize(1);
        return l.alerts().iterator().next();
    }

    @Test
    void firesOnlyAfterTheConditionHeldForItsPendingTime() {
        AlertLifecycle l = new AlertLifecycle(AlertPolicy.firingAfter(Duration.ofMinutes(1)));
        List<AlertTransition> first = l.evaluate(0, holding(0.91));
        assertThat(first).singleElement().satisfies(t -> {
            assertThat(t.from()).isEqualTo(AlertState.INACTIVE);
            assertThat(t.alert().state()).isEqualTo(AlertState.PENDING);
        });
        for (long t = STEP; t < 60_000; t += STEP) {
            assertThat(l.evaluate(t, holding(0.92))).isEmpty();
            assertThat(only(l).state()).isEqualTo(AlertState.PENDING);
        }
        List<AlertTransition> fired = l.evaluate(60_000, holding(0.95));
        assertThat(fired).singleElement().satisfies(t -> {
            assertThat(t.alert().state()).isEqualTo(AlertState.FIRING);
            assertThat(t.alert().activeSinceMs()).isZero();
            assertThat(t.alert().firingSinceMs()).isEqualTo(60_000);
            assertThat(t.alert().lastValue()).isEqualTo(0.95);
        });
    }

    @Test
    void aBlipShorterThanThePendingTimeNeverFires() {
        AlertLifecycle l = new AlertLifecycle(AlertPolicy.firingAfter(Duration.ofMinutes(1)));
        l.evaluate(0, holding(0.9));
        l.evaluate(STEP, holding(0.9));
        List<AlertTransition> gone = l.evaluate(2 * STEP, Map.of());
        assertThat(gone).singleElement().satisfies(t -> assertThat(t.alert().state()).isEqualTo(AlertState.INACTIVE));
        assertThat(l.alerts()).isEmpty();
    }

    @Test
    void keepFiringHoldsAValueHoveringAtTheThreshold() {
        AlertLifecycle l = new AlertLifecycle(AlertPolicy.firingAfter(Duration.ZERO)
                .withKeepFiringFor(Duration.ofMinutes(5)));
        long t = 0;
        l.evaluate(t, holding(0.81));
        for (int i = 1; i <= 20; i++) { // above, below, above, ... for five minutes
            t += STEP;
            assertThat(l.evaluate(t, i % 2 == 0 ? holding(0.81) : Map.of())).isEmpty();
            assertThat(only(l).state()).isEqualTo(AlertState.FIRING);
        }
        long lastAbove = t;
        while (t - lastAbove < 300_000 - STEP) {
            t += STEP;
            assertThat(l.evaluate(t, Map.of())).isEmpty();
        }
        List<AlertTransition> resolved = l.evaluate(t + STEP, Map.of());
        assertThat(resolved).singleElement().satisfies(tr -> {
            assertThat(tr.alert().state()).isEqualTo(AlertState.RESOLVED);
            assertThat(tr.alert().resolvedAtMs()).isEqualTo(lastAbove + 300_000);
        });
        assertThat(only(l).flapping()).isFalse();
    }

    @Test
    void anAlertChangingTooOftenIsMarkedFlappingAndCalmsDownAfterAQuietWindow() {
        AlertLifecycle l = new AlertLifecycle(AlertPolicy.firingAfter(Duration.ZERO)
                .withFlapDetection(4, Duration.ofMinutes(10)));
        long t = 0;
        for (int i = 0; i < 4; i++) { // fire, resolve, fire, resolve: four changes in a minute
            l.evaluate(t, i % 2 == 0 ? holding(1) : Map.of());
            t += STEP;
        }
        assertThat(only(l).flapping()).isTrue();
        assertThat(only(l).state()).isEqualTo(AlertState.RESOLVED);
        l.evaluate(t, holding(1)); // fires again: still flapping, the change is remembered
        assertThat(only(l).flapping()).isTrue();
        t += Duration.ofMinutes(11).toMillis();
        l.evaluate(t, holding(1)); // held steadily for a whole window
        assertThat(only(l).flapping()).isFalse();
        assertThat(only(l).state()).isEqualTo(AlertState.FIRING);
    }

    @Test
    void aResolvedAlertThatComesBackStartsANewEpisode() {
        AlertLifecycle l = new AlertLifecycle(AlertPolicy.firingAfter(Duration.ofSeconds(30)));
        l.evaluate(0, holding(1));
        l.evaluate(30_000, holding(1));
        l.evaluate(45_000, Map.of());
        assertThat(only(l).state()).isEqualTo(AlertState.RESOLVED);
        List<AlertTransition> back = l.evaluate(60_000, holding(2));
        assertThat(back).singleElement().satisfies(t -> {
            assertThat(t.from()).isEqualTo(AlertState.RESOLVED);
            assertThat(t.alert().state()).isEqualTo(AlertState.PENDING);
            assertThat(t.alert().activeSinceMs()).isEqualTo(60_000);
            assertThat(t.alert().resolvedAtMs()).isZero();
        });
    }

    @Test
    void resolvedAlertsLeaveTheListAfterTheirKeepingTime() {
        AlertLifecycle l = new AlertLifecycle(AlertPolicy.firingAfter(Duration.ZERO)
                .withFlapDetection(2, Duration.ofMinutes(1)));
        l.evaluate(0, holding(1));
        l.evaluate(STEP, Map.of());
        assertThat(only(l).state()).isEqualTo(AlertState.RESOLVED);
        l.evaluate(Duration.ofMinutes(14).toMillis(), Map.of());
        assertThat(l.alerts()).hasSize(1);
        l.evaluate(Duration.ofMinutes(16).toMillis(), Map.of());
        assertThat(l.alerts()).isEmpty();
    }
}
