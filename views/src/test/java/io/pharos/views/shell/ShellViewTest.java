package io.pharos.views.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.engine.EngineStatus;
import io.pharos.engine.ingest.SourceStatus;
import io.pharos.styles.StyleSheets;
import io.pharos.views.common.CurrentThreadTaskExecutor;
import io.pharos.views.common.FxToolkit;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shell on JavaFX's headless platform, driven by the keyboard as an on-call engineer would. */
class ShellViewTest {
    private static final Instant NOON = Instant.parse("2026-11-23T12:00:00Z");
    private final Map<String, FakeScreen> built = new LinkedHashMap<>();
    private ShellViewModel model;
    private ShellView view;
    private Scene scene;

    @BeforeAll
    static void toolkit() throws InterruptedException {
        FxToolkit.start();
    }

    private void open() throws Exception {
        onFx(() -> {
            List<ScreenDefinition> defs = List.of(
                    new ScreenDefinition("executive", "Executive", ctx -> built.computeIfAbsent("executive",
                            k -> new FakeScreen(k, ctx))),
                    new ScreenDefinition("alerts", "Alerts", ctx -> built.computeIfAbsent("alerts",
                            k -> new FakeScreen(k, ctx))));
            EngineStatus status = new EngineStatus(NOON.toEpochMilli(), List.of(new EngineStatus.SourceInfo(
                    "reference fleet", true, new SourceStatus(SourceStatus.State.RUNNING, 10, 100, ""))), 0, 0, 0, 0,
                    0, 0, "", null);
            model = new ShellViewModel(defs, () -> status, new CurrentThreadTaskExecutor(),
                    Clock.fixed(NOON, ZoneOffset.UTC), ZoneOffset.UTC);
            model.restore(ConsolePreferences.defaults());
            view = new ShellView(model);
            scene = new Scene(view.root(), 1280, 800);
            view.attach(scene);
            model.refresh();
            scene.getRoot().applyCss();
            scene.getRoot().layout();
        });
    }

