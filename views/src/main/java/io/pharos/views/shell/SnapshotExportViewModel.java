package io.pharos.views.shell;

import io.pharos.views.common.BackgroundTask;
import io.pharos.views.common.TaskExecutor;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * "Export snapshot" (docs/snapshots.md): the time range in force preselected, in the zone shown; a
 * resolution, a note, host names redacted or not, where the file goes; then the export in the
 * background with its progress, a cancel, and what was written or why not.
 */
public final class SnapshotExportViewModel {
    /** Where the panel is. */
    public enum Phase { EDITING, RUNNING, DONE, FAILED }

    /** The resolutions offered, as the command line writes them. */
    public static final List<String> RESOLUTIONS = List.of("10s", "1m", "5m", "1h", "raw");
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm", Locale.ROOT);

    private final SnapshotExports exports;
    private final TaskExecutor executor;
    private final Clock clock;
    private final ShellContext context;
    private final StringProperty from = new SimpleStringProperty("");
    private final StringProperty to = new SimpleStringProperty("");
    private final StringProperty zoneText = new SimpleStringProperty("");
    private final StringProperty resolution = new SimpleStringProperty("10s");
    private final StringProperty note = new SimpleStringProperty("");
    private final BooleanProperty redactHosts = new SimpleBooleanProperty();
    private final StringProperty file = new SimpleStringProperty("");
    private final ObjectProperty<Phase> phase = new SimpleObjectProperty<>(Phase.EDITING);
    private final DoubleProperty progress = new SimpleDoubleProperty();
    private final StringProperty message = new SimpleStringProperty("");
    private BackgroundTask<SnapshotExports.Result> running;
    private Instant openedFrom;
    private Instant openedTo;

    public SnapshotExportViewModel(SnapshotExports exports, TaskExecutor executor, Clock clock, ShellContext context) {
        this.exports = exports;
        this.executor = executor;
        this.clock = clock;
        this.context = context;
    }

    /** Fills the form for the range in force, unless an export is running (then it shows that one). */
    public void open() {
        if (phase.get() == Phase.RUNNING) {
            return;
        }
        ZoneId zone = context.zone().getValue();
        Instant now = clock.instant();
        TimeRange.Interval range = context.range().getValue().at(now);
        openedFrom = Instant.ofEpochMilli(range.fromMs());
        openedTo = Instant.ofEpochMilli(range.toMs());
        from.set(CustomRangeEditor.FORMAT.format(openedFrom.atZone(zone)));
        to.set(CustomRangeEditor.FORMAT.format(openedTo.atZone(zone)));
        zoneText.set("Times in " + context.zoneName().getValue() + " (" + zone.getId() + ")");
        file.set(exports.defaultDirectory().resolve("pharos-snapshot-" + FILE_TIME.format(now.atZone(zone)) + ".pharos")
                .toString());
        phase.set(Phase.EDITING);
        progress.set(0);
        message.set("");
    }

    /** Starts the export in the background; a mistake in the form is said and nothing starts. */
    public void export() {
        if (phase.get() == Phase.RUNNING) {
            return;
        }
        ZoneId zone = context.zone().getValue();
        Instant f;
        Instant t;
        try {
            f = exactOr(from.get(), openedFrom, zone);
            t = exactOr(to.get(), openedTo, zone);
        } catch (DateTimeParseException e) {
            fail("Write times as 2026-11-23 14:00 (year-month-day hours:minutes).");
            return;
        }
        if (!f.isBefore(t)) {
            fail("The range must start before it ends.");
            return;
        }
        if (file.get().isBlank()) {
            fail("Say where the snapshot goes.");
            return;
        }
        Path target;
        try {
            target = Path.of(file.get().strip());
        } catch (java.nio.file.InvalidPathException e) {
            fail("'" + file.get() + "' is not a file name here.");
            return;
        }
        Duration step = "raw".equals(resolution.get()) ? Duration.ZERO
                : io.pharos.engine.model.Durations.parse(resolution.get());
        SnapshotExports.Request request = new SnapshotExports.Request(f, t, step,
                note.get().isBlank() ? null : note.get().strip(), redactHosts.get(), target);
        phase.set(Phase.RUNNING);
        progress.set(0);
        message.set("Exporting…");
        BackgroundTask<SnapshotExports.Result> task = new BackgroundTask<>("Export snapshot") {
            @Override
            protected SnapshotExports.Result call() throws Exception {
                // Here, not on the UI thread: a path on a hung network mount would stall the window.
                if (java.nio.file.Files.isDirectory(target)) {
                    throw new IllegalArgumentException(target + " is a folder: give the snapshot a file name in it.");
                }
                return exports.export(request, (done, total) -> updateProgress(total == 0 ? 1 : (double) done / total),
                        this::isCancelled);
            }
        };
        running = task;
        executor.execute(task.onProgress(progress::set)
                .onSuccess(r -> {
                    phase.set(Phase.DONE);
                    progress.set(1);
                    message.set(String.format(Locale.ROOT, "Saved %s: %,d series, %,d samples and steps, %.1f MiB."
                            + " SHA-256 %s…", r.file(), r.series(), r.samplesAndSteps(), r.bytes() / 1048576.0,
                            r.sha256().substring(0, 16)));
                })
                .onFailure(e -> fail("Not exported: " + (e.getMessage() == null ? e.toString() : e.getMessage())))
                .onFinished(() -> running = null));
    }

    /**
     * The time typed, or the exact one the form was opened with while the field still shows it: the
     * fields show minutes, and "the last 15 minutes" must not lose the newest seconds.
     */
    private static Instant exactOr(String text, Instant opened, ZoneId zone) {
        Instant typed = LocalDateTime.parse(text.strip(), CustomRangeEditor.FORMAT).atZone(zone).toInstant();
        return opened != null && CustomRangeEditor.FORMAT.format(opened.atZone(zone)).equals(text.strip()) ? opened : typed;
    }

    /** Stops a running export; the partial file is removed by the exporter. */
    public void cancel() {
        BackgroundTask<SnapshotExports.Result> task = running;
        if (task != null) {
            task.cancel();
            running = null;
            phase.set(Phase.EDITING);
            progress.set(0);
            message.set("Cancelled: nothing was written.");
        }
    }

    private void fail(String why) {
        phase.set(Phase.FAILED);
        message.set(why);
    }

    public StringProperty fromProperty() {
        return from;
    }

    public StringProperty toProperty() {
        return to;
    }

    public StringProperty zoneTextProperty() {
        return zoneText;
    }

    public StringProperty resolutionProperty() {
        return resolution;
    }

    public StringProperty noteProperty() {
        return note;
    }

    public BooleanProperty redactHostsProperty() {
        return redactHosts;
    }

    public StringProperty fileProperty() {
        return file;
    }

    public ObjectProperty<Phase> phaseProperty() {
        return phase;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public StringProperty messageProperty() {
        return message;
    }
}
