package io.pharos.app;

import io.pharos.engine.PharosEngine;
import io.pharos.views.alerts.AlertsScreen;
import io.pharos.views.common.FxUiDispatcher;
import io.pharos.views.common.ThreadPoolTaskExecutor;
import io.pharos.views.shell.ConsolePreferences;
import io.pharos.views.shell.ScreenDefinition;
import io.pharos.views.shell.ShellView;
import io.pharos.views.shell.ShellViewModel;
import io.pharos.views.status.ChartChoice;
import io.pharos.views.status.StatusScreen;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.util.Duration;

/** The console's window: the shell with its screens, where and how it was left last time. Wiring only. */
final class ConsoleWindow {
    static final double DEFAULT_WIDTH = 1280;
    static final double DEFAULT_HEIGHT = 800;

    private ConsoleWindow() {
    }

    /** Opens the window on the FX thread; {@code closed} counts down when it is closed. */
    static void open(PharosEngine engine, List<ChartChoice> choices, Path dataDir, CountDownLatch closed) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        Clock clock = Clock.systemUTC();
        FxUiDispatcher ui = new FxUiDispatcher();
        String owner = System.getProperty("user.name", "on-call");
        List<ScreenDefinition> screens = List.of(
                new ScreenDefinition(StatusScreen.ID, StatusScreen.TITLE,
                        ctx -> new StatusScreen(engine, executor, clock, choices, ctx)),
                new ScreenDefinition(AlertsScreen.ID, AlertsScreen.TITLE,
                        ctx -> new AlertsScreen(engine, executor, ui, clock, ctx, owner)));
        ShellViewModel shell = new ShellViewModel(screens, engine::status, executor, clock, ZoneId.systemDefault());
        ConsolePreferences prefs = ConsolePreferences.load(dataDir);
        shell.restore(prefs);
        ShellView view = new ShellView(shell);
        Stage stage = new Stage();
        ConsolePreferences.Window w = onScreen(prefs.window());
        Scene scene = new Scene(view.root(), w == null ? DEFAULT_WIDTH : w.width(), w == null ? DEFAULT_HEIGHT : w.height());
        view.attach(scene);
        if (w != null) {
            stage.setX(w.x());
            stage.setY(w.y());
            stage.setMaximized(w.maximized());
        }
        Timeline refresh = new Timeline(new KeyFrame(Duration.seconds(1), e -> shell.refresh()));
        refresh.setCycleCount(Timeline.INDEFINITE);
        stage.setTitle("Pharos " + VersionProvider.version());
        stage.setScene(scene);
        stage.setOnHidden(e -> {
            refresh.stop();
            shell.remember(prefs).withWindow(new ConsolePreferences.Window(stage.getX(), stage.getY(),
                    scene.getWidth(), scene.getHeight(), stage.isMaximized())).save(dataDir);
            view.dispose();
            shell.dispose();
            executor.shutdown();
            closed.countDown();
        });
        stage.show();
        shell.refresh();
        refresh.play();
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
