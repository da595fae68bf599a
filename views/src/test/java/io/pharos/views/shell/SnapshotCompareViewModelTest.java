package io.pharos.views.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.engine.snapshot.SnapshotDiff;
import io.pharos.views.common.CurrentThreadTaskExecutor;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import org.junit.jupiter.api.Test;

/** "Compare" without a window: what is asked of the port, the lines listed, the messages. */
class SnapshotCompareViewModelTest {
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private final List<String> asked = new ArrayList<>();

    private static SnapshotDiff diff() {
        long from = NOW.minusSeconds(3600).toEpochMilli();
        return new SnapshotDiff(new SnapshotDiff.Side("/x/outage.pharos", from, NOW.toEpochMilli(), 10_000, null),
                new SnapshotDiff.Side("live data", from, NOW.toEpochMilli(), 0, null),
                List.of(new SnapshotDiff.Change("availability", "ratio", 0.999, 0.9995),
                        new SnapshotDiff.Change("cost_per_hour", "$/h", 1500.0, 1500.0),
                        new SnapshotDiff.Change("latency_p99", "seconds", null, 0.084)),
                List.of(new SnapshotDiff.RegionChange("eu-west-1", "unhealthy", "healthy",
                        List.of(new SnapshotDiff.Change("success_ratio", "ratio", 0.4, 0.999)))),
                List.of("{alertname=\"X\"} firing"), List.of(), List.of(), List.of("s-1 by ops"), List.of(), List.of(),
                List.of(), List.of("g/Rule"));
    }

    private SnapshotCompareViewModel model(boolean fail) {
        ShellContext context = new ShellContext(new SimpleObjectProperty<>(TimeRange.last(java.time.Duration.ofHours(1))),
                new SimpleObjectProperty<ZoneId>(ZoneOffset.UTC), new SimpleStringProperty("UTC"), Path.of("exports"));
        return new SnapshotCompareViewModel((a, against, b, from, to) -> {
            asked.add(a + " " + against.name() + " " + b + " " + (to - from));
            if (fail) {
                throw new IllegalArgumentException(a + " is not a Pharos snapshot: it is cut off");
            }
            return diff();
        }, new CurrentThreadTaskExecutor(), Clock.fixed(NOW, ZoneOffset.UTC), context);
    }

    @Test
    void aSnapshotAgainstLiveDataListsEveryFigureAndEachDifference() {
        SnapshotCompareViewModel m = model(false);
        m.pathAProperty().set("/x/outage.pharos");
        m.compare();
        assertThat(asked).containsExactly("/x/outage.pharos LIVE_SAME_RANGE null 3600000");
        assertThat(m.rows()).extracting(DiffRow::section, DiffRow::item, DiffRow::change).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Executive", "availability", "+0.1 %"),
                org.assertj.core.groups.Tuple.tuple("Executive", "cost per hour", ""),
                org.assertj.core.groups.Tuple.tuple("Executive", "latency p99", "new"),
                org.assertj.core.groups.Tuple.tuple("eu-west-1", "health", "changed"),
                org.assertj.core.groups.Tuple.tuple("eu-west-1", "success ratio", "+149.7 %"),
                org.assertj.core.groups.Tuple.tuple("Alerts", "{alertname=\"X\"} firing", "new"),
                org.assertj.core.groups.Tuple.tuple("Silences", "s-1 by ops", "new"),
                org.assertj.core.groups.Tuple.tuple("Rules", "g/Rule", "changed"));
        assertThat(m.messageProperty().get()).isEqualTo("7 differences.");
        assertThat(m.sidesProperty().get()).isEqualTo("A: outage.pharos, 2026-12-07 11:00 – 2026-12-07 12:00 UTC\n"
                + "B: live data, 2026-12-07 11:00 – 2026-12-07 12:00 UTC");
        assertThat(DiffRow.format(0.9995, "ratio")).isEqualTo("99.950 %");
        assertThat(DiffRow.format(0.084, "seconds")).isEqualTo("84 ms");
        assertThat(DiffRow.format(1500.0, "$/h")).isEqualTo("$1,500.00/h");
        assertThat(DiffRow.format(null, "ratio")).isEqualTo("—");
        assertThat(DiffRow.format(222_022.04, "requests/s")).isEqualTo("222,022 /s");
        assertThat(DiffRow.format(2_411_650.6, "users")).isEqualTo("2,411,651");
    }

    @Test
    void anotherSnapshotIsAskedForAndAFileThatCannotBeReadSaysWhy() {
        SnapshotCompareViewModel m = model(true);
        m.againstProperty().set(SnapshotComparing.Against.SNAPSHOT);
        m.compare();
        assertThat(m.messageProperty().get()).startsWith("Choose the snapshot to compare (A)");
        m.pathAProperty().set("/x/a.pharos");
        m.compare();
        assertThat(m.messageProperty().get()).isEqualTo("Choose the other snapshot (B).");
        assertThat(asked).isEmpty();
        m.pathBProperty().set("/x/b.pharos");
        m.compare();
        assertThat(asked).containsExactly("/x/a.pharos SNAPSHOT /x/b.pharos 3600000");
        assertThat(m.failedProperty().get()).isTrue();
        assertThat(m.messageProperty().get()).isEqualTo("/x/a.pharos is not a Pharos snapshot: it is cut off");
        assertThat(m.busyProperty().get()).isFalse();
    }
}
