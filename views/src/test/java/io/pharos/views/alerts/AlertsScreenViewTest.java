package io.pharos.views.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.engine.EngineStatus;
import io.pharos.styles.StyleSheets;
import io.pharos.views.common.CurrentThreadTaskExecutor;
import io.pharos.views.common.FxToolkit;
import io.pharos.views.shell.ConsolePreferences;
import io.pharos.views.shell.ScreenDefinition;
import io.pharos.views.shell.ShellView;
import io.pharos.views.shell.ShellViewModel;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The alert queue in the shell on JavaFX's headless platform, worked by keys as someone on call would. */
class AlertsScreenViewTest {
    @TempDir
    Path dir;
    private AlertFixture f;
    private ShellView view;
    private Scene scene;

    @BeforeAll
    static void toolkit() throws InterruptedException {
        FxToolkit.start();
    }

    @AfterEach
    void close() throws Exception {
        onFx(() -> view.dispose());
        f.close();
    }

    private void open() throws Exception {
        f = new AlertFixture(dir);
        onFx(() -> {
            var executor = new CurrentThreadTaskExecutor();
            List<ScreenDefinition> defs = List.of(new ScreenDefinition(AlertsScreen.ID, AlertsScreen.TITLE,
                    ctx -> new AlertsScreen(Optional.of(f.runtime), f.engine.query(), executor,
                            new AlertQueueFocus(), f.clock, ctx, "ana")));
            EngineStatus status = new EngineStatus(AlertFixture.NOW, List.of(), 0, 0, 0, 0, 0, 0, "", null);
            ShellViewModel shell = new ShellViewModel(defs, () -> status, executor, f.clock, ZoneOffset.UTC,
                    dir.resolve("exports"));
            shell.restore(ConsolePreferences.defaults());
            view = new ShellView(shell);
            scene = new Scene(view.root(), 1280, 800);
            scene.getStylesheets().setAll(StyleSheets.forTheme(StyleSheets.Theme.DARK));
            view.attach(scene);
            shell.refresh();
            layout();
        });
    }

    private void layout() {
        scene.getRoot().applyCss();
        scene.getRoot().layout();
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

    private void press(KeyCode code) {
        Node target = scene.getFocusOwner() != null ? scene.getFocusOwner() : scene.getRoot();
        Event.fireEvent(target, new KeyEvent(KeyEvent.KEY_PRESSED, "", "", code, false, false, false, false));
    }

    @SuppressWarnings("unchecked")
    private TreeTableView<Object> table() {
        return (TreeTableView<Object>) scene.lookup("#alert-table");
    }

    /** The row the table shows for an alert of {@code host}. */
    private int row(String host) {
        for (int r = 0; r < table().getExpandedItemCount(); r++) {
            TreeItem<Object> t = table().getTreeItem(r);
            if (t.getValue() instanceof AlertItem i && host.equals(i.labels().get("host"))) {
                return r;
            }
        }
        throw new AssertionError("no row for host " + host);
    }

    private AlertItem shown(String host) {
        return (AlertItem) table().getTreeItem(row(host)).getValue();
    }

    private List<String> labels() {
        return scene.getRoot().lookupAll(".label").stream().filter(Node::isVisible)
                .map(n -> ((Label) n).getText()).toList();
    }

    /** The texts of the queue's cells, as they are on screen. */
    private List<String> cells() {
        return cellTexts(table(), ".tree-table-cell");
    }

    private static List<String> cellTexts(Node table, String cellSelector) {
        return table.lookupAll(cellSelector).stream().filter(Node::isVisible)
                .map(n -> ((javafx.scene.control.Labeled) n).getText()).filter(java.util.Objects::nonNull).toList();
    }

    @Test
    void theQueueExportsAsShownWithTheKeyboard() throws Exception {
        open();
        onFx(() -> {
            table().requestFocus();
            Event.fireEvent(table(), new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.C, true, true, false, false));
        });
        java.nio.file.Path file = dir.resolve("exports").resolve("alerts-20261123-120000Z.csv");
        onFx(() -> assertThat(((Label) scene.lookup("#alert-message")).getText()).startsWith("Saved ")
                .endsWith(" rows to " + file));
        List<String> lines = java.nio.file.Files.readAllLines(file);
        assertThat(lines.getFirst()).isEqualTo("Alert,Severity,State,Age,Owner,Summary");
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("HostCpuHigh"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("RegionDown"));
    }

