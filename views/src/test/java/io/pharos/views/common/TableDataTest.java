package io.pharos.views.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A table's rows as shown, out as CSV and JSON that spreadsheets and programs read as meant. */
class TableDataTest {
    record Host(String name, Double cpu) {
    }

    @TempDir
    Path dir;

    @BeforeAll
    static void toolkit() throws InterruptedException {
        FxToolkit.start();
    }

    private static TableView<Host> table() {
        TableView<Host> t = new TableView<>(FXCollections.observableArrayList(
                new Host("web-1", 0.25), new Host("=HYPERLINK(\"http://evil\")", 0.5), new Host("db, \"primary\"", Double.NaN),
                new Host("cache\nnode", 0.125)));
        TableColumn<Host, String> name = new TableColumn<>("Host");
        name.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
        TableColumn<Host, Double> cpu = new TableColumn<>("CPU");
        cpu.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().cpu()));
        TableColumn<Host, String> hidden = new TableColumn<>("Hidden");
        hidden.setVisible(false);
        t.getColumns().setAll(name, cpu, hidden);
        return t;
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> work) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.call());
            } catch (Exception e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(10, TimeUnit.SECONDS);
    }

    @Test
    void theVisibleColumnsAndTheRowsInTheOrderShown() throws Exception {
        TableData d = onFx(() -> {
            TableView<Host> t = table();
            t.getItems().sort((a, b) -> a.name().compareTo(b.name()));
            return TableData.of(t);
        });
        assertThat(d.columns()).containsExactly("Host", "CPU");
        assertThat(d.rows()).extracting(r -> r.get(0)).containsExactly("=HYPERLINK(\"http://evil\")", "cache\nnode",
                "db, \"primary\"", "web-1");
        assertThat(d.rows().get(3).get(1)).isEqualTo(0.25);
        assertThat(d.rows().get(2).get(1)).as("no reading").isNull();
    }

    @Test
    void csvQuotesWhatItMustAndDisarmsFormulas() throws Exception {
        String csv = onFx(() -> TableData.of(table())).csv();
        assertThat(csv).isEqualTo("Host,CPU\r\n"
                + "web-1,0.25\r\n"
                + "\"'=HYPERLINK(\"\"http://evil\"\")\",0.5\r\n"
                + "\"db, \"\"primary\"\"\",\r\n"
                + "\"cache\nnode\",0.125\r\n");
    }

    @Test
    void jsonKeepsNumbersAsNumbers() throws Exception {
        JsonNode doc = JsonMapper.builder().build().readTree(onFx(() -> TableData.of(table())).json());
        assertThat(doc.size()).isEqualTo(4);
        assertThat(doc.get(0).get("Host").asText()).isEqualTo("web-1");
        assertThat(doc.get(0).get("CPU").isNumber()).isTrue();
        assertThat(doc.get(0).get("CPU").asDouble()).isEqualTo(0.25);
        assertThat(doc.get(2).get("CPU").isNull()).isTrue();
        assertThat(doc.get(1).get("Host").asText()).as("JSON is data, not a spreadsheet").startsWith("=HYPERLINK");
    }

    @Test
    void anExportWritesTheFileAndSaysWhere() throws Exception {
        StringBuilder said = new StringBuilder();
        Clock clock = Clock.fixed(Instant.parse("2026-12-07T04:30:15Z"), ZoneOffset.UTC);
        onFx(() -> {
            TableExportMenu.export(TableData.of(table()), "hosts-eu-west-1", dir.resolve("exports"), "csv",
                    new CurrentThreadTaskExecutor(), clock, said::append);
            return null;
        });
        Path file = dir.resolve("exports").resolve("hosts-eu-west-1-20261207-043015Z.csv");
        assertThat(file).exists();
        assertThat(Files.readString(file)).startsWith("Host,CPU\r\nweb-1,0.25\r\n");
        assertThat(said.toString()).isEqualTo("Saved 4 rows to " + file);
    }

    @Test
    void aChartsLinesBecomeATimeColumnAndAColumnPerLineMergedByTime() {
        long t0 = Instant.parse("2026-12-07T04:00:00Z").toEpochMilli();
        var p50 = new io.pharos.engine.query.TimeSeries(io.pharos.engine.model.Labels.EMPTY, t0, 60_000,
                new double[] {0.1, Double.NaN, 0.3}, new double[3], new double[3], false);
        var p99 = new io.pharos.engine.query.TimeSeries(io.pharos.engine.model.Labels.EMPTY, t0 + 60_000, 120_000,
                new double[] {0.9, 1.5}, new double[2], new double[2], false);
        java.util.Map<String, io.pharos.engine.query.TimeSeries> lines = new java.util.LinkedHashMap<>();
        lines.put("p50 (seconds)", p50);
        lines.put("p99 (seconds)", p99);
        TableData t = TableData.ofSeries(lines);
        assertThat(t.columns()).containsExactly("time", "p50 (seconds)", "p99 (seconds)");
        assertThat(t.csv()).isEqualTo("time,p50 (seconds),p99 (seconds)\r\n"
                + "2026-12-07T04:00:00Z,0.1,\r\n"
                + "2026-12-07T04:01:00Z,,0.9\r\n"
                + "2026-12-07T04:02:00Z,0.3,\r\n"
                + "2026-12-07T04:03:00Z,,1.5\r\n");
    }

    @Test
    void aRegionChartNamesItsColumnsWithTheUnitOfTheValuesNotOfTheScreen() {
        long t0 = Instant.parse("2026-12-07T04:00:00Z").toEpochMilli();
        var s = new io.pharos.engine.query.TimeSeries(io.pharos.engine.model.Labels.EMPTY, t0, 60_000,
                new double[] {0.084}, new double[1], new double[1], false);
        var chart = new io.pharos.views.region.ChartData("Latency", io.pharos.views.region.ChartData.Unit.SECONDS,
                "p50 of the services", java.util.List.of(new io.pharos.views.region.Line("p50", s),
                new io.pharos.views.region.Line("p50", s)), t0, t0 + 60_000);
        assertThat(chart.table().columns()).containsExactly("time", "p50 (seconds)", "p50 #2 (seconds)");
        assertThat(chart.table().rows()).containsExactly(java.util.Arrays.asList("2026-12-07T04:00:00Z", 0.084, 0.084));
        assertThat(TableExportMenu.fileName("CPU of eu-west-1")).isEqualTo("cpu-of-eu-west-1");
        assertThat(TableExportMenu.fileName("../..")).isEqualTo("chart");
    }
}
