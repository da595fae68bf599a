package io.pharos.views.alerts;

import io.pharos.engine.incident.Incident;
import io.pharos.engine.incident.Severity;
import io.pharos.engine.pipeline.AlertRow;
import io.pharos.engine.pipeline.AlertingState;
import io.pharos.views.common.BackgroundTask;
import io.pharos.views.common.TaskExecutor;
import io.pharos.views.shell.ShellContext;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State and commands of the alert queue: the engine's alerts grouped as it notifies them (alertname and
 * region), filtered and searched, with the silences in force beside it ({@link SilenceListModel});
 * acknowledge and open an incident (new critical alerts are the
 * shell's notice: {@link CriticalAlertNotices}). Engine calls run on the {@link TaskExecutor}; their
 * results are applied on the UI thread.
 */
public final class AlertQueueViewModel {
    /** How long an acknowledgement holds before a still-firing alert comes back to the queue. */
    public static final Duration ACK_TIMEOUT = Duration.ofHours(4);

    private final Optional<AlertingState> alerting;
    private final TaskExecutor executor;
    private final Clock clock;
    private final ShellContext context;
    private final ReadOnlyBooleanWrapper alertingOn = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyStringWrapper emptyText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private String readError = "";
    private String actionError = "";
    private final ReadOnlyIntegerWrapper shownCount = new ReadOnlyIntegerWrapper();
    private final Map<QueueState, BooleanProperty> shown = new EnumMap<>(QueueState.class);
    private final Map<QueueState, ReadOnlyIntegerWrapper> counts = new EnumMap<>(QueueState.class);
    private final StringProperty severity = new SimpleStringProperty("");
    private final StringProperty search = new SimpleStringProperty("");
    private final StringProperty owner;
    private final ObservableList<AlertGroup> groups = FXCollections.observableArrayList();
    private final ObservableList<AlertItem> selection = FXCollections.observableArrayList();
    private final ObjectProperty<AlertItem> focused = new SimpleObjectProperty<>();
    private final SilenceEditorModel silenceEditor;
    private final SilenceListModel silenceList;
    private List<AlertItem> all = List.of();
    private int rules;
    private boolean refreshing;

    /**
     * @param owner who acknowledges and opens incidents unless changed (the person at the console)
     */
    public AlertQueueViewModel(Optional<? extends AlertingState> alerting, TaskExecutor executor, Clock clock,
                               ShellContext context, String owner) {
        this.alerting = alerting.map(AlertingState.class::cast);
        this.executor = executor;
        this.clock = clock;
        this.context = context;
        this.owner = new SimpleStringProperty(owner);
        for (QueueState s : QueueState.values()) {
            BooleanProperty p = new SimpleBooleanProperty(true);
            p.addListener(o -> applyFilter());
            shown.put(s, p);
            counts.put(s, new ReadOnlyIntegerWrapper());
        }
        severity.addListener(o -> applyFilter());
        search.addListener(o -> applyFilter());
        var runtime = this.alerting.flatMap(AlertingState::runtime);
        silenceEditor = new SilenceEditorModel(runtime, executor, clock, context, this.owner, this::afterChange);
        silenceList = new SilenceListModel(runtime, executor, clock, context, this::say, this::actionFailed,
                this::afterChange);
        alertingOn.set(alerting.isPresent());
        if (alerting.isEmpty()) {
            emptyText.set("Alerting is off: Pharos was started with --no-alerting, so no rule is evaluated and no"
                    + " alert is raised. Start it without --no-alerting to work the alert queue here.");
        }
    }

    /** Reads the queue in the background; a read still running makes this a no-op. */
    public void refresh() {
        if (refreshing || alerting.isEmpty()) {
            return;
        }
        refreshing = true;
        AlertingState state = alerting.get();
        executor.execute(BackgroundTask.wrap("Read the alert queue", () -> read(state))
                .onSuccess(this::apply)
                .onFailure(e -> readFailed("Could not read the alerts and silences: " + e.getMessage()
                        + ". The queue shows what it read last; it tries again within a second."))
                .onFinished(() -> refreshing = false));
    }

    private record Snapshot(List<AlertItem> items, int rules, List<SilenceListModel.Active> silences, long nowMs) {
    }

    private Snapshot read(AlertingState state) {
        long now = clock.millis();
        List<AlertItem> items = new ArrayList<>();
        for (AlertRow r : state.alerts()) {
            items.add(AlertItem.of(r, now));
        }
        List<AlertItem> read = List.copyOf(items);
        return new Snapshot(read, state.ruleCount(), SilenceListModel.read(state.silences(), read, now), now);
    }

    private void apply(Snapshot s) {
        readFailed("");
        all = s.items();
        rules = s.rules();
        applyFilter();
        silenceList.apply(s.silences(), s.nowMs());
    }

    /** Shows what the filters let through, grouped; leaves the list alone when nothing changed. */
    private void applyFilter() {
        AlertFilter f = filter();
        Map<String, List<AlertItem>> byGroup = new LinkedHashMap<>();
        EnumMap<QueueState, Integer> n = new EnumMap<>(QueueState.class);
        for (AlertItem i : all) {
            n.merge(i.state(), 1, Integer::sum);
            if (f.test(i)) {
                byGroup.computeIfAbsent(i.name() + "\u0000" + i.region(), k -> new ArrayList<>()).add(i);
            }
        }
        counts.forEach((state, c) -> c.set(n.getOrDefault(state, 0)));
        List<AlertGroup> out = new ArrayList<>();
        for (List<AlertItem> items : byGroup.values()) {
            items.sort(AlertGroup.URGENCY);
            out.add(new AlertGroup(items.getFirst().name(), items.getFirst().region(), items));
        }
        out.sort(java.util.Comparator.comparing(AlertGroup::first, AlertGroup.URGENCY)
                .thenComparing(AlertGroup::title));
        if (!out.equals(groups)) {
            groups.setAll(out);
        }
        int visible = out.stream().mapToInt(g -> g.items().size()).sum();
        shownCount.set(visible);
        if (!alertingOn.get()) {
            return;
        }
        long active = all.stream().filter(i -> i.state() != QueueState.RESOLVED).count();
        if (all.isEmpty() || active == 0 && visible == 0) {
            emptyText.set("No alerts firing — " + rules + (rules == 1 ? " rule" : " rules") + " evaluated");
        } else if (visible == 0) {
            emptyText.set("No alert matches the filters: " + all.size() + " hidden. Clear the search or show more states.");
        } else {
            emptyText.set("");
        }
    }

    AlertFilter filter() {
        EnumSet<QueueState> states = EnumSet.noneOf(QueueState.class);
        shown.forEach((s, p) -> {
            if (p.get()) {
                states.add(s);
            }
        });
        return new AlertFilter(states, severity.get(), search.get());
    }

    /** Acknowledges the selected alerts as {@link #ownerProperty()}, for {@link #ACK_TIMEOUT}. */
    public void acknowledge() {
        List<AlertItem> chosen = List.copyOf(selection);
        String who = owner.get() == null ? "" : owner.get().strip();
        if (chosen.isEmpty()) {
            say("Select an alert to acknowledge first.");
            return;
        }
        if (who.isEmpty()) {
            actionFailed("An acknowledgement needs an owner: type who takes the alert.");
            return;
        }
        if (refusedReadOnly()) {
            return;
        }
        var runtime = alerting.flatMap(AlertingState::runtime).orElseThrow();
        executor.execute(BackgroundTask.wrap("Acknowledge alerts", () -> {
            long now = clock.millis();
            for (AlertItem i : chosen) {
                runtime.pipeline().acknowledge(i.labels(), who, ACK_TIMEOUT, now);
            }
            return now + ACK_TIMEOUT.toMillis();
        }).onSuccess(until -> {
            say("Acknowledged " + alerts(chosen.size()) + " as " + who + " until "
                    + AlertTimes.at(until, clock.millis(), context.zone().getValue(), context.zoneName().getValue()));
            afterChange();
        }).onFailure(e -> actionFailed("Could not acknowledge: " + e.getMessage())));
    }

    /** Opens an incident by hand with the selected alerts linked to it. */
    public void openIncident(String title, Severity sev) {
        List<AlertItem> chosen = List.copyOf(selection);
        String who = owner.get() == null ? "" : owner.get().strip();
        if (chosen.isEmpty() || alerting.isEmpty()) {
            say("Select the alerts to open an incident from first.");
            return;
        }
        if (title == null || title.isBlank() || who.isEmpty()) {
            actionFailed("An incident needs a title and an owner.");
            return;
        }
        if (refusedReadOnly()) {
            return;
        }
        var runtime = alerting.flatMap(AlertingState::runtime).orElseThrow();
        executor.execute(BackgroundTask.wrap("Open an incident", () -> {
            var incidents = runtime.incidents();
            Incident created = incidents.create(title.strip(), sev, who);
            for (AlertItem i : chosen) {
                created = incidents.linkAlert(created.id(), i.row().alert().alert(), who);
            }
            return created;
        }).onSuccess(i -> {
            say("Opened " + i.id() + " (" + i.severity().label() + ") with " + alerts(i.alerts().size())
                    + ": " + i.title());
            afterChange();
        }).onFailure(e -> actionFailed("Could not open the incident: " + e.getMessage())));
    }

    /**
     * Whether the queue is one to read only (a snapshot's: fixed as it was exported), not to act on.
     * Alerting off is not read-only: there is no queue at all.
     */
    public boolean readOnly() {
        return alerting.isPresent() && alerting.get().runtime().isEmpty();
    }

    /** Says why nothing can be done here when the queue is read-only; true when it is. */
    boolean refusedReadOnly() {
        if (readOnly()) {
            actionFailed(READ_ONLY);
            return true;
        }
        return false;
    }

    static final String READ_ONLY = "Read-only: this snapshot shows the queue as it was exported. Acknowledge,"
            + " silence and open incidents in the live console.";

    /** Says that a command needs a selection first. */
    void acknowledgeNothing() {
        say("Select an alert first: arrows to move, Shift+arrows for several, a group for all of its alerts.");
    }

    /** A title for an incident from the selection: "HostCpuHigh in eu-west-1 (3 alerts)". */
    public String incidentTitle() {
        if (selection.isEmpty()) {
            return "";
        }
        List<String> names = selection.stream().map(AlertItem::name).distinct().toList();
        List<String> regions = selection.stream().map(AlertItem::region).filter(r -> !r.isEmpty()).distinct().toList();
        String t = String.join(", ", names) + (regions.isEmpty() ? "" : " in " + String.join(", ", regions));
        return selection.size() == 1 ? t : t + " (" + selection.size() + " alerts)";
    }

    /** The incident severity the selection suggests: SEV2 for a critical alert, SEV3 otherwise. */
    public Severity suggestedSeverity() {
        return selection.stream().anyMatch(i -> "critical".equals(i.severity())) ? Severity.SEV2 : Severity.SEV3;
    }

    private void afterChange() {
        refreshing = false;
        refresh();
    }

    long nowMs() {
        return clock.millis();
    }

    static String alerts(int n) {
        return n == 1 ? "1 alert" : n + " alerts";
    }

    public ReadOnlyBooleanProperty alertingOnProperty() {
        return alertingOn.getReadOnlyProperty();
    }

    /** What to show instead of the queue: alerting off, nothing firing, or nothing matching; "" otherwise. */
    public ReadOnlyStringProperty emptyTextProperty() {
        return emptyText.getReadOnlyProperty();
    }

    /** The outcome of the last command, for people. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /**
     * What an action of the user says: it replaces an earlier action's error, which otherwise stays
     * until then (the queue's reads every second clear only their own).
     */
    private void say(String text) {
        actionError = "";
        message.set(text);
        showError();
    }

    private void actionFailed(String why) {
        actionError = why;
        showError();
    }

    private void readFailed(String why) {
        readError = why;
        showError();
    }

    /** An action's error first: it answers what the user just did. */
    private void showError() {
        error.set(actionError.isEmpty() ? readError : actionError);
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The in-app notification of new critical alerts; "" when none is waiting. */
    public ReadOnlyIntegerProperty shownCountProperty() {
        return shownCount.getReadOnlyProperty();
    }

    /** Whether alerts in {@code state} are shown. */
    public BooleanProperty shownProperty(QueueState state) {
        return shown.get(state);
    }

    /** How many alerts are in {@code state}, shown or not. */
    public ReadOnlyIntegerProperty countProperty(QueueState state) {
        return counts.get(state).getReadOnlyProperty();
    }

    /** "critical", "warning", "info", or "" for all. */
    public StringProperty severityProperty() {
        return severity;
    }

    public StringProperty searchProperty() {
        return search;
    }

    public StringProperty ownerProperty() {
        return owner;
    }

    public ObservableList<AlertGroup> groups() {
        return groups;
    }

    /** The alerts the commands act on; the view keeps it in step with the table's selection. */
    public ObservableList<AlertItem> selection() {
        return selection;
    }

    /** The alert whose details are shown. */
    public ObjectProperty<AlertItem> focusedProperty() {
        return focused;
    }

    public SilenceEditorModel silenceEditor() {
        return silenceEditor;
    }

    public SilenceListModel silenceList() {
        return silenceList;
    }

    /** Exports an alert's chart data (what {@code data} reads of it, on the UI thread); says where. */
    void installChartExport(javafx.scene.Node chart, java.util.function.Supplier<io.pharos.views.common.TableData> data,
                            java.util.function.Supplier<String> name) {
        io.pharos.views.common.TableExportMenu.installOn(chart, data, name, context.exports(), executor, clock, this::say);
    }

    /** Exports the queue's tables (the alerts, the silences) into the exports folder; says where. */
    void installExports(javafx.scene.control.Control alerts, java.util.function.Supplier<io.pharos.views.common.TableData>
            alertRows, javafx.scene.control.TableView<?> silences) {
        io.pharos.views.common.TableExportMenu.install(alerts, alertRows, () -> "alerts", context.exports(), executor,
                clock, this::say);
        io.pharos.views.common.TableExportMenu.install(silences, () -> "silences", context.exports(), executor, clock,
                this::say);
    }
}