    @Test
    void anAlertIsAcknowledgedAndAnotherSilencedWithTheKeyboard() throws Exception {
        open();
        onFx(() -> {
            table().requestFocus();
            table().getSelectionModel().clearAndSelect(row("a"));
            layout();
            assertThat(((Label) scene.lookup("#alert-detail-state")).getText()).isEqualTo("firing");

            press(KeyCode.K);
            layout(); // skins (and so the fields' Enter) come with CSS, as on screen at the next pulse
            TextField owner = (TextField) scene.lookup("#ack-owner");
            assertThat(scene.getFocusOwner()).as("K opens the owner field").isSameAs(owner);
            owner.setText("bo");
            press(KeyCode.K);
            assertThat(scene.lookup("#ack-owner")).as("K typed in the field is not a command").isSameAs(owner);
            press(KeyCode.ENTER);
            layout();
            assertThat(scene.lookup("#ack-owner")).as("the editor closed").isNull();
            assertThat(shown("a").owner()).isEqualTo("bo");
            assertThat(cells()).contains("acknowledged", "bo");
            assertThat(scene.getFocusOwner()).as("back to the queue").isSameAs(table());

            table().getSelectionModel().clearAndSelect(row("c"));
            press(KeyCode.S);
            layout();
            assertThat(((TextField) scene.lookup("#silence-matchers")).getText())
                    .isEqualTo("alertname=\"HostCpuHigh\", host=\"c\", region=\"us-east-1\"");
            assertThat(labels()).contains("Will mute 1 alert now:");
            TextField reason = (TextField) scene.lookup("#silence-reason");
            assertThat(scene.getFocusOwner()).isSameAs(reason);
            press(KeyCode.ENTER);
            assertThat(((Label) scene.lookup("#silence-problem")).getText()).contains("needs a reason");
            reason.setText("kernel upgrade");
            press(KeyCode.ENTER);
            layout();
            assertThat(scene.lookup("#silence-editor")).isNull();
            assertThat(shown("c").stateText()).isEqualTo("silenced");
            assertThat(cells()).contains("silenced");
            table().getSelectionModel().clearAndSelect(row("c"));
            layout();
            assertThat(((Label) scene.lookup("#alert-detail-muted")).getText()).contains("kernel upgrade");

            press(KeyCode.SLASH);
            assertThat(scene.getFocusOwner()).isSameAs(scene.lookup("#alert-search"));
            press(KeyCode.ESCAPE);
        });
    }

    @SuppressWarnings("unchecked")
    private javafx.scene.control.TableView<SilenceRow> silenceTable() {
        return (javafx.scene.control.TableView<SilenceRow>) scene.lookup("#silence-table");
    }

    /** Shown: it and every node above it visible (a table hides its placeholder's parent, not the placeholder). */
    private static boolean onScreen(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return n != null;
    }

    private javafx.scene.control.ToggleButton toggle() {
        return (javafx.scene.control.ToggleButton) scene.lookup("#silences-toggle");
    }

    /** The texts of the silences list's cells, as they are on screen. */
    private List<String> silenceCells() {
        return cellTexts(silenceTable(), ".table-cell");
    }

