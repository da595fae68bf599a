package io.pharos.views.executive;

import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.engine.dashboard.DashboardService;
import io.pharos.engine.dashboard.IncidentSource;
import io.pharos.engine.fleet.FleetHistoryGenerator;
import io.pharos.engine.fleet.FleetRegion;
import io.pharos.engine.fleet.HistoryProgress;
import io.pharos.engine.fleet.ReferenceFleet;
import io.pharos.engine.fleet.Scenario;
import io.pharos.engine.query.QueryService;
import io.pharos.engine.store.HistoryWriter;
import io.pharos.engine.store.StoreOptions;
import io.pharos.engine.store.TimeSeriesStore;
import io.pharos.styles.StyleClasses;
import io.pharos.styles.StyleSheets;
import io.pharos.views.common.CurrentThreadTaskExecutor;
import io.pharos.views.common.FxToolkit;
import io.pharos.views.shell.ShellContext;
import io.pharos.views.shell.TimeRange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an executive reads on the dashboard, on JavaFX's headless platform, over real fleet history. */
class ExecutiveScreenTest {
    private static final Instant END = Instant.parse("2026-03-04T16:00:00Z");
    @TempDir
    static Path dir;
    static TimeSeriesStore store;

    @BeforeAll
    static void fill() throws Exception {
        FxToolkit.start();
        ReferenceFleet fleet = new ReferenceFleet(7, 7);
        fleet.inject(Scenario.regionOutage(FleetRegion.EU_WEST_1, END.minus(Duration.ofMinutes(20)), Duration.ofHours(2)));
        store = TimeSeriesStore.open(dir.resolve("store"),
                StoreOptions.defaults().withRetention(Duration.ofDays(36_500), Duration.ofDays(36_500)));
        try (HistoryWriter w = store.historyWriter()) {
            new FleetHistoryGenerator(fleet, Duration.ofSeconds(15), Duration.ofHours(2), 1)
                    .generate(END.minus(Duration.ofHours(2)), END, w, HistoryProgress.NONE);
        }
    }

