package io.pharos.flows;

import static io.pharos.flows.ConsoleUnderTest.await;
import static io.pharos.flows.ConsoleUnderTest.fx;
import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.views.region.HostRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import org.junit.jupiter.api.Test;

/**
 * Someone responsible for a region drills down with the mouse: from the regions screen to the slow
 * region, its checkout hosts, the busiest of them, and that host's figures.
 */
class RegionalDrillDownFlowTest extends ConsoleFlow {

    @Test
    void fromTheRegionsToTheBusiestHost() throws Exception {
        openConsole();
        robot.clickOn("Regions");
        await("the regional dashboard", () -> "Regions".equals(console.text("screen-title")));
        await("a region's health", () -> console.text("region-health") != null
                && !console.text("region-health").isBlank());
        assertThat(picked()).as("the least healthy region first").isEqualTo("eu-west-1");
        assertThat(console.text("region-health")).isEqualTo("Unhealthy");

        robot.clickOn("#region-picker");
        robot.clickOn("ap-northeast-1");
        await("ap-northeast-1", () -> "ap-northeast-1".equals(picked())
                && hosts().stream().allMatch(h -> h.host().contains("ap-northeast-1")) && !hosts().isEmpty());
        String health = console.text("region-health");
        String reasons = console.text("region-reasons");

        robot.clickOn("#host-search").write("checkout");
        await("the checkout hosts", () -> !hosts().isEmpty() && hosts().stream().allMatch(h -> h.service().equals("checkout")));

        // Busiest first, as the table opens. (Sorting by a header click is left out: JavaFX's headless
        // platform marks every press a popup trigger, and column headers ignore those.)
        List<HostRow> rows = hosts();
        assertThat(rows).extracting(HostRow::cpu).isSortedAccordingTo(Comparator.reverseOrder());
        HostRow busiest = rows.getFirst();

        // The hosts as shown, for a spreadsheet: Ctrl+Shift+C on the table writes them as CSV.
        robot.clickOn(busiest.host(), MouseButton.PRIMARY);
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.C).release(KeyCode.C, KeyCode.SHIFT, KeyCode.CONTROL);
        await("the table exported", () -> console.text("host-table-export") != null
                && console.text("host-table-export").startsWith("Saved "));
        Path csv = Path.of(console.text("host-table-export").replaceFirst("^Saved \\d+ rows to ", ""));
        List<String> lines = Files.readAllLines(csv);
        assertThat(csv.getFileName().toString()).startsWith("hosts-ap-northeast-1-").endsWith(".csv");
        assertThat(lines.getFirst()).isEqualTo("Host,CPU,Memory,Req/s,Errors/s,p99");
        assertThat(lines).hasSize(rows.size() + 1);
        assertThat(lines.get(1)).startsWith(busiest.host() + ",");
        assertThat(lines.subList(1, lines.size())).allSatisfy(l -> assertThat(l).contains("checkout"));

        // A chart's data too: its context menu writes the lines it draws, a column each, in seconds.
        robot.rightClickOn("#region-chart-latency").clickOn("Export as CSV");
        await("the chart exported", () -> console.text("region-chart-export") != null
                && console.text("region-chart-export").startsWith("Saved "));
        Path chart = Path.of(console.text("region-chart-export").replaceFirst("^Saved \\d+ rows to ", ""));
        List<String> chartLines = Files.readAllLines(chart);
        assertThat(chart.getFileName().toString()).startsWith("latency-ap-northeast-1-").endsWith(".csv");
        assertThat(chartLines.getFirst()).isEqualTo("time,p50 (seconds),p95 (seconds),p99 (seconds)");
        assertThat(chartLines).hasSizeGreaterThan(10);

        robot.doubleClickOn(busiest.host(), MouseButton.PRIMARY);
        await("the host's detail", () -> busiest.host().equals(console.text("host-detail-title")));
        List<String> figures = fx(() -> console.lookup("host-figures").lookupAll(".label").stream()
                .map(n -> ((Label) n).getText()).toList());
        assertThat(figures).contains("node_cpu_utilization_ratio", "service_latency_p99_seconds");
        String p99 = figures.get(figures.indexOf("service_latency_p99_seconds") + 1);
        assertThat(p99).matches("\\d+ ms");
        assertThat(Integer.parseInt(p99.replace(" ms", ""))).as("checkout is slow there: above the 200 ms alert line")
                .isGreaterThan(200);
        assertThat(health).isEqualTo("Healthy");
        assertThat(reasons).as("why it is healthy").contains("response time", "< 100 ms", "success rate");
    }

    private String picked() throws Exception {
        return fx(() -> String.valueOf(((ComboBox<?>) console.lookup("region-picker")).getValue()));
    }

    @SuppressWarnings("unchecked")
    private List<HostRow> hosts() throws Exception {
        return fx(() -> List.copyOf(((TableView<HostRow>) console.lookup("host-table")).getItems()));
    }
}
