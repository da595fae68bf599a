package io.pharos.views.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.engine.PharosEngine;
import io.pharos.engine.model.Matcher;
import io.pharos.engine.model.SeriesKey;
import io.pharos.engine.store.Appender;
import io.pharos.engine.store.StoreOptions;
import io.pharos.styles.StyleClasses;
import io.pharos.styles.StyleSheets;
import io.pharos.views.common.CurrentThreadTaskExecutor;
import io.pharos.views.common.FxToolkit;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import io.pharos.views.shell.ShellContext;
import io.pharos.views.shell.TimeRange;
import java.util.List;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first window's nodes on JavaFX's headless platform: what a person reads after one refresh. */
class EngineStatusViewTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void toolkit() throws InterruptedException {
        FxToolkit.start();
    }

    @Test
    void showsFiguresSourcesAndAChartMarkedSimulated() throws Exception {
        try (PharosEngine engine = PharosEngine.open(dir, StoreOptions.defaults())) {
            long now = System.currentTimeMillis();
            Appender app = engine.store().appender();
            for (int i = 0; i < 300; i++) {
                app.append(SeriesKey.of("cpu", "host", "a", "source", "simulated"), now - 300_000 + i * 1000L, 0.4);
            }
            app.commit();
            CompletableFuture<Scene> shown = new CompletableFuture<>();
            Platform.runLater(() -> {
                var model = new EngineStatusViewModel(engine, new CurrentThreadTaskExecutor(), Clock.systemUTC(),
                        List.of(new ChartChoice("CPU of host a", List.of(Matcher.metric("cpu")))));
                var view = new EngineStatusView(model, new ShellContext(new SimpleObjectProperty<>(TimeRange.DEFAULT),
                        new SimpleObjectProperty<>(ZoneOffset.UTC), new SimpleStringProperty("UTC"), java.nio.file.Path.of("exports")));
                Scene scene = new Scene(view.root(), 1200, 760);
                scene.getStylesheets().addAll(StyleSheets.forTheme(StyleSheets.DEFAULT_THEME));
                model.refresh();
                scene.getRoot().applyCss();
                scene.getRoot().layout();
                shown.complete(scene);
            });
            Scene scene = shown.get(10, TimeUnit.SECONDS);
            CompletableFuture<Void> checked = new CompletableFuture<>();
            Platform.runLater(() -> {
                try {
                    List<String> texts = scene.getRoot().lookupAll(".label").stream()
                            .map(n -> ((Label) n).getText()).toList();
                    assertThat(((javafx.scene.control.ComboBox<?>) scene.getRoot().lookup(".combo-box")).getValue())
                            .hasToString("CPU of host a");
                    assertThat(texts).contains("Series", "1", "Ingest rate", "SIMULATED",
                            "last 15 min · live, average per step");
                    assertThat(((javafx.scene.chart.NumberAxis) ((LineChart<?, ?>) scene.getRoot().lookup(".chart"))
                            .getXAxis()).getLabel()).isEqualTo("Time (UTC)");
                    Node badge = scene.getRoot().lookup("." + StyleClasses.SIMULATED_BADGE);
                    assertThat(badge.isVisible()).isTrue();
                    TableView<?> sources = (TableView<?>) scene.getRoot().lookup(".table-view");
                    assertThat(sources.getItems()).isEmpty(); // no source was started: the placeholder says so
                    LineChart<?, ?> chart = (LineChart<?, ?>) scene.getRoot().lookup(".chart");
                    assertThat(chart.getData()).hasSize(1);
                    assertThat(chart.getData().getFirst().getData()).isNotEmpty();
                    checked.complete(null);
                } catch (Throwable t) {
                    checked.completeExceptionally(t);
                }
            });
            checked.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theChartsDataAndTheSourcesExportFromTheirMenus() throws Exception {
        Path exports = dir.resolve("exports");
        try (PharosEngine engine = PharosEngine.open(dir.resolve("data"), StoreOptions.defaults())) {
            long now = System.currentTimeMillis();
            Appender app = engine.store().appender();
            for (int i = 0; i < 300; i++) {
                app.append(SeriesKey.of("cpu", "host", "a"), now - 300_000 + i * 1000L, 0.25 + (i % 2) * 0.5);
            }
            app.commit();
            CompletableFuture<Void> done = new CompletableFuture<>();
            Platform.runLater(() -> {
                try {
                    var model = new EngineStatusViewModel(engine, new CurrentThreadTaskExecutor(), Clock.systemUTC(),
                            List.of(new ChartChoice("CPU of host a", List.of(Matcher.metric("cpu")))));
                    var view = new EngineStatusView(model, new ShellContext(new SimpleObjectProperty<>(TimeRange.DEFAULT),
                            new SimpleObjectProperty<>(ZoneOffset.UTC), new SimpleStringProperty("UTC"), exports));
                    Scene scene = new Scene(view.root(), 1200, 760);
                    model.refresh();
                    LineChart<?, ?> chart = (LineChart<?, ?>) scene.getRoot().lookup(".chart");
                    var menu = (javafx.scene.control.ContextMenu) chart.getProperties()
                            .get(io.pharos.views.common.TableExportMenu.class);
                    menu.getItems().get(0).fire();
                    TableView<?> sources = (TableView<?>) scene.getRoot().lookup(".table-view");
                    sources.getContextMenu().getItems().get(1).fire();
                    assertThat(((Label) scene.getRoot().lookup("#status-export")).getText()).startsWith("Saved 0 rows to ")
                            .contains("sources-");
                    done.complete(null);
                } catch (Throwable t) {
                    done.completeExceptionally(t);
                }
            });
            done.get(10, TimeUnit.SECONDS);
        }
        List<Path> files;
        try (var list = java.nio.file.Files.list(exports)) {
            files = list.sorted().toList();
        }
        assertThat(files).extracting(f -> f.getFileName().toString())
                .anyMatch(n -> n.startsWith("cpu-of-host-a-") && n.endsWith(".csv"))
                .anyMatch(n -> n.startsWith("sources-") && n.endsWith(".json"));
        Path csv = files.stream().filter(f -> f.toString().endsWith(".csv")).findFirst().orElseThrow();
        List<String> lines = java.nio.file.Files.readAllLines(csv);
        assertThat(lines.getFirst()).isEqualTo("time,CPU of host a (average per step)");
        assertThat(lines).hasSizeGreaterThan(10);
        // Each step's average of the samples 0.25 and 0.75 in it, at the step's start in UTC.
        assertThat(lines.get(1)).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z,0\\.[0-9]+");
        Path json = files.stream().filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow();
        assertThat(java.nio.file.Files.readString(json).strip()).isEqualTo("[ ]");
    }
}
