package io.pharos.views.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.engine.EngineStatus;
import io.pharos.engine.ingest.SourceStatus;
import io.pharos.engine.query.QueryService;
import io.pharos.engine.store.StoreOptions;
import io.pharos.engine.store.TimeSeriesStore;
import io.pharos.styles.StyleSheets;
import io.pharos.views.common.CurrentThreadTaskExecutor;
import io.pharos.views.common.FxToolkit;
import io.pharos.views.shell.ShellContext;
import io.pharos.views.shell.TimeRange;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sources added, edited and removed on the status screen, on JavaFX's headless platform. */
class SourcesEditingTest {
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    @TempDir
    Path dir;
    private TimeSeriesStore store;
    private Stage stage;
    private Scene scene;
    private final Recording settings = new Recording();

    @BeforeAll
    static void toolkit() throws InterruptedException {
        FxToolkit.start();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.run(() -> stage.close());
        store.close();
    }

    /** Settings that say what was asked of them: one Prometheus server "prom-eu" in them. */
    private static final class Recording implements SourceSettings {
        final List<String> calls = new ArrayList<>();
        String refuse;

        @Override
        public String where() {
            return "/data/sources.yaml";
        }

        @Override
        public List<Kind> kinds() {
            return List.of(
                    new Kind("prometheus", "Prometheus server", List.of(new Field("name", true, false, "prom-eu"),
                            new Field("url", true, false, "http://p:9090"), new Field("queries", true, true, "up")),
                            false),
                    new Kind("scrape", "Exporter, scraped", List.of(new Field("name", true, false, "node"),
                            new Field("url", true, false, "http://h:9100/metrics")), false));
        }

        @Override
        public Optional<Entry> entryOf(String sourceName) {
            return sourceName.equals("prom-eu") ? Optional.of(new Entry("prometheus", Map.of("name", "prom-eu",
                    "url", "http://p:9090", "queries", "up\nnode_load1"))) : Optional.empty();
        }

        @Override
        public Outcome save(Entry original, Entry updated) {
            calls.add("save " + (original == null ? "new" : original.fields().get("name")) + " -> " + updated.kind()
                    + " " + new java.util.TreeMap<>(updated.fields()));
            return refuse != null ? new Outcome(false, refuse) : new Outcome(true, "Saved: " + updated.fields()
                    .get("name") + " started.");
        }

        @Override
        public Outcome remove(Entry entry) {
            calls.add("remove " + entry.fields().get("name"));
            return new Outcome(true, entry.fields().get("name") + " removed.");
        }
    }

    private void open() throws Exception {
        store = TimeSeriesStore.open(dir.resolve("store"), StoreOptions.defaults());
        EngineStatus status = new EngineStatus(NOW.toEpochMilli(), List.of(
                new EngineStatus.SourceInfo("local host", false, new SourceStatus(SourceStatus.State.RUNNING, 5, 0, "")),
                new EngineStatus.SourceInfo("prom-eu", false, new SourceStatus(SourceStatus.State.RUNNING, 9, 0, ""))),
                0, 0, 0, 0, 0, 0, "", null);
        FxToolkit.run(() -> {
            var executor = new CurrentThreadTaskExecutor();
            ShellContext ctx = new ShellContext(new SimpleObjectProperty<>(TimeRange.DEFAULT),
                    new SimpleObjectProperty<>(ZoneOffset.UTC), new SimpleStringProperty("UTC"), dir.resolve("exports"));
            StatusScreen screen = new StatusScreen(() -> status, new QueryService(store), executor,
                    Clock.fixed(NOW, ZoneOffset.UTC), List.of(), ctx, Optional.of(settings));
            scene = new Scene((javafx.scene.Parent) screen.root(), 1280, 800);
            scene.getStylesheets().setAll(StyleSheets.forTheme(StyleSheets.Theme.DARK));
            stage = new Stage();
            stage.setScene(scene);
            stage.show();
            screen.refresh();
            scene.getRoot().applyCss();
            scene.getRoot().layout();
        });
    }

    private Button button(String id) {
        return (Button) scene.lookup("#" + id);
    }

    private TextInputControl field(String key) {
        return (TextInputControl) scene.lookup("#source-field-" + key);
    }

    @SuppressWarnings("unchecked")
    private TableView<SourceRow> table() {
        return (TableView<SourceRow>) scene.lookup("#sources-table");
    }

    @Test
    void aNewSourceIsAddedFromTheFormAndARefusalIsShownInIt() throws Exception {
        open();
        FxToolkit.run(() -> {
            assertThat(button("source-edit").isDisabled()).as("nothing chosen").isTrue();
            button("source-add").fire();
            assertThat(scene.lookup("#source-editor")).isNotNull();
            @SuppressWarnings("unchecked")
            ComboBox<SourceSettings.Kind> kind = (ComboBox<SourceSettings.Kind>) scene.lookup("#source-editor")
                    .lookup(".combo-box");
            kind.setValue(settings.kinds().get(1));
            assertThat(field("queries")).as("a scrape has no queries").isNull();
            field("name").setText("node");
            field("url").setText("http://h:9100/metrics");

            settings.refuse = "sources.yaml: scrape[0].url: nothing there";
            button("source-save").fire();
            Label problem = (Label) scene.lookup("#source-editor-problem");
            assertThat(problem.isVisible()).isTrue();
            assertThat(problem.getText()).contains("nothing there");

            settings.refuse = null;
            button("source-save").fire();
            assertThat(scene.lookup("#source-editor")).as("closed once saved").isNull();
            assertThat(((Label) scene.lookup("#sources-outcome")).getText()).isEqualTo("Saved: node started.");
        });
        assertThat(settings.calls).containsExactly(
                "save new -> scrape {name=node, url=http://h:9100/metrics}",
                "save new -> scrape {name=node, url=http://h:9100/metrics}");
    }

    @Test
    void aChosenSourceIsEditedWithItsSettingsAndRemovedAfterAConfirmation() throws Exception {
        open();
        FxToolkit.run(() -> {
            table().getSelectionModel().select(0);
            assertThat(button("source-edit").isDisabled()).as("this machine is set by the command line").isTrue();
            table().getSelectionModel().select(1);
            assertThat(button("source-edit").isDisabled()).isFalse();
            button("source-edit").fire();
            assertThat(field("queries").getText()).isEqualTo("up\nnode_load1");
            field("queries").setText("up");
            button("source-save").fire();

            button("source-remove").fire();
            button("source-remove-confirm").fire();
            assertThat(((Label) scene.lookup("#sources-outcome")).getText()).isEqualTo("prom-eu removed.");
        });
        assertThat(settings.calls).containsExactly(
                "save prom-eu -> prometheus {name=prom-eu, queries=up, url=http://p:9090}",
                "remove prom-eu");
    }
}
