package io.pharos.views.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.engine.EngineStatus;
import io.pharos.engine.ingest.SourceStatus;
import io.pharos.styles.StyleSheets;
import io.pharos.views.common.CurrentThreadTaskExecutor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShellViewModelTest {
    private static final Instant NOON = Instant.parse("2026-11-23T12:00:00Z");
    private final Map<String, FakeScreen> built = new LinkedHashMap<>();
    private final List<EngineStatus.SourceInfo> sources = new ArrayList<>();

    private ShellViewModel shell() {
        List<ScreenDefinition> defs = List.of(
                new ScreenDefinition("executive", "Executive", ctx -> built.computeIfAbsent("executive",
                        k -> new FakeScreen(k, ctx))),
                new ScreenDefinition("alerts", "Alerts", ctx -> built.computeIfAbsent("alerts",
                        k -> new FakeScreen(k, ctx))));
        EngineStatus status = new EngineStatus(NOON.toEpochMilli(), sources, 0, 0, 0, 0, 0, 0, "", null);
        return new ShellViewModel(defs, () -> status, new CurrentThreadTaskExecutor(),
                Clock.fixed(NOON, ZoneOffset.UTC), ZoneId.of("Europe/Berlin"));
    }

    @Test
    void screensAreBuiltWhenFirstShownAndOnlyTheOneShownIsRefreshed() {
        ShellViewModel shell = shell();
        assertThat(built).isEmpty();
        shell.show("alerts");
        assertThat(built).containsOnlyKeys("alerts");
        shell.refresh();
        shell.show(0);
        shell.refresh();
        shell.refresh();
        assertThat(built.get("alerts").refreshed).as("shown once, refreshed once while shown").isEqualTo(2);
        assertThat(built.get("executive").refreshed).isEqualTo(3);
        shell.show("alerts");
        assertThat(built).hasSize(2);
        shell.show("no-such-screen");
        assertThat(shell.currentProperty().get().id()).isEqualTo("executive");
        shell.show(7);
        assertThat(shell.currentProperty().get().id()).as("no 8th screen: nothing changes").isEqualTo("executive");
        shell.dispose();
        assertThat(built.values()).allSatisfy(s -> assertThat(s.disposed).isEqualTo(1));
    }

    @Test
    void pausingFreezesTheRangeEveryScreenSeesAndTheZoneSwitchRenamesIt() {
        ShellViewModel shell = shell();
        shell.show("executive");
        ShellContext ctx = built.get("executive").context;
        assertThat(shell.rangeTextProperty().get()).isEqualTo("last 15 min · live");
        shell.toggleLive();
        assertThat(ctx.range().getValue().live()).isFalse();
        assertThat(ctx.range().getValue().at(NOON.plusSeconds(600)).toMs()).isEqualTo(NOON.toEpochMilli());
        assertThat(shell.rangeTextProperty().get()).isEqualTo("2026-11-23 12:45 – 13:00 CET · paused");
        shell.selectSpan(Duration.ofHours(1));
        assertThat(ctx.range().getValue().live()).as("a preset keeps the range paused").isFalse();
        shell.toggleZone();
        assertThat(ctx.zone().getValue()).isEqualTo(ZoneOffset.UTC);
        assertThat(shell.rangeTextProperty().get()).isEqualTo("2026-11-23 11:00 – 12:00 UTC · paused");
        shell.toggleLive();
        assertThat(shell.rangeTextProperty().get()).isEqualTo("last 1 h · live");
    }

    @Test
    void whatWasLeftComesBackAtTheNextStart() {
        ShellViewModel first = shell();
        first.show("alerts");
        first.toggleTheme();
        first.toggleZone();
        first.selectSpan(Duration.ofDays(7));
        first.toggleLive();
        ConsolePreferences kept = first.remember(ConsolePreferences.defaults());

        ShellViewModel next = shell();
        next.restore(kept);
        assertThat(next.currentProperty().get().id()).isEqualTo("alerts");
        assertThat(next.themeProperty().get()).isEqualTo(StyleSheets.Theme.LIGHT);
        assertThat(next.zoneChoiceProperty().get()).isEqualTo(ZoneChoice.UTC);
        assertThat(next.rangeProperty().get()).as("the span comes back, live").isEqualTo(TimeRange.last(Duration.ofDays(7)));
    }

    @Test
    void theStatusBarShowsEachSourceAndWhenItWasRead() {
        sources.add(new EngineStatus.SourceInfo("reference fleet", true, new SourceStatus(SourceStatus.State.RUNNING,
                10, 100, "")));
        sources.add(new EngineStatus.SourceInfo("agent eu-1", false, new SourceStatus(SourceStatus.State.FAILED,
                0, 0, "connection refused")));
        ShellViewModel shell = shell();
        shell.show(0);
        shell.refresh();
        assertThat(shell.sources()).containsExactly(
                new SourceState("reference fleet", true, "running", true, ""),
                new SourceState("agent eu-1", false, "failed", false, "connection refused"));
        assertThat(shell.lastUpdateProperty().get()).isEqualTo("updated 13:00:00 CET");
    }

    @Test
    void aSnapshotsConsoleKeepsItsRangeWhateverIsAskedAndSaysWhyInItsBanner() {
        ShellViewModel shell = shell();
        Instant from = NOON.minus(Duration.ofHours(2));
        Instant to = NOON.minus(Duration.ofHours(1));
        shell.fixTo(new SnapshotBanner("outage.pharos", "made by Pharos", from, to));
        shell.restore(ConsolePreferences.defaults().withRangeSpan(Duration.ofDays(7)));
        shell.toggleLive();
        shell.selectSpan(Duration.ofMinutes(15));
        shell.selectRange(NOON.minusSeconds(60), NOON);
        TimeRange r = shell.context().range().getValue();
        assertThat(r.live()).isFalse();
        assertThat(r.at(NOON)).isEqualTo(new TimeRange.Interval(from.toEpochMilli(), to.toEpochMilli()));
        assertThat(shell.rangeTextProperty().get()).isEqualTo("2026-11-23 11:00 – 12:00 CET · snapshot");
        assertThat(shell.snapshot()).map(SnapshotBanner::title).contains("outage.pharos");
        assertThat(shell().snapshot()).as("the live console has no banner").isEmpty();
    }
}
