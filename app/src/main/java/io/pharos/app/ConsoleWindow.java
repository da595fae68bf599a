package io.pharos.app;

import io.pharos.engine.PharosEngine;
import io.pharos.engine.dashboard.DashboardService;
import io.pharos.engine.dashboard.IncidentSource;
import io.pharos.engine.fleet.ReferenceFleet;
import io.pharos.engine.pipeline.AlertingState;
import io.pharos.engine.snapshot.Manifest;
import io.pharos.engine.snapshot.OpenedSnapshot;
import io.pharos.engine.snapshot.SnapshotDiff;
import io.pharos.engine.store.SnapshotFileReader;
import io.pharos.views.alerts.AlertQueueFocus;
import io.pharos.views.alerts.AlertsScreen;
import io.pharos.views.alerts.CriticalAlertNotices;
import io.pharos.views.common.FxUiDispatcher;
import io.pharos.views.common.ThreadPoolTaskExecutor;
import io.pharos.views.executive.ExecutiveScreen;
import io.pharos.views.executive.ExecutiveViewModel;
import io.pharos.views.incidents.IncidentsScreen;
import io.pharos.views.region.RegionScreen;
import io.pharos.views.region.RegionSelection;
import io.pharos.views.region.RegionViewModel;
import io.pharos.views.shell.ConsolePreferences;
import io.pharos.views.shell.ScreenDefinition;
import io.pharos.views.shell.ShellContext;
import io.pharos.views.shell.ShellView;
import io.pharos.views.shell.ShellViewModel;
import io.pharos.views.shell.SnapshotBanner;
import io.pharos.views.shell.SnapshotCompareViewModel;
import io.pharos.views.shell.SnapshotComparing;
import io.pharos.views.shell.SnapshotExportViewModel;
import io.pharos.views.shell.SnapshotOpenViewModel;
import io.pharos.views.status.ChartChoice;
import io.pharos.views.status.StatusScreen;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.function.BiFunction;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * The console's window: the shell with its screens, where and how it was left last time. Wiring only;
 * public so that the user flows in the tests module open the console exactly as the launcher does.
 */
