package io.pharos.engine.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.engine.model.Labels;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertGrouperTest {
    private static final GroupingPolicy BY_REGION = new GroupingPolicy(List.of("region"), Duration.ofSeconds(30),
            Duration.ofMinutes(5), Duration.ofHours(1));

    private static Alert alert(String host, String region, AlertState state, boolean flapping) {
        return new Alert(Labels.of("alertname", "HighCpu", "host", host, "region", region), state, 0, 0, 0, 1, flapping);
    }

    private static Alert firing(String host, String region) {
        return alert(host, region, AlertState.FIRING, false);
    }

    @Test
    void alertsArrivingTogetherGoOutAsOneNotificationPerGroup() {
        AlertGrouper g = new AlertGrouper(BY_REGION);
        assertThat(g.tick(0, List.of(firing("a", "eu")))).as("waiting for the group").isEmpty();
        assertThat(g.tick(10_000, List.of(firing("a", "eu"), firing("b", "eu"), firing("c", "us")))).isEmpty();
        List<Notification> first = g.tick(30_000, List.of(firing("a", "eu"), firing("b", "eu"), firing("c", "us")));
        assertThat(first).singleElement().satisfies(n -> {
            assertThat(n.group().get("region")).isEqualTo("eu");
            assertThat(n.firing()).extracting(a -> a.labels().get("host")).containsExactly("a", "b");
        });
        List<Notification> us = g.tick(40_000, List.of(firing("a", "eu"), firing("b", "eu"), firing("c", "us")));
        assertThat(us).singleElement().satisfies(n -> assertThat(n.group().get("region")).isEqualTo("us"));
    }

    @Test
    void sameContentIsNotSentAgainUntilTheRepeatIntervalAndChangesWaitForTheGroupInterval() {
        AlertGrouper g = new AlertGrouper(BY_REGION);
        List<Alert> one = List.of(firing("a", "eu"));
        g.tick(0, one);
        assertThat(g.tick(30_000, one)).hasSize(1);
        assertThat(g.tick(60_000, one)).as("duplicate").isEmpty();
        List<Alert> two = List.of(firing("a", "eu"), firing("b", "eu"));
        assertThat(g.tick(120_000, two)).as("changed, but within the group interval").isEmpty();
        assertThat(g.tick(330_000, two)).singleElement()
                .satisfies(n -> assertThat(n.firing()).hasSize(2));
        assertThat(g.tick(330_000 + 3_599_000, two)).isEmpty();
        assertThat(g.tick(330_000 + 3_600_000, two)).singleElement().satisfies(n -> assertThat(n.repeat()).isTrue());
    }

    @Test
    void aResolutionIsToldOnceAndFlappingAlertsAreNotNotified() {
        AlertGrouper g = new AlertGrouper(BY_REGION);
        g.tick(0, List.of(firing("a", "eu")));
        g.tick(30_000, List.of(firing("a", "eu")));
        List<Notification> resolved = g.tick(400_000, List.of(alert("a", "eu", AlertState.RESOLVED, false)));
        assertThat(resolved).singleElement().satisfies(n -> {
            assertThat(n.firing()).isEmpty();
            assertThat(n.resolved()).extracting(a -> a.labels().get("host")).containsExactly("a");
        });
        assertThat(g.tick(800_000, List.of(alert("a", "eu", AlertState.RESOLVED, false)))).isEmpty();
        assertThat(g.tick(900_000, List.of(alert("f", "eu", AlertState.FIRING, true)))).isEmpty();
        assertThat(g.tick(990_000, List.of(alert("f", "eu", AlertState.FIRING, true)))).isEmpty();
    }

    @Test
    void restoredMemoryTellsAResolutionAndDoesNotRepeatWhatWasTold() {
        AlertGrouper before = new AlertGrouper(BY_REGION);
        before.tick(0, List.of(firing("a", "eu"), firing("b", "eu"), firing("c", "us")));
        assertThat(before.tick(30_000, List.of(firing("a", "eu"), firing("b", "eu"), firing("c", "us")))).hasSize(2);

        AlertGrouper after = new AlertGrouper(BY_REGION);
        after.restore(before.memory());
        // us: its alert went away while stopped (its rule was removed); eu: unchanged, then b resolves.
        List<Notification> first = after.tick(60_000, List.of(firing("a", "eu"), firing("b", "eu")));
        assertThat(first).as("us is told resolved at once; eu was told already").singleElement().satisfies(n -> {
            assertThat(n.group().get("region")).isEqualTo("us");
            assertThat(n.firing()).isEmpty();
            assertThat(n.resolved()).singleElement().satisfies(a -> {
                assertThat(a.labels().get("host")).isEqualTo("c");
                assertThat(a.resolvedAtMs()).isEqualTo(60_000);
            });
        });
        List<Alert> bResolved = List.of(firing("a", "eu"), alert("b", "eu", AlertState.RESOLVED, false));
        assertThat(after.tick(120_000, bResolved)).as("within the group interval of the message at 30 s").isEmpty();
        assertThat(after.tick(330_000, bResolved)).singleElement().satisfies(n -> {
            assertThat(n.firing()).extracting(a -> a.labels().get("host")).containsExactly("a");
            assertThat(n.resolved()).extracting(a -> a.labels().get("host")).containsExactly("b");
        });
    }
}
