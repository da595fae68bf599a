package io.pharos.views.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.engine.EngineStatus;
import io.pharos.engine.fleet.ReferenceFleet;
import io.pharos.engine.incident.ActionStatus;
import io.pharos.engine.incident.FleetActionExecutor;
import io.pharos.engine.incident.FleetImpactEstimator;
import io.pharos.engine.incident.FleetResponseMetrics;
import io.pharos.engine.incident.IncidentPolicy;
import io.pharos.engine.incident.IncidentService;
import io.pharos.engine.incident.IncidentStatus;
import io.pharos.engine.incident.ResponsePolicy;
import io.pharos.engine.incident.ResponseService;
import io.pharos.engine.store.StateStore;
import io.pharos.views.common.CurrentThreadTaskExecutor;
import io.pharos.views.common.FxToolkit;
import io.pharos.views.shell.ConsolePreferences;
import io.pharos.views.shell.ScreenDefinition;
import io.pharos.views.shell.ShellView;
import io.pharos.views.shell.ShellViewModel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An on-call engineer works an incident by keyboard, in the shell, on JavaFX's headless platform. */
class IncidentsScreenTest {
    private static final Instant PEAK = Instant.parse("2026-03-04T15:00:00Z");
    @TempDir
    Path dir;
    private StateStore store;
    private IncidentService incidents;
    private Scene scene;
    private Stage stage;

    @BeforeAll
    static void toolkit() throws InterruptedException {
        FxToolkit.start();
    }

    @AfterEach
    void close() throws Exception {
        onFx(() -> stage.close());
        store.close();
    }

    private void open() throws Exception {
        store = StateStore.open(dir);
        Clock clock = Clock.fixed(PEAK, ZoneOffset.UTC);
        incidents = new IncidentService(store, clock, IncidentPolicy.defaults());
        ReferenceFleet fleet = new ReferenceFleet(7, 40);
        ResponseService responses = new ResponseService(incidents, ResponsePolicy.defaults(),
                new FleetActionExecutor(fleet), new FleetResponseMetrics(fleet));
        FleetImpactEstimator impact = new FleetImpactEstimator(fleet);
        onFx(() -> {
            var executor = new CurrentThreadTaskExecutor();
            ShellViewModel shell = new ShellViewModel(List.of(new ScreenDefinition(IncidentsScreen.ID,
                    IncidentsScreen.TITLE, ctx -> new IncidentsScreen(new IncidentsViewModel(incidents, responses,
                    impact::estimate, executor, clock, "ana", dir.resolve("postmortems")), ctx))),
                    () -> new EngineStatus(PEAK.toEpochMilli(), List.of(), 0, 0, 0, 0, 0, 0, "", null), executor, clock,
                    ZoneOffset.UTC);
            shell.restore(ConsolePreferences.defaults());
            ShellView view = new ShellView(shell);
            scene = new Scene(view.root(), 1280, 800);
            view.attach(scene);
            stage = new Stage();
            stage.setScene(scene);
            stage.show();
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
        done.get(20, TimeUnit.SECONDS);
    }

    private void press(KeyCode code) {
        Node focused = scene.getFocusOwner();
        Node target = focused != null && focused.getScene() == scene ? focused : scene.getRoot();
        Event.fireEvent(target, new KeyEvent(KeyEvent.KEY_PRESSED, "", "", code, false, false, false, false));
    }

    private List<String> labels() {
        return scene.getRoot().lookupAll(".label").stream().map(n -> ((Label) n).getText()).toList();
    }

    @Test
    void openAcknowledgeRespondAndResolveByKeyboard() throws Exception {
        open();
        onFx(() -> {
            press(KeyCode.N);
            TextField title = (TextField) scene.getFocusOwner();
            assertThat(title.getId()).isEqualTo("new-incident-title");
            title.setText("payments failing in eu-west-1");
            press(KeyCode.A);
            assertThat(incidents.list()).as("typing 'a' in a field is text, not acknowledge").isEmpty();
            press(KeyCode.ENTER);
            assertThat(incidents.list()).singleElement().satisfies(i -> assertThat(i.title())
                    .isEqualTo("payments failing in eu-west-1"));

            press(KeyCode.L);
            assertThat(scene.getFocusOwner().getId()).isEqualTo("incident-table");
            press(KeyCode.A);
            assertThat(incidents.require("INC-1").status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);

            press(KeyCode.O);
            TextField note = (TextField) scene.getFocusOwner();
            note.setText("rolling back 2026.03.04-2");
            press(KeyCode.ENTER);
            assertThat(incidents.timeline("INC-1")).anySatisfy(e -> assertThat(e.text()).contains("rolling back"));

            ((TextField) scene.lookup("#action-region")).setText("eu-west-1");
            ((TextField) scene.lookup("#action-target")).setText("payments");
            ((TextField) scene.lookup("#action-amount")).setText("1");
            ((Button) scene.lookup("#action-check")).fire();
            assertThat(labels()).anySatisfy(l -> assertThat(l).startsWith("Expected: "))
                    .anySatisfy(l -> assertThat(l).startsWith("Policy: "))
                    .anySatisfy(l -> assertThat(l).contains("payments in eu-west-1, by the simulated reference fleet")
                            .contains("SIMULATED"));
            assertThat(scene.getFocusOwner().getId()).as("the confirmation takes the focus").isEqualTo("action-confirm");
            ((Button) scene.getFocusOwner()).fire();
            assertThat(scene.getFocusOwner().getId()).as("back in the panel").isEqualTo("action-check");
            assertThat(new ResponseService(incidents, ResponsePolicy.defaults(), new FleetActionExecutor(
                    new ReferenceFleet(7, 40)), new FleetResponseMetrics(new ReferenceFleet(7, 40))).actions("INC-1"))
                    .singleElement().satisfies(a -> assertThat(a.status()).isEqualTo(ActionStatus.SUCCEEDED));

            press(KeyCode.L);
            press(KeyCode.M);
            press(KeyCode.R);
            assertThat(incidents.require("INC-1").status()).isEqualTo(IncidentStatus.RESOLVED);
            assertThat(((Label) scene.lookup("#incident-facts")).getText()).contains("SEV3 · resolved");
        });
    }
}
