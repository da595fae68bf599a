package io.pharos.flows;

import static io.pharos.flows.ConsoleUnderTest.await;
import static io.pharos.flows.ConsoleUnderTest.fx;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javafx.geometry.VerticalDirection;
import javafx.scene.control.ComboBox;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * An executive reviews the dashboard with the mouse: reads the figures, widens the range to the
 * last hour, opens the failing region from the map's legend, comes back and exports the PDF report,
 * which the test opens and reads.
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
    }
}
