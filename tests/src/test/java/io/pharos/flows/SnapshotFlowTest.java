package io.pharos.flows;

import static io.pharos.flows.ConsoleUnderTest.await;
import static io.pharos.flows.ConsoleUnderTest.fx;
import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.engine.dashboard.ExecutiveSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * An analyst's round trip: the on-call engineer exports what the console shows during the eu-west-1
 * outage (Ctrl+Shift+E, Enter), opens it (Ctrl+O, Enter), and the snapshot, in a window of its own
 * beside the live console, shows the same figures, regions, alert queue and incidents, read-only.
 */
class SnapshotFlowTest extends ConsoleFlow {
    /** Every tile, its trend too: the trends and the error budget read data from before the range. */
    private static final List<String> FIGURES = List.of(ExecutiveSummary.AVAILABILITY,
            ExecutiveSummary.ERROR_BUDGET_REMAINING, ExecutiveSummary.ACTIVE_USERS,
            ExecutiveSummary.REQUESTS_PER_SECOND, ExecutiveSummary.LATENCY_P95, ExecutiveSummary.LATENCY_P99,
            ExecutiveSummary.ERROR_RATE, ExecutiveSummary.REVENUE_PER_MINUTE, ExecutiveSummary.REVENUE_AT_RISK,
            ExecutiveSummary.COST_PER_HOUR, ExecutiveSummary.MONTHLY_RUN_RATE, ExecutiveSummary.CPU_HEADROOM,
            ExecutiveSummary.OPEN_INCIDENTS, ExecutiveSummary.MEAN_TIME_TO_ACKNOWLEDGE,
            ExecutiveSummary.MEAN_TIME_TO_RESOLVE);
    private static final List<String> REGIONS = List.of("us-east-1", "us-west-1", "eu-west-1", "eu-central-1",
            "ap-northeast-1", "ap-southeast-1");
    private static final List<String> QUEUE = List.of("firing", "pending", "acknowledged", "silenced", "resolved");

    private Stage snapshotStage;

    @Test
    void theSnapshotShowsWhatTheLiveConsoleShowedAtExport() throws Exception {
        openConsole();
        await("the figures", () -> console.text("kpi-availability-value") != null
                && !console.text("kpi-availability-value").equals("—"));
        Map<String, String> live = new LinkedHashMap<>(shown(console::text));
        robot.clickOn("#nav-region");
        await("the region's figures", () -> figures(console.lookup("region-figures")).contains("LB weight"));
        String liveRegion = figures(console.lookup("region-figures"));
        robot.clickOn("#nav-executive");
        robot.clickOn("#nav-alerts");
        await("the queue", () -> console.text("filter-firing") != null && !console.text("filter-firing").endsWith(" 0"));
        for (String q : QUEUE) {
            live.put("filter-" + q, console.text("filter-" + q));
        }
        robot.clickOn("#nav-executive");
        await("the executive screen", () -> console.text("kpi-availability-value") != null);

        // Export what is shown: the range in force, by keyboard.
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.SHIFT, javafx.scene.input.KeyCode.E)
                .release(javafx.scene.input.KeyCode.E, javafx.scene.input.KeyCode.SHIFT,
                        javafx.scene.input.KeyCode.CONTROL);
        await("the export panel", () -> console.lookup("snapshot-export") != null);
        robot.type(javafx.scene.input.KeyCode.ENTER);
        await("the snapshot written", () -> console.text("snapshot-message") != null
                && console.text("snapshot-message").startsWith("Saved "));
        Path file;
        try (Stream<Path> files = Files.list(dir.resolve("exports"))) {
            file = files.filter(f -> f.toString().endsWith(".pharos")).findFirst().orElseThrow();
        }
        robot.type(javafx.scene.input.KeyCode.ESCAPE);

