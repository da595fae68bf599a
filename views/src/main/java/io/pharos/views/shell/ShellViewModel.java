package io.pharos.views.shell;

import io.pharos.engine.EngineStatus;
import io.pharos.styles.StyleSheets;
import io.pharos.views.common.BackgroundTask;
import io.pharos.views.common.TaskExecutor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State and commands of the console's shell, testable without a window: which screen is shown, the
 * global time range (live or paused), the zone times are shown in, the theme, and the state of each
 * data source for the status bar. Screens are built when first shown and kept; only the one shown
 * is refreshed.
 */
public final class ShellViewModel {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private final List<ScreenDefinition> definitions;
    private final Map<String, Screen> built = new LinkedHashMap<>();
    private final Supplier<EngineStatus> status;
    private final TaskExecutor executor;
    private final Clock clock;
    private final ZoneId localZone;
    private final ObjectProperty<TimeRange> range = new SimpleObjectProperty<>(TimeRange.DEFAULT);
    private final ObjectProperty<ZoneChoice> zoneChoice = new SimpleObjectProperty<>(ZoneChoice.LOCAL);
    private final ObjectProperty<StyleSheets.Theme> theme = new SimpleObjectProperty<>(StyleSheets.DEFAULT_THEME);
    private final ReadOnlyObjectWrapper<ScreenDefinition> current = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Screen> currentScreen = new ReadOnlyObjectWrapper<>();
    private final ObservableList<SourceState> sources = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper lastUpdate = new ReadOnlyStringWrapper("not updated yet");
    private final ReadOnlyStringWrapper engineError = new ReadOnlyStringWrapper("");
    private final ObjectBinding<ZoneId> zone;
    private final StringBinding zoneName;
    private final StringBinding rangeText;
    private final ShellContext context;
    private final ObjectProperty<Notice> notice = new SimpleObjectProperty<>();
    private SnapshotBanner snapshot;
    private boolean refreshing;

    /**
     * @param definitions the screens, in navigation order (Ctrl+1 is the first); at least one
     * @param status      reads the engine's status (called off the UI thread)
     */
    public ShellViewModel(List<ScreenDefinition> definitions, Supplier<EngineStatus> status, TaskExecutor executor,
                          Clock clock, ZoneId localZone) {
        this(definitions, status, executor, clock, localZone, java.nio.file.Path.of(System.getProperty("user.home"),
                "pharos-exports"));
    }

    /** @param exports where the screens write exported files (the data directory's exports folder) */
    public ShellViewModel(List<ScreenDefinition> definitions, Supplier<EngineStatus> status, TaskExecutor executor,
                          Clock clock, ZoneId localZone, java.nio.file.Path exports) {
        if (definitions.isEmpty()) {
            throw new IllegalArgumentException("the console needs at least one screen");
        }
        this.definitions = List.copyOf(definitions);
        this.status = status;
        this.executor = executor;
        this.clock = clock;
        this.localZone = localZone;
        this.zone = Bindings.createObjectBinding(() -> zoneChoice.get().zone(localZone), zoneChoice);
        this.zoneName = Bindings.createStringBinding(() -> zoneChoice.get().label(localZone, clock.instant()), zoneChoice);
        this.rangeText = Bindings.createStringBinding(() -> range.get().describe(zone.get(), zoneName.get()), range,
                zone, zoneName);
        this.context = new ShellContext(range, zone, zoneName, exports);
    }

    public List<ScreenDefinition> screens() {
        return definitions;
    }

    /** Shows a screen by id, building it the first time; an unknown id shows the first screen. */
    public void show(String id) {
        ScreenDefinition d = definitions.stream().filter(s -> s.id().equals(id)).findFirst()
                .orElse(definitions.getFirst());
        Screen screen = built.computeIfAbsent(d.id(), k -> d.factory().apply(context));
        current.set(d);
        currentScreen.set(screen);
        screen.refresh();
    }

    /** Shows the n-th screen of the navigation (0-based); nothing when there is no such screen. */
    public void show(int index) {
        if (index >= 0 && index < definitions.size()) {
            show(definitions.get(index).id());
        }
    }

    /** About once a second: the status bar, and the screen shown. */
    public void refresh() {
        Screen screen = currentScreen.get();
        if (screen != null) {
            screen.refresh();
        }
        if (refreshing) {
            return;
        }
        refreshing = true;
        executor.execute(BackgroundTask.wrap("Read the engine's status", status::get)
                .onSuccess(this::apply)
                .onFailure(e -> engineError.set("The engine's status cannot be read: " + e.getMessage()))
                .onFinished(() -> refreshing = false));
    }

