package io.pharos.flows;

import static io.pharos.flows.ConsoleUnderTest.await;
import static io.pharos.flows.ConsoleUnderTest.fx;
import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.engine.snapshot.Manifest;
import io.pharos.engine.snapshot.SnapshotInspection;
import io.pharos.engine.store.SnapshotFileReader;
import java.nio.file.Path;
import java.time.Instant;
import javafx.geometry.VerticalDirection;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TextField;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * An executive reviews the dashboard with the mouse: reads the figures, widens the range to the
 * last hour, opens the failing region from the map's legend, comes back and exports the PDF report,
 * which the test opens and reads, and a snapshot of the hour, which the test checks as a receiver would.
 */
class ExecutiveFlowTest extends ConsoleFlow {

    @Test
    void reviewTheDashboardOpenARegionAndExportThePdf() throws Exception {
        openConsole();
        assertThat(console.text("screen-title")).isEqualTo("Executive");
        await("the figures", () -> console.text("kpi-availability-value") != null
                && !console.text("kpi-availability-value").equals("—"));
        assertThat(console.text("executive-range")).startsWith("last 15 min");
        assertThat(console.text("legend-eu-west-1")).contains("unhealthy");
        assertThat(console.text("legend-us-east-1")).contains("healthy");

        robot.clickOn("#range-picker");
        robot.clickOn("Last 1 h");
        await("the hour's figures", () -> console.text("executive-range").startsWith("last 1 h"));
        String availability = console.text("kpi-availability-value");
        assertThat(availability).endsWith("%");
        assertThat(console.text("kpi-open_incidents-value")).isNotEqualTo("0");

        // The window is narrow (the headless screen is 1000 px wide): the map is under the figures.
        robot.moveTo("#kpi-grid").scroll(30, VerticalDirection.DOWN);
        robot.clickOn("#legend-eu-west-1");
        await("the regional dashboard", () -> "Regions".equals(console.text("screen-title")));
        await("eu-west-1's health", () -> console.text("region-health") != null && console.text("region-health").contains("nhealthy"));
        assertThat(fx(() -> String.valueOf(((ComboBox<?>) console.lookup("region-picker")).getValue())))
                .contains("eu-west-1");

        robot.clickOn("Executive");
        await("the executive dashboard again", () -> "Executive".equals(console.text("screen-title")));
        robot.clickOn("#export-pdf");
        await("the report written", () -> console.text("export-result") != null && console.text("export-result").startsWith("Saved "));
        Path pdf = dir.resolve("exports").resolve("executive-report-20260304-160000Z.pdf");
        assertThat(console.text("export-result")).contains(pdf.getFileName().toString());
        try (var doc = Loader.loadPDF(pdf.toFile())) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("Executive report", "Period: 2026-03-04 15:00 to 2026-03-04 16:00 UTC",
                    "SIMULATED", "Availability " + availability, "Regions", "eu-west-1", "unhealthy",
                    "Incidents of the period", "INC-1");
        }

        // Then a snapshot of the same hour for the analysts: the range in force is preselected.
        robot.clickOn("#export-snapshot");
        await("the export panel", () -> console.lookup("snapshot-export") != null);
        assertThat(fx(() -> ((TextField) console.lookup("snapshot-from")).getText())).isEqualTo("2026-03-04 15:00");
        assertThat(fx(() -> ((TextField) console.lookup("snapshot-to")).getText())).isEqualTo("2026-03-04 16:00");
        robot.clickOn("#snapshot-note").write("the eu-west-1 outage");
        robot.clickOn("#snapshot-export-button");
        await("the snapshot written", () -> console.text("snapshot-message") != null
                && console.text("snapshot-message").startsWith("Saved "));
        Path snapshot = dir.resolve("exports").resolve("pharos-snapshot-20260304-1600.pharos");
        assertThat(console.text("snapshot-message")).contains(snapshot.getFileName().toString());
        SnapshotInspection inspection = SnapshotInspection.of(snapshot, SnapshotFileReader.Limits.DEFAULT);
        assertThat(inspection.problems()).isEmpty();
        Manifest m = inspection.manifest();
        assertThat(m.fromMs()).isEqualTo(Instant.parse("2026-03-04T15:00:00Z").toEpochMilli());
        assertThat(m.toMs()).isEqualTo(Instant.parse("2026-03-04T16:00:00Z").toEpochMilli());
        assertThat(m.note()).isEqualTo("the eu-west-1 outage");
        assertThat(m.sources()).anySatisfy(src -> assertThat(src.simulated()).isTrue());
        assertThat(m.content().series()).isPositive();
        assertThat(m.content().records()).as("the alerts and the incident").isPositive();
        try (SnapshotFileReader r = SnapshotFileReader.open(snapshot)) {
            assertThat(r.state().list("incident")).extracting(rec -> rec.key()).contains("INC-1");
        }
        robot.clickOn("#snapshot-cancel");
        await("the panel closed", () -> console.lookup("snapshot-export") == null);
    }
}
