package io.pharos.views.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.engine.EngineStatus;
import io.pharos.views.common.CurrentThreadTaskExecutor;
import io.pharos.views.common.DirectUiDispatcher;
import io.pharos.views.shell.ConsolePreferences;
import io.pharos.views.shell.Screen;
import io.pharos.views.shell.ScreenDefinition;
import io.pharos.views.shell.ShellViewModel;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import javafx.scene.layout.Pane;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A new critical alert is the shell's notice on any screen, before the queue was ever opened. */
class CriticalAlertNoticesTest {
    @TempDir
    Path dir;
    private AlertFixture f;

    @BeforeEach
    void open() throws Exception {
        f = new AlertFixture(dir);
    }

    @AfterEach
    void close() {
        f.close();
    }

    private static ScreenDefinition screen(String id) {
        return new ScreenDefinition(id, id, ctx -> new Screen() {
            @Override
            public javafx.scene.Node root() {
                return new Pane();
            }

            @Override
            public void refresh() {
            }

            @Override
            public void dispose() {
            }
        });
    }

    @Test
    void aNewCriticalAlertIsNoticedOnAnyScreenAndOpensTheQueueOnTheCriticalOnes() throws Exception {
        EngineStatus status = new EngineStatus(AlertFixture.NOW, List.of(), 0, 0, 0, 0, 0, 0, "", null);
        ShellViewModel shell = new ShellViewModel(List.of(screen("executive"), screen(AlertsScreen.ID)), () -> status,
                new CurrentThreadTaskExecutor(), f.clock, ZoneOffset.UTC);
        shell.restore(ConsolePreferences.defaults());
        AlertQueueFocus focus = new AlertQueueFocus();
        focus.onOpen(() -> shell.show(AlertsScreen.ID));
        try (var notices = new CriticalAlertNotices(Optional.of(f.runtime), new DirectUiDispatcher(), f.clock, shell,
                focus)) {
            // The groups seen at START were notified at NOW's pass, after the group wait; the desktop
            // receiver delivers on the notification service's own threads once it runs.
            f.runtime.notifications().start();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (shell.noticeProperty().get() == null && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(shell.currentProperty().get().id()).isEqualTo("executive");
            assertThat(shell.noticeProperty().get()).isNotNull();
            assertThat(shell.noticeProperty().get().text()).startsWith("New critical alert: [FIRING:1] RegionDown")
                    .endsWith("UTC");
            assertThat(shell.noticeProperty().get().actionText()).isEqualTo("Show critical");

            shell.actOnNotice();
            assertThat(shell.currentProperty().get().id()).isEqualTo(AlertsScreen.ID);
            assertThat(focus.severityProperty().get()).isEqualTo("critical");
            assertThat(shell.noticeProperty().get()).isNull();
        }
    }
}