        // Opened beside the live console: Ctrl+O lists the exports, newest first; Enter opens the one chosen.
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.O)
                .release(javafx.scene.input.KeyCode.O, javafx.scene.input.KeyCode.CONTROL);
        await("the open panel", () -> fx(() -> ((javafx.scene.control.ListView<?>) console.lookup("snapshot-list"))
                .getItems().size()) == 1);
        robot.type(javafx.scene.input.KeyCode.DOWN).type(javafx.scene.input.KeyCode.ENTER);
        await("the snapshot's window", () -> fx(() -> javafx.stage.Window.getWindows().stream()
                .anyMatch(w -> w instanceof Stage st && st.getTitle() != null && st.getTitle().contains("read-only"))));
        snapshotStage = fx(() -> javafx.stage.Window.getWindows().stream()
                .filter(w -> w instanceof Stage st && st.getTitle() != null && st.getTitle().contains("read-only"))
                .map(Stage.class::cast).findFirst().orElseThrow());
        assertThat(console.text("snapshot-open-message")).startsWith("Opened " + file.getFileName());
        assertThat(snapshotStage.getTitle()).startsWith(file.getFileName() + " (snapshot, read-only)");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text("snapshot-title")).isEqualTo(file.getFileName().toString());
        assertThat(text("snapshot-details")).contains("reference fleet", "series");
        assertThat(text("snapshot-range")).isEqualTo("2026-03-04 15:45 – 16:00 UTC · snapshot");
        assertThat(lookup("live-toggle")).as("no live mode in a snapshot").isNull();
        assertThat(lookup("export-snapshot")).isNull();
        await("the snapshot's figures", () -> text("kpi-availability-value") != null
                && !text("kpi-availability-value").equals("—"));

        Map<String, String> inSnapshot = new LinkedHashMap<>(shown(this::text));
        robot.clickOn(lookup("nav-region"));
        await("the snapshot's region", () -> figures(lookup("region-figures")).contains("LB weight"));
        assertThat(figures(lookup("region-figures"))).as("the region's figures, load balancer weight included")
                .isEqualTo(liveRegion).doesNotContain("unknown");
        robot.clickOn(lookup("nav-alerts"));
        await("the snapshot's queue", () -> text("filter-firing") != null && !text("filter-firing").endsWith(" 0"));
        for (String q : QUEUE) {
            inSnapshot.put("filter-" + q, text("filter-" + q));
        }
        assertThat(inSnapshot).as("what the live console showed at export").isEqualTo(live);

        // Read-only: acknowledging says so and changes nothing, live or in the file.
        robot.clickOn(lookup("alert-table")).type(javafx.scene.input.KeyCode.DOWN).type(javafx.scene.input.KeyCode.K);
        await("the refusal", () -> text("alert-error") != null && text("alert-error").startsWith("Read-only"));
        assertThat(text("filter-acknowledged")).isEqualTo(live.get("filter-acknowledged"));

        robot.clickOn(lookup("nav-incidents"));
        await("the snapshot's incidents", () -> fx(() -> ((javafx.scene.control.TableView<?>) snapshotStage.getScene()
                .lookup("#incident-table")).getItems().size()) > 0);
        assertThat(lookup("new-incident-title").getParent().isVisible()).as("no incident is opened from a snapshot").isFalse();

        FxToolkit.setupFixture(() -> snapshotStage.hide());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(console.text("screen-title")).as("the live console goes on").isEqualTo("Executive");

        // Compared with the live data over its range: the same store, nothing changed since, no difference.
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.O)
                .release(javafx.scene.input.KeyCode.O, javafx.scene.input.KeyCode.CONTROL);
        await("the open panel", () -> console.lookup("snapshot-compare-button") != null);
        robot.clickOn("#snapshot-compare-button");
        await("the compare panel", () -> console.lookup("snapshot-compare") != null);
        assertThat(fx(() -> ((javafx.scene.control.TextField) console.lookup("compare-a")).getText()))
                .isEqualTo(file.toString());
        robot.clickOn("#compare-button");
        await("the comparison", () -> console.text("compare-message") != null
                && console.text("compare-message").endsWith("."));
        assertThat(console.text("compare-message")).isEqualTo("No difference.");
        List<?> rows = fx(() -> List.copyOf(((javafx.scene.control.TableView<?>) console.lookup("compare-table"))
                .getItems()));
        assertThat(rows).as("every executive figure, then each region's health").hasSizeGreaterThanOrEqualTo(14 + 6);
        assertThat(console.text("compare-sides")).contains(file.getFileName().toString(), "B: live data");
    }

    /** The executive figures and the regions' legend as a screen shows them, by the node's id. */
    private static Map<String, String> shown(TextReader read) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        for (String id : FIGURES) {
            out.put("kpi-" + id + "-value", read.text("kpi-" + id + "-value"));
            out.put("kpi-" + id + "-trend", read.text("kpi-" + id + "-trend"));
        }
        for (String r : REGIONS) {
            out.put("legend-" + r, read.text("legend-" + r));
        }
        return out;
    }

    /** The texts of a figures pane, in order. */
    private static String figures(Node pane) throws Exception {
        return pane == null ? "" : fx(() -> String.join(" | ", pane.lookupAll(".label").stream()
                .map(n -> ((Labeled) n).getText()).toList()));
    }

    @FunctionalInterface
    private interface TextReader {
        String text(String id) throws Exception;
    }

    private String text(String id) throws Exception {
        return fx(() -> {
            Node n = snapshotStage.getScene().lookup("#" + id);
            return n instanceof Labeled l ? l.getText() : null;
        });
    }

    private Node lookup(String id) throws Exception {
        return fx(() -> snapshotStage.getScene().lookup("#" + id));
    }
}