    @AfterAll
    static void close() {
        store.close();
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

    private record Shown(Scene scene, ExecutiveScreen screen, List<String> opened) {
        String text(String id) {
            return ((javafx.scene.control.Labeled) scene.lookup("#" + id)).getText();
        }
    }

    private Shown show(TimeSeriesStore data, Path exports) {
        return show(data, exports, IncidentSource.NOT_TRACKED);
    }

    private Shown show(TimeSeriesStore data, Path exports, IncidentSource incidents) {
        Clock clock = Clock.fixed(END, ZoneOffset.UTC);
        var executor = new CurrentThreadTaskExecutor();
        DashboardService dashboard = new DashboardService(new QueryService(data), incidents);
        ShellContext ctx = new ShellContext(new SimpleObjectProperty<>(TimeRange.last(Duration.ofMinutes(15))),
                new SimpleObjectProperty<>(ZoneOffset.UTC), new SimpleStringProperty("UTC"), exports);
        List<String> opened = new ArrayList<>();
        ExecutiveScreen screen = new ExecutiveScreen(new ExecutiveViewModel(dashboard, executor, clock,
                () -> ctx.range().getValue()), ctx, opened::add, List::of, executor, clock);
        Scene scene = new Scene((javafx.scene.Parent) screen.root(), 1280, 800);
        scene.getStylesheets().setAll(StyleSheets.forTheme(StyleSheets.Theme.DARK));
        Stage stage = new Stage();
        stage.setScene(scene);
        stage.show();
        screen.refresh();
        screen.flushPending();
        scene.getRoot().applyCss();
        scene.getRoot().layout();
        return new Shown(scene, screen, opened);
    }

    @Test
    void theFiguresTheirTrendsAndTheRegionsHealthDuringAnOutage() throws Exception {
        onFx(() -> {
            Shown s = show(store, dir.resolve("exports"));
            assertThat(s.text("kpi-availability-value")).matches("\\d{2}\\.\\d %|\\d{2}\\.\\d{3} %");
            assertThat(s.text("kpi-availability-trend")).startsWith("▼");
            assertThat(s.scene().lookup("#kpi-availability-trend").getStyleClass()).contains(StyleClasses.STATE_UNHEALTHY);
            assertThat(s.text("kpi-latency_p99-value")).endsWith(" ms");
            assertThat(s.text("kpi-requests_per_second-value")).matches("[0-9.,]+( k| M)?");
            assertThat(s.text("kpi-open_incidents-value")).isEqualTo("—");
            assertThat(s.text("kpi-open_incidents-trend")).contains("not");
            assertThat(s.text("legend-eu-west-1")).contains("unhealthy");
            assertThat(s.scene().lookup("#legend-eu-west-1").getStyleClass()).contains(StyleClasses.STATE_UNHEALTHY);
            assertThat(s.text("legend-us-east-1")).contains("healthy");
            assertThat(s.text("executive-range")).contains("last 15 min", "compared with the period before", "objective 99.990 %");
            assertThat(s.scene().lookup("." + StyleClasses.SIMULATED_BADGE).isVisible()).isTrue();
        });
    }

    @Test
    void thePngExportIsAPictureOfTheDashboard() throws Exception {
        Path exports = dir.resolve("png");
        onFx(() -> {
            Shown s = show(store, exports);
            ((Button) s.scene().lookup("#export-png")).fire();
            assertThat(s.text("export-result")).startsWith("Saved ").endsWith(".png");
        });
        try (var files = Files.list(exports)) {
            Path png = files.findFirst().orElseThrow();
            assertThat(png.getFileName().toString()).isEqualTo("executive-20260304-160000Z.png");
            byte[] head = Files.readAllBytes(png);
            assertThat(head).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
            var image = javax.imageio.ImageIO.read(png.toFile());
            assertThat(image.getWidth()).isGreaterThan(800);
        }
    }

    @Test
    void anEmptyStoreSaysSoInsteadOfZeros() throws Exception {
        try (TimeSeriesStore empty = TimeSeriesStore.open(dir.resolve("empty"), StoreOptions.defaults())) {
            onFx(() -> {
                Shown s = show(empty, dir.resolve("unused"));
                assertThat(s.text("kpi-availability-value")).isEqualTo("—");
                assertThat(s.text("kpi-cost_per_hour-value")).isEqualTo("—");
                assertThat(s.scene().getRoot().lookupAll(".label").stream().map(n -> ((Label) n).getText()))
                        .contains("No data yet for this range: the figures appear as sources report.",
                                "No region reports data yet.");
            });
        }
    }

    @Test
    void aStoreYoungerThanTheRangeSaysOnceThatThereAreNoTrendsYet() throws Exception {
        try (TimeSeriesStore young = TimeSeriesStore.open(dir.resolve("young"), StoreOptions.defaults()
                .withRetention(Duration.ofDays(36_500), Duration.ofDays(36_500)))) {
            try (HistoryWriter w = young.historyWriter()) {
                new FleetHistoryGenerator(new ReferenceFleet(7, 7), Duration.ofSeconds(15), Duration.ofHours(2), 1)
                        .generate(END.minus(Duration.ofMinutes(10)), END, w, HistoryProgress.NONE);
            }
            onFx(() -> {
                // incidents tracked, none open: their figures compare (0 with 0) and do not count
                Shown s = show(young, dir.resolve("unused"), List::of);
                assertThat(s.text("kpi-availability-value")).matches("\\d{2,3}\\.\\d.* %");
                assertThat(s.text("executive-range")).contains("no data for the period before yet, so no trends")
                        .doesNotContain("compared with");
                assertThat(s.text("kpi-availability-trend")).isEmpty();
                assertThat(s.text("kpi-latency_p99-trend")).isEmpty();
                assertThat(s.text("kpi-open_incidents-trend")).as("the incident figures keep theirs")
                        .contains("vs previous 0");
                assertThat(s.text("kpi-mean_time_to_resolve-trend")).as("a figure without a value still says why")
                        .isNotEmpty();
                double figures = s.scene().lookup("#kpi-grid").getLayoutBounds().getWidth();
                double map = s.scene().lookup("#region-panel").getLayoutBounds().getWidth();
                assertThat(figures / (figures + map)).as("the figures' share of the width, whatever their texts")
                        .isCloseTo(0.6, org.assertj.core.data.Offset.offset(0.01));
                assertThat(s.text("kpi-error_budget_remaining-trend"))
                        .as("ten minutes scaled to the 30-day window: said beside the value")
                        .matches("from at most \\d+ (min|h) of data");
            });
        }
    }

    @Test
    void thePdfReportReadsAsTheDashboardDoes() throws Exception {
        Path exports = dir.resolve("pdf");
        String[] availability = new String[1];
        onFx(() -> {
            Shown s = show(store, exports);
            availability[0] = s.text("kpi-availability-value");
            ((Button) s.scene().lookup("#export-pdf")).fire();
            assertThat(s.text("export-result")).startsWith("Saved ").endsWith(".pdf");
        });
        Path pdf = exports.resolve("executive-report-20260304-160000Z.pdf");
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
            assertThat(text).contains("Executive report", "Period: 2026-03-04 15:45 to 2026-03-04 16:00 UTC",
                    "SIMULATED", "Key figures", "Availability " + availability[0], "Cost", "monthly run rate",
                    "Regions", "eu-west-1", "unhealthy", "success rate", "Incidents of the period",
                    "No incident in the period.");
            assertThat(doc.getPage(0).getMediaBox().getWidth()).as("A4").isEqualTo(595.27563f);
        }
    }

    @Test
    void theMapsDotsCarryTheRegionsFiguresInTheirTooltips() throws Exception {
        Shown[] s = new Shown[1];
        onFx(() -> s[0] = show(store, dir.resolve("tips")));
        // The tile is built a frame after the figures: wait for it, then refresh with the same health.
        long deadline = System.nanoTime() + 10_000_000_000L;
        boolean built = false;
        while (!built && System.nanoTime() < deadline) {
            Thread.sleep(50);
            CompletableFuture<Boolean> f = new CompletableFuture<>();
            Platform.runLater(() -> f.complete(s[0].scene().lookup("#region-map") != null));
            built = f.get(5, TimeUnit.SECONDS);
        }
        assertThat(built).as("the map was drawn").isTrue();
        List<String> tips = new ArrayList<>();
        onFx(() -> {
            s[0].screen().refresh();
            s[0].screen().flushPending();
            for (javafx.scene.Node n : s[0].scene().lookup("#region-map").lookupAll("Circle")) {
                if (n.getProperties().get("javafx.scene.control.Tooltip") instanceof javafx.scene.control.Tooltip t) {
                    tips.add(t.getText());
                }
            }
        });
        assertThat(tips).anySatisfy(t -> assertThat(t).startsWith("eu-west-1\neu-west-1 (aws): unhealthy").contains("success rate"));
        assertThat(tips).hasSize(6);
    }
}
