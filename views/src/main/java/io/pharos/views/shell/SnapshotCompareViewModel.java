package io.pharos.views.shell;

import io.pharos.engine.snapshot.SnapshotDiff;
import io.pharos.views.common.BackgroundTask;
import io.pharos.views.common.TaskExecutor;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * "Compare": a snapshot against live data (over its range, or the range in force) or against another
 * snapshot, as `pharos snapshot diff` compares them (docs/snapshots.md, "Compare"); the comparison in
 * the background, its lines listed, or why it could not be made.
 */
public final class SnapshotCompareViewModel {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private final SnapshotComparing comparing;
    private final TaskExecutor executor;
    private final Clock clock;
    private final ShellContext context;
    private final StringProperty pathA = new SimpleStringProperty("");
    private final StringProperty pathB = new SimpleStringProperty("");
    private final ObjectProperty<SnapshotComparing.Against> against =
            new SimpleObjectProperty<>(SnapshotComparing.Against.LIVE_SAME_RANGE);
    private final ObservableList<DiffRow> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper sides = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final BooleanProperty failed = new SimpleBooleanProperty();
    private final BooleanProperty busy = new SimpleBooleanProperty();

    public SnapshotCompareViewModel(SnapshotComparing comparing, TaskExecutor executor, Clock clock,
                                    ShellContext context) {
        this.comparing = comparing;
        this.executor = executor;
        this.clock = clock;
        this.context = context;
    }

    /** When A is empty: the newest snapshot of the exports folder (read in the background). */
    public void prefill() {
        if (!pathA.get().isBlank()) {
            return;
        }
        var folder = context.exports();
        var zone = context.zone().getValue();
        String zoneName = context.zoneName().getValue();
        executor.execute(BackgroundTask.wrap("List the snapshots", () -> SnapshotOpenViewModel.list(folder, zone, zoneName))
                .onSuccess(found -> {
                    if (pathA.get().isBlank() && !found.isEmpty()) {
                        pathA.set(found.getFirst().file().toString());
                    }
                }));
    }

    /** Compares what the fields say, in the background. */
    public void compare() {
        String a = pathA.get() == null ? "" : pathA.get().strip();
        String b = pathB.get() == null ? "" : pathB.get().strip();
        SnapshotComparing.Against what = against.get();
        if (a.isEmpty()) {
            say("Choose the snapshot to compare (A): a file's path, or one of the exports.", true);
            return;
        }
        if (what == SnapshotComparing.Against.SNAPSHOT && b.isEmpty()) {
            say("Choose the other snapshot (B).", true);
            return;
        }
        if (busy.get()) {
            return;
        }
        TimeRange.Interval inForce = context.range().getValue().at(clock.instant());
        busy.set(true);
        say("Comparing…", false);
        executor.execute(BackgroundTask.wrap("Compare snapshots", () -> comparing.compare(Path.of(a), what,
                        b.isEmpty() ? null : Path.of(b), inForce.fromMs(), inForce.toMs()))
                .onSuccess(d -> {
                    rows.setAll(DiffRow.of(d));
                    sides.set("A: " + side(d.a()) + "\nB: " + side(d.b()));
                    long changed = rows.stream().filter(r -> !r.change().isEmpty()).count();
                    say(changed == 0 ? "No difference." : changed + (changed == 1 ? " difference." : " differences."),
                            false);
                })
                .onFailure(e -> say(e.getMessage() == null ? "The comparison failed." : e.getMessage(), true))
                .onFinished(() -> busy.set(false)));
    }

    private String side(SnapshotDiff.Side s) {
        var zone = context.zone().getValue();
        String name = s.file().equals("live data") ? "live data" : Path.of(s.file()).getFileName().toString();
        return name + ", " + WHEN.format(Instant.ofEpochMilli(s.fromMs()).atZone(zone)) + " – "
                + WHEN.format(Instant.ofEpochMilli(s.toMs()).atZone(zone)) + " " + context.zoneName().getValue();
    }

    private void say(String text, boolean error) {
        failed.set(error);
        message.set(text);
    }

    public StringProperty pathAProperty() {
        return pathA;
    }

    public StringProperty pathBProperty() {
        return pathB;
    }

    public ObjectProperty<SnapshotComparing.Against> againstProperty() {
        return against;
    }

    public ObservableList<DiffRow> rows() {
        return rows;
    }

    /** "A: file, range\nB: live data, range" once compared. */
    public ReadOnlyStringProperty sidesProperty() {
        return sides.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public BooleanProperty failedProperty() {
        return failed;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    TaskExecutor executor() {
        return executor;
    }

    Clock clock() {
        return clock;
    }

    ShellContext context() {
        return context;
    }
}