    private static void onFx(Runnable r) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                r.run();
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        done.get(10, TimeUnit.SECONDS);
    }

    private void press(KeyCode code, boolean shortcut, boolean shift) {
        Node target = scene.getFocusOwner() != null ? scene.getFocusOwner() : scene.getRoot();
        Event.fireEvent(target, new KeyEvent(KeyEvent.KEY_PRESSED, "", "", code, shift, shortcut, false, false));
    }

    private void type(String character) {
        Node target = scene.getFocusOwner() != null ? scene.getFocusOwner() : scene.getRoot();
        Event.fireEvent(target, new KeyEvent(KeyEvent.KEY_TYPED, character, "", KeyCode.UNDEFINED, false, false,
                false, false));
    }

    private List<String> labels() {
        return scene.getRoot().lookupAll(".label").stream().filter(Node::isVisible)
                .map(n -> ((Label) n).getText()).toList();
    }

    @Test
    void everyShellActionIsAtHandOnTheKeyboard() throws Exception {
        open();
        onFx(() -> {
            assertThat(((Label) scene.lookup("#screen-title")).getText()).isEqualTo("Executive");
            press(KeyCode.DIGIT2, true, false);
            assertThat(((Label) scene.lookup("#screen-title")).getText()).isEqualTo("Alerts");
            assertThat(scene.lookup("#screen-alerts")).isNotNull();
            assertThat(scene.lookup("#screen-executive")).as("one screen at a time").isNull();

            press(KeyCode.A, false, false);
            assertThat(built.get("alerts").actionsRun).as("the screen's own shortcut").isEqualTo(1);

            press(KeyCode.P, true, false);
            assertThat(model.rangeProperty().get().live()).isFalse();
            assertThat(((Label) scene.lookup("#live-state")).getText()).contains("PAUSED");
            press(KeyCode.U, true, false);
            assertThat(model.zoneChoiceProperty().get()).isEqualTo(ZoneChoice.UTC);
            assertThat(((javafx.scene.control.Button) scene.lookup("#zone-toggle")).getText()).isEqualTo("Times: UTC");

            String darkSheet = StyleSheets.theme(StyleSheets.Theme.DARK);
            assertThat(scene.getStylesheets()).contains(darkSheet);
            press(KeyCode.T, true, true);
            assertThat(scene.getStylesheets()).contains(StyleSheets.theme(StyleSheets.Theme.LIGHT))
                    .doesNotContain(darkSheet);

            type("?");
            assertThat(view.overlay()).isNotNull();
            assertThat(labels()).contains("Ctrl+1", "Show Executive", "Ctrl+P", "Do alerts's thing");
            press(KeyCode.ESCAPE, false, false);
            assertThat(view.overlay()).isNull();
        });
    }

    @Test
    void aScreensPlainKeyShortcutIsTypingWhileATextFieldHasFocus() throws Exception {
        open();
        onFx(() -> {
            press(KeyCode.DIGIT2, true, false);
            TextField field = new TextField();
            ((javafx.scene.layout.Pane) scene.getRoot()).getChildren().add(field);
            field.requestFocus();
            assertThat(scene.getFocusOwner()).isSameAs(field);
            press(KeyCode.A, false, false);
            assertThat(built.get("alerts").actionsRun).as("typing A in a field").isZero();
            press(KeyCode.DIGIT1, true, false);
            assertThat(((Label) scene.lookup("#screen-title")).getText()).as("Ctrl+1 still works").isEqualTo("Executive");
        });
    }

    @Test
    void theStatusBarNamesEachSourceAndMarksSimulatedData() throws Exception {
        open();
        onFx(() -> {
            assertThat(labels()).contains("reference fleet · running", "SIMULATED", "updated 12:00:00 UTC",
                    "last 15 min · live");
        });
    }

    @Test
    void aCustomRangeIsTypedInTheZoneShownAndAMistakeIsSaid() throws Exception {
        open();
        onFx(() -> {
            @SuppressWarnings("unchecked")
            var picker = (javafx.scene.control.ComboBox<RangePicker.Choice>) scene.lookup("#range-picker");
            picker.setValue(RangePicker.CUSTOM);
            assertThat(view.overlay()).isNotNull();
            TextField from = (TextField) scene.lookup("#custom-from");
            TextField to = (TextField) scene.lookup("#custom-to");
            from.setText("yesterday");
            scene.lookup("#custom-range").lookupAll(".button").stream()
                    .filter(b -> "Apply".equals(((javafx.scene.control.Button) b).getText())).findFirst()
                    .ifPresent(b -> ((javafx.scene.control.Button) b).fire());
            assertThat(((Label) scene.lookup("#custom-error")).getText()).contains("2026-11-23 14:00");
            assertThat(model.rangeProperty().get()).isEqualTo(TimeRange.DEFAULT);
            from.setText("2026-11-22 08:00");
            to.setText("2026-11-22 20:00");
            scene.lookup("#custom-range").lookupAll(".button").stream()
                    .filter(b -> "Apply".equals(((javafx.scene.control.Button) b).getText())).findFirst()
                    .ifPresent(b -> ((javafx.scene.control.Button) b).fire());
            assertThat(view.overlay()).isNull();
            assertThat(model.rangeProperty().get()).isEqualTo(TimeRange.between(Instant.parse("2026-11-22T08:00:00Z"),
                    Instant.parse("2026-11-22T20:00:00Z")));
            assertThat(picker.getButtonCell().getText()).isEqualTo("Custom: 12 h");
        });
    }

    @Test
    void aNoticeShowsOverEveryScreenUntilActedOnOrDismissed() throws Exception {
        open();
        onFx(() -> {
            Node bar = scene.lookup("#notice");
            assertThat(bar.isVisible()).as("nothing to tell").isFalse();
            model.post(new Notice("New critical alert: RegionDown at 12:00 UTC", "Show critical",
                    () -> model.show("alerts")));
            assertThat(bar.isVisible()).isTrue();
            assertThat(((Label) scene.lookup("#notice-text")).getText()).startsWith("New critical alert");
            press(KeyCode.DIGIT1, true, false);
            assertThat(scene.lookup("#notice").isVisible()).as("still there on another screen").isTrue();
            ((javafx.scene.control.Button) scene.lookup("#notice-action")).fire();
            assertThat(model.currentProperty().get().id()).isEqualTo("alerts");
            assertThat(bar.isVisible()).isFalse();
            model.post(new Notice("again", "Show", () -> { }));
            ((javafx.scene.control.Button) scene.lookup("#notice-dismiss")).fire();
            assertThat(bar.isVisible()).isFalse();
            assertThat(model.currentProperty().get().id()).isEqualTo("alerts");
        });
    }
}