    @Test
    void theSilencesListShowsItsEmptyStateThenASilenceThatIsExpiredByKeyboard() throws Exception {
        open();
        onFx(() -> {
            table().requestFocus();
            assertThat(onScreen(scene.lookup("#silence-list"))).as("the queue alone at first").isFalse();
            assertThat(view.shortcuts()).as("listed in the cheat sheet")
                    .anySatisfy(k -> assertThat(k.keysText() + " " + k.description())
                            .isEqualTo("L Show the silences in force, or hide them"))
                    .anySatisfy(k -> assertThat(k.keysText() + " " + k.description())
                            .isEqualTo("E Expire the chosen silence early…"));

            press(KeyCode.L);
            layout();
            assertThat(onScreen(scene.lookup("#silence-list"))).isTrue();
            assertThat(scene.getFocusOwner()).as("L gives the list the keyboard").isSameAs(silenceTable());
            assertThat(onScreen(scene.lookup("#silence-empty"))).as("the empty state, not a blank list").isTrue();
            assertThat(labels()).contains("No active silences");
            assertThat(toggle().getText()).isEqualTo("Silences 0");
            assertThat(toggle().isSelected()).isTrue();
            press(KeyCode.E);
            assertThat(scene.lookup("#silence-expiry")).as("nothing to expire").isNull();
            assertThat(((Label) scene.lookup("#alert-message")).getText()).isEqualTo("No active silences to expire.");

            press(KeyCode.ESCAPE);
            assertThat(scene.getFocusOwner()).as("Esc: back to the queue").isSameAs(table());
            table().getSelectionModel().clearAndSelect(row("c"));
            press(KeyCode.S);
            layout();
            ((TextField) scene.lookup("#silence-reason")).setText("kernel upgrade");
            press(KeyCode.ENTER);
            layout();
            assertThat(shown("c").stateText()).isEqualTo("silenced");
            assertThat(silenceCells()).containsSubsequence("alertname=\"HostCpuHigh\", host=\"c\", region=\"us-east-1\"",
                    "1", "ana", "12:00:00 UTC", "in 2 h · 14:00:00 UTC", "kernel upgrade");
            assertThat(onScreen(scene.lookup("#silence-empty"))).isFalse();
            assertThat(toggle().getText()).isEqualTo("Silences 1");

            press(KeyCode.L);
            press(KeyCode.L);
            layout();
            assertThat(scene.getFocusOwner()).isSameAs(silenceTable());
            assertThat(silenceTable().getSelectionModel().getSelectedItem().reason()).isEqualTo("kernel upgrade");
            press(KeyCode.E);
            layout();
            assertThat(((Label) scene.lookup("#expiry-effect")).getText())
                    .isEqualTo("1 alert starts notifying again: HostCpuHigh · us-east-1 host=c (firing)");
            assertThat(scene.getFocusOwner()).isSameAs(scene.lookup("#expiry-confirm"));
            press(KeyCode.ENTER);
            layout();
            assertThat(scene.lookup("#silence-expiry")).as("the confirmation closed").isNull();
            assertThat(shown("c").stateText()).as("the queue shows it unmuted").isEqualTo("firing");
            assertThat(silenceTable().getItems()).isEmpty();
            assertThat(onScreen(scene.lookup("#silence-empty"))).isTrue();
            assertThat(scene.getFocusOwner()).as("back to the list").isSameAs(silenceTable());
            assertThat(((Label) scene.lookup("#alert-message")).getText()).startsWith("Expired the silence");
        });
    }

    @Test
    void escapeClosesAnEditorWithoutDoingAnything() throws Exception {
        open();
        onFx(() -> {
            table().requestFocus();
            table().getSelectionModel().clearAndSelect(row("b"));
            press(KeyCode.I);
            layout();
            TextField title = (TextField) scene.lookup("#incident-title");
            assertThat(title.getText()).isEqualTo("HostCpuHigh in eu-west-1");
            press(KeyCode.ESCAPE);
            layout();
            assertThat(scene.lookup("#incident-title")).isNull();
            assertThat(f.runtime.incidents().list()).noneMatch(i -> i.title().startsWith("HostCpuHigh"));
        });
    }
}
