package io.pharos.views.region;

import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.engine.EngineStatus;
import io.pharos.views.common.CurrentThreadTaskExecutor;
import io.pharos.views.common.FxToolkit;
import io.pharos.views.shell.ConsolePreferences;
import io.pharos.views.shell.ScreenDefinition;
import io.pharos.views.shell.ShellView;
import io.pharos.views.shell.ShellViewModel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An on-call engineer goes through regions and hosts by keyboard, in the shell, on the headless platform. */
class RegionScreenTest {
    @TempDir
    static Path dir;
    static RegionFleet fleet;
    private Scene scene;
    private Stage stage;
    private RegionSelection selection;

    @BeforeAll
    static void start() throws InterruptedException {
        FxToolkit.start();
        fleet = new RegionFleet(dir.resolve("fleet"));
    }

    @AfterAll
    static void stop() {
        fleet.close();
    }

    @AfterEach
    void close() throws Exception {
        onFx(() -> stage.close());
    }

    private void open() throws Exception {
        onFx(() -> {
            var executor = new CurrentThreadTaskExecutor();
            Clock clock = Clock.fixed(RegionFleet.END, ZoneOffset.UTC);
            selection = new RegionSelection();
            ShellViewModel shell = new ShellViewModel(List.of(new ScreenDefinition(RegionScreen.ID, RegionScreen.TITLE,
                    ctx -> new RegionScreen(RegionFleet.model(fleet.engine, RegionFleet.END, List.of()), selection, ctx))),
                    () -> new EngineStatus(RegionFleet.END.toEpochMilli(), List.of(), 0, 0, 0, 0, 0, 0, "", null),
                    executor, clock, ZoneOffset.UTC);
            shell.restore(ConsolePreferences.defaults());
            shell.selectSpan(Duration.ofHours(1));
            selection.onOpen(() -> shell.show(RegionScreen.ID));
            ShellView view = new ShellView(shell);
            scene = new Scene(view.root(), 1280, 800);
            view.attach(scene);
            stage = new Stage();
            stage.setScene(scene);
            stage.show();
            shell.refresh();
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
        done.get(30, TimeUnit.SECONDS);
    }

    private void press(KeyCode code) {
        Node focused = scene.getFocusOwner();
        Node target = focused != null && focused.getScene() == scene ? focused : scene.getRoot();
        Event.fireEvent(target, new KeyEvent(KeyEvent.KEY_PRESSED, "", "", code, false, false, false, false));
    }

    private String text(String id) {
        return ((Label) scene.lookup(id)).getText();
    }

    @SuppressWarnings("unchecked")
    private TableView<HostRow> table() {
        return (TableView<HostRow>) scene.lookup("#host-table");
    }

    @Test
    void switchRegionsSearchAHostAndOpenItsDetailByKeyboard() throws Exception {
        open();
        onFx(() -> {
            @SuppressWarnings("unchecked")
            ComboBox<String> picker = (ComboBox<String>) scene.lookup("#region-picker");
            assertThat(picker.getValue()).as("the least healthy first").isEqualTo("eu-west-1");
            assertThat(table().getItems()).as("busiest first").extracting(HostRow::cpu)
                    .isSortedAccordingTo(java.util.Comparator.reverseOrder());
            press(KeyCode.CLOSE_BRACKET);
            assertThat(picker.getValue()).isEqualTo("us-east-1");
            assertThat(text("#region-health")).isEqualTo("Healthy");
            assertThat(table().getItems()).hasSize(RegionFleet.HOSTS)
                    .allSatisfy(r -> assertThat(r.host()).contains("us-east-1"));
            press(KeyCode.CLOSE_BRACKET);
            press(KeyCode.CLOSE_BRACKET);
            assertThat(picker.getValue()).as("wraps around").isEqualTo("ap-northeast-1");

            // the executive map's click
            selection.open("eu-west-1");
            assertThat(picker.getValue()).isEqualTo("eu-west-1");
            assertThat(text("#region-health")).isEqualTo("Unhealthy");
            assertThat(text("#region-reasons")).contains("success rate").contains("< 0.95");
            assertThat(scene.lookup("#region-empty").isVisible()).isFalse();

            press(KeyCode.SLASH);
            TextField search = (TextField) scene.getFocusOwner();
            assertThat(search.getId()).isEqualTo("host-search");
            String host = table().getItems().get(5).host();
            search.setText(host);
            assertThat(table().getItems()).extracting(HostRow::host).containsExactly(host);
            press(KeyCode.ENTER);
            assertThat(text("#host-detail-title")).as("the only match opens").isEqualTo(host);
            assertThat(scene.lookup("#host-figures").lookupAll(".label")).extracting(n -> ((Label) n).getText())
                    .contains("node_cpu_utilization_ratio", "service_latency_p99_seconds");

            press(KeyCode.ESCAPE);
            assertThat(scene.lookup("#host-detail-hint").isVisible()).as("Esc closes the detail").isTrue();

            press(KeyCode.SLASH);
            ((TextField) scene.getFocusOwner()).setText("payments");
            press(KeyCode.ENTER);
            assertThat(scene.getFocusOwner()).as("Enter goes to the first match").isSameAs(table());
            HostRow first = table().getItems().getFirst();
            assertThat(table().getSelectionModel().getSelectedItem()).isSameAs(first);
            press(KeyCode.ENTER);
            assertThat(text("#host-detail-title")).isEqualTo(first.host());
            assertThat(first.service()).isEqualTo("payments");
        });
    }
}
