package io.pharos.views.shell;

import io.pharos.views.common.BackgroundTask;
import io.pharos.views.common.TaskExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * "Open snapshot": the snapshots in the exports folder, newest first, or any file by its path; the
 * file opened in the background and shown read-only in a window of its own beside the live console,
 * or why it cannot be.
 */
public final class SnapshotOpenViewModel {
    /** The newest files listed; older ones are opened by their path. */
    static final int LISTED = 50;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    /** A snapshot file of the exports folder, as the list shows it. */
    public record Listed(Path file, String name, String details) {
    }

    private final SnapshotOpening opening;
    private final TaskExecutor executor;
    private final ShellContext context;
    private final ObservableList<Listed> files = FXCollections.observableArrayList();
    private final StringProperty path = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final BooleanProperty failed = new SimpleBooleanProperty();
    private final BooleanProperty busy = new SimpleBooleanProperty();

    public SnapshotOpenViewModel(SnapshotOpening opening, TaskExecutor executor, ShellContext context) {
        this.opening = opening;
        this.executor = executor;
        this.context = context;
    }

    /** Lists the exports folder again (in the background); the path field keeps what was typed. */
    public void load() {
        Path folder = context.exports();
        var zone = context.zone().getValue();
        String zoneName = context.zoneName().getValue();
        executor.execute(BackgroundTask.wrap("List the snapshots", () -> list(folder, zone, zoneName))
                .onSuccess(found -> {
                    files.setAll(found);
                    if (path.get().isBlank() && !found.isEmpty()) {
                        path.set(found.getFirst().file().toString());
                    }
                    if (found.isEmpty() && !failed.get()) {
                        message.set("No snapshot in " + folder + " yet: export one (Ctrl+Shift+E), or type a file's path.");
                    }
                })
                .onFailure(e -> say("The exports folder cannot be read: " + e.getMessage(), true)));
    }

    static List<Listed> list(Path folder, java.time.ZoneId zone, String zoneName) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> all = Files.list(folder)) {
            return all.filter(f -> f.getFileName().toString().endsWith(".pharos") && Files.isRegularFile(f))
                    .sorted(Comparator.comparing(SnapshotOpenViewModel::modified).reversed())
                    .limit(LISTED)
                    .map(f -> new Listed(f, f.getFileName().toString(), WHEN.format(modified(f).atZone(zone)) + " "
                            + zoneName + " · " + size(f)))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Instant modified(Path f) {
        try {
            return Files.getLastModifiedTime(f).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }

    private static String size(Path f) {
        try {
            long b = Files.size(f);
            return b < 1024 * 1024 ? String.format(Locale.ROOT, "%,.1f KiB", b / 1024.0)
                    : String.format(Locale.ROOT, "%,.1f MiB", b / (1024.0 * 1024));
        } catch (IOException e) {
            return "size unknown";
        }
    }

    /** Opens the file the path names, in the background; its window shows when it is read. */
    public void open() {
        String typed = path.get() == null ? "" : path.get().strip();
        if (typed.isEmpty()) {
            say("Choose a snapshot in the list, or type a file's path.", true);
            return;
        }
        if (busy.get()) {
            return;
        }
        Path file = Path.of(typed);
        busy.set(true);
        say("Opening " + file.getFileName() + "…", false);
        executor.execute(BackgroundTask.wrap("Open a snapshot", () -> opening.open(file))
                .onSuccess(show -> {
                    try {
                        show.run();
                        say("Opened " + file.getFileName() + " in a window of its own, read-only.", false);
                    } catch (RuntimeException e) {
                        say("Could not show " + file.getFileName() + ": " + e.getMessage(), true);
                    }
                })
                .onFailure(e -> say(e.getMessage() == null ? "Could not open " + file + "." : e.getMessage(), true))
                .onFinished(() -> busy.set(false)));
    }

    private void say(String text, boolean error) {
        failed.set(error);
        message.set(text);
    }

    public ObservableList<Listed> files() {
        return files;
    }

    public StringProperty pathProperty() {
        return path;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Whether the message is an error. */
    public BooleanProperty failedProperty() {
        return failed;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }
}
