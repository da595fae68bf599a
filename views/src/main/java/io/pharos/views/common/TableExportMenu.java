package io.pharos.views.common;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/**
 * "Export as CSV" and "Export as JSON" on a table (its context menu; Ctrl+Shift+C and Ctrl+Shift+J
 * while it has the focus): the rows as shown, written in the background into the exports folder as
 * NAME-yyyyMMdd-HHmmssZ.csv or .json; {@code said} gets where it went, or why not.
 */
public final class TableExportMenu {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private TableExportMenu() {
    }

    /** @param name the file's name before its time stamp, read at each export (e.g. the region shown) */
    public static void install(TableView<?> table, java.util.function.Supplier<String> name, Path dir,
                               TaskExecutor executor, Clock clock, Consumer<String> said) {
        install(table, () -> TableData.of(table), name, dir, executor, clock, said);
    }

    /** Any table whose rows its owner reads itself ({@code data}, on the UI thread). */
    public static void install(javafx.scene.control.Control table, java.util.function.Supplier<TableData> data,
                                java.util.function.Supplier<String> name, Path dir, TaskExecutor executor, Clock clock,
                                Consumer<String> said) {
        ContextMenu menu = menu(data, name, dir, executor, clock, said);
        MenuItem csv = menu.getItems().get(0);
        MenuItem json = menu.getItems().get(1);
        table.setContextMenu(menu);
        table.addEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (csv.getAccelerator().match(e)) {
                csv.fire();
                e.consume();
            } else if (json.getAccelerator().match(e)) {
                json.fire();
                e.consume();
            }
        });
    }

    /**
     * A chart, or any node that is not a control: the same two items in a menu on a right-click (or the
     * context-menu key); {@code data} is what the chart shows, read on the UI thread.
     */
    public static void installOn(javafx.scene.Node node, java.util.function.Supplier<TableData> data,
                                 java.util.function.Supplier<String> name, Path dir, TaskExecutor executor, Clock clock,
                                 Consumer<String> said) {
        ContextMenu menu = menu(data, name, dir, executor, clock, said);
        node.getProperties().put(TableExportMenu.class, menu); // where a test finds it
        node.setOnContextMenuRequested(e -> {
            menu.show(node, e.getScreenX(), e.getScreenY());
            e.consume();
        });
    }

    private static ContextMenu menu(java.util.function.Supplier<TableData> data, java.util.function.Supplier<String> name,
                                    Path dir, TaskExecutor executor, Clock clock, Consumer<String> said) {
        MenuItem csv = new MenuItem("Export as CSV");
        csv.setAccelerator(new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
        csv.setOnAction(e -> export(data.get(), name.get(), dir, "csv", executor, clock, said));
        MenuItem json = new MenuItem("Export as JSON");
        json.setAccelerator(new KeyCodeCombination(KeyCode.J, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
        json.setOnAction(e -> export(data.get(), name.get(), dir, "json", executor, clock, said));
        return new ContextMenu(csv, json);
    }

    /** A file name from a chart's title: "CPU of eu-west-1" → "cpu-of-eu-west-1". */
    public static String fileName(String title) {
        String s = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return s.isEmpty() ? "chart" : s;
    }

    /** Writes what was read of a table (on the UI thread) in the background. */
    static void export(TableData data, String name, Path dir, String format, TaskExecutor executor, Clock clock,
                       Consumer<String> said) {
        Path file = dir.resolve(name + "-" + STAMP.format(clock.instant()) + "." + format);
        executor.execute(BackgroundTask.wrap("Export the table", () -> {
            Files.createDirectories(dir);
            Files.writeString(file, format.equals("csv") ? data.csv() : data.json(), StandardCharsets.UTF_8);
            return file;
        }).onSuccess(f -> said.accept(String.format(Locale.ROOT, "Saved %,d rows to %s", data.rows().size(), f)))
                .onFailure(e -> said.accept("Export failed: " + e.getMessage())));
    }
}
