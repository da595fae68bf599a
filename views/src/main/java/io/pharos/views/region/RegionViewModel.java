package io.pharos.views.region;

import io.pharos.engine.EngineStatus;
import io.pharos.engine.dashboard.DashboardService;
import io.pharos.engine.dashboard.Health;
import io.pharos.engine.dashboard.RegionFigures;
import io.pharos.engine.dashboard.RegionHealth;
import io.pharos.engine.fleet.FleetAdjustment;
import io.pharos.engine.query.QueryService;
import io.pharos.views.common.BackgroundTask;
import io.pharos.views.common.TaskExecutor;
import io.pharos.views.region.ChartData.Unit;
import io.pharos.views.shell.TimeRange;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.Supplier;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State of the regional dashboard: the regions to pick from, the region shown with its health and why,
 * its figures, charts, scaling events and hosts, and the host detail. {@link #refresh()} reads the engine
 * on a background task and applies the result on the FX thread; a refresh still running makes the next
 * one a no-op. A result read for another region or host than the one now chosen is not shown: the next
 * refresh follows at once.
 */
public final class RegionViewModel {
    /** When the newest sample of a region is older than this (in a live range), its source may be down. */
    static final long STALE_MS = 120_000;

    /** What the screen shows instead of, or above, the dashboard. */
    public enum State {
        /** Nothing read yet. */
        LOADING,
        /** No region has data in the range. */
        NO_DATA,
        /** No data arrives any more, or a source failed: what is shown is old. */
        SOURCE_DOWN,
        READY
    }

    /** A region in the picker with its health now. */
    public record RegionChoice(String region, Health health) {
        @Override
        public String toString() {
            return region;
        }
    }

    /**
     * The figures in the header, each written with its unit ("84 ms", "99.12 %"), "–" when unknown.
     *
     * @param weight the load balancer's weight in words; "" when unknown
     */
    public record Overview(String provider, String responseTime, String successRate, String requests,
                           String trafficShare, String weight, String activeUsers, String errorRate,
                           String latencyP99, String hosts) {
        static final Overview EMPTY = new Overview("", "–", "–", "–", "–", "", "–", "–", "–", "–");
    }

    private final RegionReader reader;
    private final TaskExecutor executor;
    private final Clock clock;
    private final Supplier<TimeRange> range;
    private final Supplier<ZoneId> zone;
    private final Supplier<String> zoneName;
    private final ObservableList<RegionChoice> regions = FXCollections.observableArrayList();
    private final ObjectProperty<String> region = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<Health> health = new ReadOnlyObjectWrapper<>(Health.UNKNOWN);
    private final ReadOnlyStringWrapper reasons = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Overview> overview = new ReadOnlyObjectWrapper<>(Overview.EMPTY);
    private final ReadOnlyObjectWrapper<List<ChartData>> charts = new ReadOnlyObjectWrapper<>(List.of());
    private final ObservableList<RegionEvent> events = FXCollections.observableArrayList();
    private final HostListModel hosts;
    private final ObjectProperty<String> detailHost = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<HostDetail> detail = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.LOADING);
    private final ReadOnlyStringWrapper stateMessage = new ReadOnlyStringWrapper("Reading the regions…");
    private final ReadOnlyBooleanWrapper simulated = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final IntegerProperty chartPoints = new SimpleIntegerProperty(300);
    private boolean refreshing;
    private boolean again;
    private String hostsOf;

    /**
     * @param adjustments the simulated fleet's adjustments (its routing and scaling), or null without one
     * @param zone        the zone times are written in (the shell's), and {@code zoneName} its name
     */
    public RegionViewModel(QueryService query, DashboardService dashboard, Supplier<EngineStatus> status,
                           Supplier<List<FleetAdjustment>> adjustments, TaskExecutor executor, Clock clock,
                           Supplier<TimeRange> range, Supplier<ZoneId> zone, Supplier<String> zoneName) {
        this.reader = new RegionReader(query, dashboard, adjustments, status);
        this.executor = executor;
        this.clock = clock;
        this.range = range;
        this.zone = zone;
        this.zoneName = zoneName;
        this.hosts = new HostListModel(HostLimits.DEFAULTS);
        region.addListener((o, before, now) -> {
            if (now != null && !now.equals(before)) {
                detailHost.set(null);
                detail.set(null);
                refresh();
            }
        });
    }

    /** Reads the engine in the background and updates the state when done. */
    public void refresh() {
        if (refreshing) {
            return;
        }
        refreshing = true;
        again = false;
        String wanted = region.get();
        String host = detailHost.get();
        TimeRange.Interval interval = range.get().at(clock.instant());
        int points = Math.max(10, chartPoints.get());
        executor.execute(BackgroundTask.wrap("Refresh the regional dashboard",
                        () -> reader.read(wanted, interval.fromMs(), interval.toMs(), points, host))
                .onSuccess(this::apply)
                .onFailure(e -> error.set("Could not read the regional dashboard: " + e.getMessage()
                        + ". It tries again every second; Engine status shows the engine's own error."))
                .onFinished(() -> {
                    refreshing = false;
                    if (again) {
                        refresh();
                    }
                }));
    }

    void apply(RegionSnapshot s) {
        error.set("");
        List<RegionChoice> choices = s.regions().stream().map(r -> new RegionChoice(r.region(), r.health())).toList();
        if (!choices.equals(regions)) {
            regions.setAll(choices);
        }
        if (region.get() == null && s.region() != null) {
            region.set(s.region()); // the first read, for no region, read the least healthy one
        }
        if (!java.util.Objects.equals(s.region(), region.get())) {
            again = true; // read for a region no longer chosen
            return;
        }
        if (s.region() == null) {
            state(s);
            return;
        }
        if (!s.region().equals(hostsOf)) {
            hosts.clear();
            hostsOf = s.region();
        }
        RegionHealth h = s.health();
        health.set(h == null ? Health.UNKNOWN : h.health());
        reasons.set(h == null ? "no data for " + s.region() + " in the range" : String.join(", ", h.reasons()));
        overview.set(overview(s));
        charts.set(s.charts());
        if (!events.equals(s.events())) {
            events.setAll(s.events());
        }
        hosts.update(s.hosts(), s.toMs());
        simulated.set(s.simulated());
        String wantedHost = detailHost.get();
        if (wantedHost == null) {
            detail.set(null);
        } else if (s.detail() != null && s.detail().host().equals(wantedHost)) {
            detail.set(s.detail());
        } else {
            again = true;
        }
        state(s);
    }

    private void state(RegionSnapshot s) {
        boolean live = range.get().live();
        if (s.region() == null || (s.health() == null && s.hosts().isEmpty() && s.lastSampleMs() == 0)) {
            if (!s.sourceProblem().isEmpty()) {
                setState(State.SOURCE_DOWN, "No regional data in the range, and a source is not running: "
                        + s.sourceProblem() + ". Engine status (Ctrl+5) lists the sources; restart Pharos to "
                        + "start them again.");
            } else if (s.region() == null) {
                setState(State.NO_DATA, "No regional data yet in the range. Regions appear when a source sends "
                        + "series with a region label: the simulated fleet does within seconds of the start. "
                        + "A longer range (Ctrl+R) may show older data.");
            } else {
                setState(State.NO_DATA, "No data for " + s.region() + " in the range. Pick another region with "
                        + "[ and ], or a longer range (Ctrl+R).");
            }
            return;
        }
        long age = s.toMs() - s.lastSampleMs();
        if (live && age > STALE_MS) {
            setState(State.SOURCE_DOWN, "No new data from " + s.region() + " since " + time(s.lastSampleMs())
                    + " (" + io.pharos.engine.model.Durations.human(age) + " ago): its source may be down"
                    + (s.sourceProblem().isEmpty() ? "" : " (" + s.sourceProblem() + ")")
                    + ". What is shown is the last data received; Engine status (Ctrl+5) lists the sources.");
        } else if (!s.sourceProblem().isEmpty()) {
            setState(State.SOURCE_DOWN, "A source is not running: " + s.sourceProblem()
                    + ". Engine status (Ctrl+5) lists the sources.");
        } else {
            setState(State.READY, "");
        }
    }

    private void setState(State st, String message) {
        state.set(st);
        stateMessage.set(message);
    }

    /** A time as the screen writes it: "14:05:09 UTC", in the shell's zone. */
    String time(long ms) {
        return DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(zone.get())
                .format(Instant.ofEpochMilli(ms)) + " " + zoneName.get();
    }

    private static Overview overview(RegionSnapshot s) {
        RegionHealth h = s.health();
        if (h == null) {
            return new Overview("", "–", "–", "–", "–", s.weight(), "–", "–", "–", String.format("%,d", s.hosts().size()));
        }
        RegionFigures f = h.figures();
        return new Overview(h.provider(), format(f.responseTimeSeconds(), Unit.SECONDS),
                successRate(f.successRatio()), f.requestsPerSecond().isPresent()
                        ? String.format("%,.0f /s", f.requestsPerSecond().getAsDouble()) : "–",
                Unit.RATIO.format(s.trafficShare()), s.weight(),
                f.activeUsers().isPresent() ? String.format("%,.0f", f.activeUsers().getAsDouble()) : "–",
                format(f.errorRatio(), Unit.RATIO), format(f.latencyP99Seconds(), Unit.SECONDS),
                String.format("%,d", s.hosts().size()));
    }

    private static String format(OptionalDouble v, Unit unit) {
        return v.isPresent() ? unit.format(v.getAsDouble()) : "–";
    }

    /** Success rates live near 1: two decimals of a percent tell 99.95 % from 99.50 %. */
    private static String successRate(OptionalDouble v) {
        return v.isPresent() ? String.format("%.2f %%", v.getAsDouble() * 100) : "–";
    }

    // ---- commands ----

    /** Shows the next region in the picker's order, wrapping around; {@code step} −1 for the previous. */
    public void stepRegion(int step) {
        if (regions.isEmpty()) {
            return;
        }
        int i = -1;
        for (int k = 0; k < regions.size(); k++) {
            if (regions.get(k).region().equals(region.get())) {
                i = k;
            }
        }
        int next = Math.floorMod((i < 0 ? (step > 0 ? -1 : 0) : i) + step, regions.size());
        region.set(regions.get(next).region());
    }

    /** Opens the detail of a host of the region shown. */
    public void openDetail(String host) {
        if (host == null || host.equals(detailHost.get())) {
            return;
        }
        detailHost.set(host);
        detail.set(null);
        refresh();
    }

    public void closeDetail() {
        detailHost.set(null);
        detail.set(null);
    }

    // ---- state ----

    public ObservableList<RegionChoice> regions() {
        return regions;
    }

    /** The region shown; set it to show another (the shared {@link RegionSelection} binds to it). */
    public ObjectProperty<String> regionProperty() {
        return region;
    }

    public ReadOnlyObjectProperty<Health> healthProperty() {
        return health.getReadOnlyProperty();
    }

    /** Why the region has its health, e.g. "success rate 0.40 &lt; 0.95". */
    public ReadOnlyStringProperty reasonsProperty() {
        return reasons.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Overview> overviewProperty() {
        return overview.getReadOnlyProperty();
    }

    /** Latency, requests, errors, CPU, memory, traffic share: in that order. */
    public ReadOnlyObjectProperty<List<ChartData>> chartsProperty() {
        return charts.getReadOnlyProperty();
    }

    /** Scaling and traffic events in the range, newest first. */
    public ObservableList<RegionEvent> events() {
        return events;
    }

    public HostListModel hosts() {
        return hosts;
    }

    /** The host whose detail is open, or null. */
    public ReadOnlyObjectProperty<String> detailHostProperty() {
        return detailHost;
    }

    public ReadOnlyObjectProperty<HostDetail> detailProperty() {
        return detail.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** What the empty or stale state says: what happened, why, what to do. */
    public ReadOnlyStringProperty stateMessageProperty() {
        return stateMessage.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty simulatedProperty() {
        return simulated.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Points per chart: the view sets it to the charts' width in pixels, so the query downsamples to it. */
    public IntegerProperty chartPointsProperty() {
        return chartPoints;
    }

    /** Where the screen's background work runs (its table exports too). */
    TaskExecutor executor() {
        return executor;
    }

    Clock clock() {
        return clock;
    }
}