    void apply(EngineStatus s) {
        sources.setAll(s.sources().stream().map(SourceState::of).toList());
        engineError.set(s.lastError() == null ? "" : s.lastError());
        lastUpdate.set("updated " + CLOCK.format(Instant.ofEpochMilli(s.atMs()).atZone(zone.get())) + " "
                + zoneName.get());
    }

    /**
     * Makes this the console of a snapshot: read-only, the banner above the screens, the time range
     * fixed to the snapshot's (the commands that change it do nothing).
     */
    public void fixTo(SnapshotBanner banner) {
        snapshot = banner;
        range.set(TimeRange.fixed(banner.from(), banner.to()));
    }

    /** The snapshot this console shows, empty for the live console. */
    public Optional<SnapshotBanner> snapshot() {
        return Optional.ofNullable(snapshot);
    }

    /** Pauses a live range where it is now; resumes a paused one. */
    public void toggleLive() {
        if (snapshot != null) {
            return;
        }
        TimeRange r = range.get();
        range.set(r.live() ? r.paused(clock.instant()) : r.resumed());
    }

    /** One of the preset spans, keeping live or paused as it is. */
    public void selectSpan(Duration span) {
        if (snapshot != null) {
            return;
        }
        range.set(range.get().withSpan(span));
    }

    /** A custom range: from and to as the user entered them; paused by nature. */
    public void selectRange(Instant from, Instant to) {
        if (snapshot != null) {
            return;
        }
        range.set(TimeRange.between(from, to));
    }

    public void toggleZone() {
        zoneChoice.set(zoneChoice.get().toggled());
    }

    public void toggleTheme() {
        theme.set(theme.get() == StyleSheets.Theme.DARK ? StyleSheets.Theme.LIGHT : StyleSheets.Theme.DARK);
    }

    /** Shows {@code n} over every screen, in place of the notice shown. */
    public void post(Notice n) {
        notice.set(n);
    }

    public void dismissNotice() {
        notice.set(null);
    }

    /** Does what the notice's button says, and takes the notice away. */
    public void actOnNotice() {
        Notice n = notice.get();
        notice.set(null);
        if (n != null) {
            n.action().run();
        }
    }

    public ReadOnlyObjectProperty<Notice> noticeProperty() {
        return notice;
    }

    /** Takes what was remembered: theme, zone, the range's span (live), the screen shown. */
    public void restore(ConsolePreferences p) {
        theme.set(p.theme());
        zoneChoice.set(p.zone());
        if (snapshot == null) {
            range.set(TimeRange.last(p.rangeSpan()));
        }
        show(Optional.ofNullable(p.screen()).orElse(definitions.getFirst().id()));
    }

    /** What to remember of this session, on top of {@code before} (which holds the window's place). */
    public ConsolePreferences remember(ConsolePreferences before) {
        ScreenDefinition d = current.get();
        return before.withTheme(theme.get()).withZone(zoneChoice.get()).withRangeSpan(range.get().span())
                .withScreen(d == null ? before.screen() : d.id());
    }

    /** Disposes every screen built. */
    public void dispose() {
        built.values().forEach(Screen::dispose);
        built.clear();
    }

    public ShellContext context() {
        return context;
    }

    public ObjectProperty<TimeRange> rangeProperty() {
        return range;
    }

    public ObjectProperty<ZoneChoice> zoneChoiceProperty() {
        return zoneChoice;
    }

    public ObjectProperty<StyleSheets.Theme> themeProperty() {
        return theme;
    }

    public ReadOnlyObjectProperty<ScreenDefinition> currentProperty() {
        return current.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Screen> currentScreenProperty() {
        return currentScreen.getReadOnlyProperty();
    }

    public ObservableList<SourceState> sources() {
        return sources;
    }

    public ReadOnlyStringProperty lastUpdateProperty() {
        return lastUpdate.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty engineErrorProperty() {
        return engineError.getReadOnlyProperty();
    }

    public StringBinding rangeTextProperty() {
        return rangeText;
    }

    public StringBinding zoneNameProperty() {
        return zoneName;
    }

    public ZoneId localZone() {
        return localZone;
    }
}
