package io.pharos.views.status;

import io.pharos.engine.EngineStatus;
import io.pharos.engine.PharosEngine;
import io.pharos.engine.model.Labels;
import io.pharos.engine.query.Aggregation;
import io.pharos.engine.query.QueryService;
import io.pharos.engine.query.TimeSeries;
import io.pharos.views.common.BackgroundTask;
import io.pharos.views.common.TaskExecutor;
import io.pharos.views.shell.TimeRange;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State of the engine status screen: figures, sources and one live chart. {@link #refresh()} reads
 * the engine on a background task and applies the result on the UI thread; a refresh that is still
 * running makes the next one a no-op, so a slow engine never queues up work.
 */
public final class EngineStatusViewModel {
    static final int CHART_POINTS = 300;

    private final Supplier<EngineStatus> status;
    private final QueryService query;
    private final TaskExecutor executor;
    private final Clock clock;
    private final ReadOnlyStringWrapper series = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper ingestRate = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper samples = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper storeSize = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper headMemory = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper alerts = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper rules = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper chartTitle = new ReadOnlyStringWrapper("");
    private final ObservableList<SourceRow> sources = FXCollections.observableArrayList();
    private final ObservableList<ChartChoice> chartChoices = FXCollections.observableArrayList();
    private final ObjectProperty<ChartChoice> chartChoice = new SimpleObjectProperty<>();
    private final ObjectProperty<TimeSeries> chart = new SimpleObjectProperty<>();
    private final BooleanProperty chartSimulated = new SimpleBooleanProperty();
    private final Supplier<TimeRange> range;
    private boolean refreshing;

    /** The chart shows the last 15 minutes. */
    public EngineStatusViewModel(PharosEngine engine, TaskExecutor executor, Clock clock, List<ChartChoice> choices) {
        this(engine, executor, clock, choices, () -> TimeRange.DEFAULT);
    }

    /** The chart shows the console's time range, as {@code range} says at each refresh. */
    public EngineStatusViewModel(PharosEngine engine, TaskExecutor executor, Clock clock, List<ChartChoice> choices,
                                 Supplier<TimeRange> range) {
        this(engine::status, engine.query(), executor, clock, choices, range);
    }

    /** @param status the engine's status, or a snapshot's (read off the UI thread) */
    public EngineStatusViewModel(Supplier<EngineStatus> status, QueryService query, TaskExecutor executor, Clock clock,
                                 List<ChartChoice> choices, Supplier<TimeRange> range) {
        this.range = range;
        this.status = status;
        this.query = query;
        this.executor = executor;
        this.clock = clock;
        chartChoices.setAll(choices);
        if (!choices.isEmpty()) {
            chartChoice.set(choices.getFirst());
        }
    }

    /** Reads the engine in the background and updates the screen's state when done. */
    public void refresh() {
        if (refreshing) {
            return;
        }
        refreshing = true;
        ChartChoice choice = chartChoice.get();
        TimeRange.Interval interval = range.get().at(clock.instant());
        executor.execute(BackgroundTask.wrap("Refresh engine status", () -> read(choice, interval))
                .onSuccess(this::apply)
                .onFailure(e -> error.set("Could not read the engine: " + e.getMessage()))
                .onFinished(() -> refreshing = false));
    }

    private StatusSnapshot read(ChartChoice choice, TimeRange.Interval interval) {
        EngineStatus status = this.status.get();
        TimeSeries series = null;
        if (choice != null) {
            List<TimeSeries> found = query.aggregate(choice.selector(), List.of(), Aggregation.AVG,
                    interval.fromMs(), interval.toMs(), CHART_POINTS);
            series = found.isEmpty() ? null : found.getFirst();
        }
        return new StatusSnapshot(status, series, choice == null ? "" : choice.title());
    }

    void apply(StatusSnapshot s) {
        EngineStatus e = s.engine();
        series.set(String.format("%,d", e.series()));
        ingestRate.set(String.format("%,.0f samples/s", e.ingestRatePerSecond()));
        samples.set(String.format("%,d", e.samplesCommitted()));
        storeSize.set(bytes(e.storeFileBytes()));
        headMemory.set(bytes(e.headBytes()));
        error.set(e.lastError());
        if (e.alerting() == null) {
            alerts.set("alerting off");
            rules.set("–");
        } else {
            alerts.set(String.format("%,d firing · %,d pending", e.alerting().firing(), e.alerting().pending()));
            int failing = e.alerting().failingRules().size();
            int refused = e.alerting().ruleProblems().size();
            rules.set(String.format("%,d loaded", e.alerting().rules())
                    + (failing > 0 ? String.format(" · %,d failing", failing) : "")
                    + (refused > 0 ? String.format(" · %,d refused", refused) : ""));
        }
        sources.setAll(e.sources().stream().map(SourceRow::of).toList());
        TimeSeries c = s.chart();
        chart.set(c == null ? emptyChart() : c);
        chartSimulated.set(c != null && c.simulated());
        chartTitle.set(c == null ? s.chartTitle() + " — no data yet" : s.chartTitle());
    }

    private static TimeSeries emptyChart() {
        return new TimeSeries(Labels.EMPTY, 0, 1, new double[0], new double[0], new double[0], false);
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    public ReadOnlyStringProperty seriesProperty() {
        return series.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty ingestRateProperty() {
        return ingestRate.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty samplesProperty() {
        return samples.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty storeSizeProperty() {
        return storeSize.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty headMemoryProperty() {
        return headMemory.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty alertsProperty() {
        return alerts.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty rulesProperty() {
        return rules.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty chartTitleProperty() {
        return chartTitle.getReadOnlyProperty();
    }

    public ObservableList<SourceRow> sources() {
        return sources;
    }

    public ObservableList<ChartChoice> chartChoices() {
        return chartChoices;
    }

    public ObjectProperty<ChartChoice> chartChoiceProperty() {
        return chartChoice;
    }

    public ObjectProperty<TimeSeries> chartProperty() {
        return chart;
    }

    public BooleanProperty chartSimulatedProperty() {
        return chartSimulated;
    }

    /** Where the screen's background work runs (its exports too). */
    io.pharos.views.common.TaskExecutor executor() {
        return executor;
    }

    Clock clock() {
        return clock;
    }
}