public final class ConsoleWindow {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ConsoleWindow.class);
    static final double DEFAULT_WIDTH = 1280;
    static final double DEFAULT_HEIGHT = 800;

    private ConsoleWindow() {
    }

    /**
     * What the console shows: the engine, the simulated fleet (null when it does not run), the engine
     * status screen's charts, the data directory, the clock it tells time by, the zone "local" means, and
     * its live sources' settings (null: not editable here).
     */
    public record Setup(PharosEngine engine, ReferenceFleet fleet, List<ChartChoice> choices, Path dataDir, Clock clock,
                        ZoneId localZone, io.pharos.views.status.SourceSettings sources) {
        public Setup {
            choices = List.copyOf(choices);
        }
    }

    /** Shows the console in {@code stage} on the FX thread; {@code onClosed} runs once it is closed. */
    public static void show(Setup setup, Stage stage, Runnable onClosed) {
        ConsoleData.Live data = new ConsoleData.Live(setup.engine(), setup.fleet());
        Path exports = setup.dataDir().resolve("exports");
        Panels panels = new Panels(
                (executor, context) -> new SnapshotExportViewModel(new ConsoleSnapshotExports(setup.engine(),
                        setup.fleet(), setup.dataDir(), exports, setup.localZone()), executor, setup.clock(), context),
                (executor, context) -> new SnapshotOpenViewModel(file -> opening(file, setup.dataDir(),
                        setup.localZone()), executor, context),
                (executor, context) -> new SnapshotCompareViewModel(
                        (a, against, b, fromMs, toMs) -> compare(data, a, against, b, fromMs, toMs), executor,
                        setup.clock(), context));
        show(data, setup.choices(), setup.dataDir(), setup.clock(), setup.localZone(), null, exports, panels, stage,
                onClosed, java.util.Optional.ofNullable(setup.sources()));
    }

    /** The live console's snapshot panels, made for the window's executor and shell context; null for none. */
    private record Panels(BiFunction<ThreadPoolTaskExecutor, ShellContext, SnapshotExportViewModel> export,
                          BiFunction<ThreadPoolTaskExecutor, ShellContext, SnapshotOpenViewModel> open,
                          BiFunction<ThreadPoolTaskExecutor, ShellContext, SnapshotCompareViewModel> compare) {
        static final Panels NONE = new Panels(null, null, null);
    }

    /** Snapshot {@code a} against another, or against the live data (its range's figures; its state now). */
    private static SnapshotDiff compare(ConsoleData.Live live, Path a, SnapshotComparing.Against against, Path b,
                                        long inForceFromMs, long inForceToMs) {
        try (OpenedSnapshot x = OpenedSnapshot.open(a, SnapshotFileReader.Limits.DEFAULT)) {
            if (against == SnapshotComparing.Against.SNAPSHOT) {
                try (OpenedSnapshot y = OpenedSnapshot.open(b, SnapshotFileReader.Limits.DEFAULT)) {
                    return SnapshotDiff.of(x, y);
                }
            }
            boolean same = against == SnapshotComparing.Against.LIVE_SAME_RANGE;
            long from = same ? x.manifest().fromMs() : inForceFromMs;
            long to = same ? x.manifest().toMs() : inForceToMs;
            return SnapshotDiff.of(SnapshotDiff.Compared.of(x), SnapshotDiff.Compared.live(live.dashboard(), from, to,
                    live.alerting(), live.incidentSource().incidents()));
        }
    }

    /**
     * Opens {@code file} (the caller's thread: not the FX one) and returns what shows it beside the live
     * console; the snapshot is closed with its window, or at once if the window cannot be shown.
     */
    private static Runnable opening(Path file, Path dataDir, ZoneId localZone) {
        OpenedSnapshot opened = OpenedSnapshot.open(file, SnapshotFileReader.Limits.DEFAULT);
        return () -> {
            try {
                showSnapshot(opened, dataDir, localZone, new Stage(), () -> { });
            } catch (RuntimeException e) {
                opened.close();
                throw e;
            }
        };
    }

    /**
     * Shows an opened snapshot read-only in {@code stage}, on the FX thread: the banner above the screens,
     * time fixed to its range (its clock stopped at the range's end), nothing saved of the window. The
     * snapshot is closed with the window; {@code onClosed} runs after.
     */
    public static void showSnapshot(OpenedSnapshot snapshot, Path dataDir, ZoneId localZone, Stage stage,
                                    Runnable onClosed) {
        Manifest m = snapshot.manifest();
        Clock clock = Clock.fixed(Instant.ofEpochMilli(m.toMs()), java.time.ZoneOffset.UTC);
        boolean simulated = m.sources().stream().anyMatch(Manifest.Source::simulated);
        SnapshotBanner banner = new SnapshotBanner(snapshot.file().getFileName().toString(),
                SnapshotDescription.of(m, localZone), Instant.ofEpochMilli(m.fromMs()), Instant.ofEpochMilli(m.toMs()));
        show(new ConsoleData.Snapshot(snapshot), simulated ? ConsoleLauncher.FLEET_CHARTS : List.of(), dataDir, clock,
                localZone, banner, dataDir.resolve("exports"), Panels.NONE, stage, () -> {
                    // Off the FX thread: closing waits for a read under way to stop, and the window it
                    // shares with the live console must not.
                    Thread.ofPlatform().daemon().name("pharos-snapshot-close").start(snapshot::close);
                    onClosed.run();
                }, java.util.Optional.empty());
    }

    /**
     * The one wiring of the window over live data or a snapshot ({@code banner} not null).
     *
     * @param panels the snapshot panels of the top bar ({@link Panels#NONE} in a snapshot's window)
     */
    private static void show(ConsoleData data, List<ChartChoice> choices, Path dataDir, Clock clock, ZoneId localZone,
                             SnapshotBanner banner, Path exports, Panels panels, Stage stage, Runnable onClosed,
                             java.util.Optional<io.pharos.views.status.SourceSettings> sources) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        // Shared by the screens: whichever opens the regional dashboard on a region calls regions.open(region).
        RegionSelection regions = new RegionSelection();
        // Shared by the alert queue and the shell's notice of new critical alerts ("Show critical").
        AlertQueueFocus alertFocus = new AlertQueueFocus();
        IncidentSource incidentSource = data.incidentSource();
        DashboardService dashboard = data.dashboard();
        FxUiDispatcher ui = new FxUiDispatcher();
        // In the order of the navigation (Ctrl+1 first): what people use most comes first.
        List<ScreenDefinition> screens = List.of(
                new ScreenDefinition(ExecutiveScreen.ID, ExecutiveScreen.TITLE, ctx -> new ExecutiveScreen(
                        startMeasured(new ExecutiveViewModel(dashboard, executor, clock, () -> ctx.range().getValue())),
                        ctx, regions::open, incidentSource::incidents, executor, clock)),
                new ScreenDefinition(RegionScreen.ID, RegionScreen.TITLE,
                        ctx -> new RegionScreen(region(data, executor, clock, ctx), regions, ctx)),
                new ScreenDefinition(AlertsScreen.ID, AlertsScreen.TITLE,
                        ctx -> new AlertsScreen(data.alerting(), data.query(), executor, alertFocus, clock, ctx,
                                operator())),
                new ScreenDefinition(IncidentsScreen.ID, IncidentsScreen.TITLE,
                        ctx -> new IncidentsScreen(data.incidents(executor, clock, operator(),
                                dataDir.resolve("postmortems")), ctx)),
                new ScreenDefinition(StatusScreen.ID, StatusScreen.TITLE,
                        ctx -> new StatusScreen(data::status, data.query(), executor, clock, choices, ctx, sources)));
        ShellViewModel shell = new ShellViewModel(screens, data::status, executor, clock, localZone, exports);
        if (banner != null) {
            shell.fixTo(banner);
        }
        regions.onOpen(() -> shell.show(RegionScreen.ID));
        alertFocus.onOpen(() -> shell.show(AlertsScreen.ID));
        // Only the live runtime tells of new critical alerts; a snapshot's never change.
        CriticalAlertNotices notices = new CriticalAlertNotices(data.alerting().flatMap(AlertingState::runtime), ui,
                clock, shell, alertFocus);
        ConsolePreferences prefs = ConsolePreferences.load(dataDir);
        shell.restore(prefs);
        ShellView view = new ShellView(shell,
                panels.export() == null ? null : panels.export().apply(executor, shell.context()),
                panels.open() == null ? null : panels.open().apply(executor, shell.context()),
                panels.compare() == null ? null : panels.compare().apply(executor, shell.context()));
        ConsolePreferences.Window w = banner == null ? onScreen(prefs.window()) : null;
        // A first start, or a snapshot's window: the default size, as far as the screen has room for it.
        Rectangle2D room = Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(view.root(), w == null ? Math.min(DEFAULT_WIDTH, room.getWidth()) : w.width(),
                w == null ? Math.min(DEFAULT_HEIGHT, room.getHeight()) : w.height());
        view.attach(scene);
        if (w != null) {
            stage.setX(w.x());
            stage.setY(w.y());
            stage.setMaximized(w.maximized());
        }
        // Live data refreshes every second; a snapshot does not change, so its screens read it when shown.
        Timeline refresh = new Timeline(new KeyFrame(Duration.seconds(1), e -> shell.refresh()));
        refresh.setCycleCount(Timeline.INDEFINITE);
        stage.setTitle(banner == null ? "Pharos " + VersionProvider.version()
                : banner.title() + " (snapshot, read-only) — Pharos " + VersionProvider.version());
        stage.setScene(scene);
        stage.setOnHidden(e -> {
            refresh.stop();
            if (banner == null) {
                // A snapshot's window keeps the live console's preferences as they are.
                shell.remember(prefs).withWindow(new ConsolePreferences.Window(stage.getX(), stage.getY(),
                        scene.getWidth(), scene.getHeight(), stage.isMaximized())).save(dataDir);
            }
            closeQuietly(notices);
            view.dispose();
            shell.dispose();
            executor.shutdown();
            onClosed.run();
        });
        stage.show();
        shell.refresh();
        if (banner == null) {
            refresh.play();
        }
    }

    private static RegionViewModel region(ConsoleData data, ThreadPoolTaskExecutor executor, Clock clock,
                                          ShellContext ctx) {
        return new RegionViewModel(data.query(), new DashboardService(data.query(), IncidentSource.NOT_TRACKED),
                data::status, data.adjustments(), executor, clock,
                () -> ctx.range().getValue(), () -> ctx.zone().getValue(), () -> ctx.zoneName().getValue());
    }

    /**
     * Logs how long after the process started the executive dashboard showed its figures: the
     * next pulse after they are applied is when they are on screen (docs/benchmarks.md reads this line).
     */
    private static ExecutiveViewModel startMeasured(ExecutiveViewModel model) {
        model.onFirstFigures(() -> javafx.application.Platform.runLater(() -> LOG.info(
                "Executive dashboard showed its figures {} ms after Pharos started ({} ms of CPU)",
                System.currentTimeMillis() - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime(),
                processCpuMs())));
        return model;
    }

    /** The process's CPU time so far, all threads (JIT and GC included): what a start on 2 cores is bounded by. */
    private static long processCpuMs() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() / 1_000_000 : -1;
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.warn("Could not stop listening for notifications: {}", e.getMessage());
        }
    }

    /** Who uses the console: the name the timelines record for what is done here. */
    static String operator() {
        String name = System.getProperty("user.name", "");
        return name.isBlank() ? "console" : name;
    }

    /** The remembered place, or null when it is no longer on any screen (a monitor was unplugged). */
    private static ConsolePreferences.Window onScreen(ConsolePreferences.Window w) {
        if (w == null) {
            return null;
        }
        Rectangle2D titleBar = new Rectangle2D(w.x(), w.y(), Math.max(1, w.width()), 40);
        boolean visible = Screen.getScreens().stream().anyMatch(s -> s.getVisualBounds().intersects(titleBar));
        return visible ? w : null;
    }
}
