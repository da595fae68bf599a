package io.pharos.views.executive;

import io.pharos.engine.dashboard.DashboardService;
import io.pharos.engine.dashboard.ExecutiveSummary;
import io.pharos.views.common.BackgroundTask;
import io.pharos.views.common.TaskExecutor;
import io.pharos.views.shell.TimeRange;
import java.time.Clock;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * State of the executive dashboard: the summary of the console's time range against the period
 * before it, read off the UI thread. A refresh still running makes the next one a no-op, so a slow
 * read (a week of history) never queues up; a range chosen meanwhile is read as soon as it ends.
 */
public final class ExecutiveViewModel {
    private final DashboardService dashboard;
    private final TaskExecutor executor;
    private final Clock clock;
    private final Supplier<TimeRange> range;
    private final ReadOnlyObjectWrapper<ExecutiveSummary> summary = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper("Reading the figures…");
    private boolean refreshing;
    /** The range the summary shown was read for: until a new range's figures come, the old ones say so. */
    private TimeRange shownRange;
    private Runnable onFirstFigures = () -> { };

    public ExecutiveViewModel(DashboardService dashboard, TaskExecutor executor, Clock clock, Supplier<TimeRange> range) {
        this.dashboard = dashboard;
        this.executor = executor;
        this.clock = clock;
        this.range = range;
    }

    public void refresh() {
        TimeRange requested = range.get();
        if (refreshing) {
            return; // the read running now reads again when it ends if the range changed meanwhile
        }
        refreshing = true;
        if (summary.get() != null && !requested.equals(shownRange)) {
            state.set("Reading the figures of the new range…");
        }
        TimeRange.Interval interval = requested.at(clock.instant());
        executor.execute(BackgroundTask.wrap("Read the executive figures",
                        () -> dashboard.summarize(interval.fromMs(), interval.toMs()))
                .onSuccess(s -> {
                    boolean first = summary.get() == null;
                    shownRange = requested;
                    summary.set(s);
                    if (first) {
                        onFirstFigures.run();
                    }
                    error.set("");
                    state.set(s.kpis().stream().anyMatch(k -> k.value().isPresent()) ? ""
                            : "No data yet for this range: the figures appear as sources report.");
                })
                .onFailure(e -> error.set("The figures cannot be read: " + e.getMessage()))
                .onFinished(() -> {
                    refreshing = false;
                    if (!range.get().equals(requested)) {
                        refresh();
                    }
                }));
    }

    /** The range the figures shown were read for; null before the first figures. UI thread. */
    public TimeRange shownRange() {
        return shownRange;
    }

    /** Runs once, on the UI thread, when the first figures are shown (the console measures its start with it). */
    public void onFirstFigures(Runnable r) {
        this.onFirstFigures = r;
    }

    public ReadOnlyObjectProperty<ExecutiveSummary> summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** What to say instead of figures: reading, or no data; empty when there are figures. */
    public ReadOnlyStringProperty stateProperty() {
        return state.getReadOnlyProperty();
    }
}
