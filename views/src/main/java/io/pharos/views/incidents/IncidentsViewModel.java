package io.pharos.views.incidents;

import io.pharos.engine.incident.ActionRecord;
import io.pharos.engine.incident.ChainVerification;
import io.pharos.engine.incident.Impact;
import io.pharos.engine.incident.Incident;
import io.pharos.engine.incident.IncidentReader;
import io.pharos.engine.incident.IncidentService;
import io.pharos.engine.incident.IncidentStatus;
import io.pharos.engine.incident.PostmortemMarkdown;
import io.pharos.engine.incident.ResponseAction;
import io.pharos.engine.incident.ResponseService;
import io.pharos.engine.incident.Severity;
import io.pharos.views.common.BackgroundTask;
import io.pharos.views.common.TaskExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State and commands of the incident screen: the list, the incident selected with its timeline and
 * actions, and what a person does to it (status along the lifecycle, commander, severity, notes,
 * runbooks, responses checked then run, postmortem). Every engine call runs on the executor; its
 * outcome is applied on the UI thread and said in {@link #messageProperty()} or
 * {@link #errorProperty()}, never thrown at the user.
 */
public final class IncidentsViewModel {
    private final IncidentReader incidents;
    private final IncidentService service;
    private final ResponseService responses;
    private final BiFunction<Incident, Long, Impact> impact;
    private final TaskExecutor executor;
    private final Clock clock;
    private final String actor;
    private final Path postmortemDir;
    private final ObservableList<IncidentRow> rows = FXCollections.observableArrayList();
    private final ObjectProperty<String> selected = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<IncidentDetail> detail = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ResponseService.Preview> preview = new ReadOnlyObjectWrapper<>();
    private final BooleanProperty showClosed = new SimpleBooleanProperty(false);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private boolean refreshing;

    /**
     * @param incidents     null when alerting is off (the screen says so)
     * @param responses     null when no automated responses are configured
     * @param impact        the impact of an incident at a time, for the postmortem
     * @param actor         who uses the console: the name in timelines
     * @param postmortemDir where exported postmortems are written
     */
    public IncidentsViewModel(IncidentService incidents, ResponseService responses,
                              BiFunction<Incident, Long, Impact> impact, TaskExecutor executor, Clock clock,
                              String actor, Path postmortemDir) {
        this(incidents, incidents, responses, impact, executor, clock, actor, postmortemDir);
    }

    /**
     * Incidents to read only (a snapshot's): listed, shown and their postmortems exported, never changed.
     */
    public static IncidentsViewModel readOnly(IncidentReader incidents, BiFunction<Incident, Long, Impact> impact,
                                              TaskExecutor executor, Clock clock, String actor, Path postmortemDir) {
        return new IncidentsViewModel(java.util.Objects.requireNonNull(incidents, "incidents"), null, null, impact,
                executor, clock, actor, postmortemDir);
    }

    private IncidentsViewModel(IncidentReader incidents, IncidentService service, ResponseService responses,
                               BiFunction<Incident, Long, Impact> impact, TaskExecutor executor, Clock clock,
                               String actor, Path postmortemDir) {
        this.incidents = incidents;
        this.service = service;
        this.responses = responses;
        this.impact = impact;
        this.executor = executor;
        this.clock = clock;
        this.actor = actor;
        this.postmortemDir = postmortemDir;
        selected.addListener((obs, o, n) -> {
            preview.set(null);
            refresh();
        });
        showClosed.addListener((obs, o, n) -> refresh());
    }

    public boolean available() {
        return incidents != null;
    }

    public boolean responsesAvailable() {
        return responses != null;
    }

    /** Whether the incidents are a snapshot's: shown as they were exported, not changed here. */
    public boolean readOnly() {
        return incidents != null && service == null;
    }

    static final String READ_ONLY = "Read-only: this snapshot shows the incidents as they were exported. Change them"
            + " in the live console.";

    public String actor() {
        return actor;
    }

    /** Reads the list and the selected incident in the background. */
    public void refresh() {
        if (incidents == null || refreshing) {
            return;
        }
        refreshing = true;
        String id = selected.get();
        boolean closedToo = showClosed.get();
        long now = clock.millis();
        executor.execute(BackgroundTask.wrap("Read incidents", () -> read(id, closedToo, now))
                .onSuccess(this::apply)
                .onFailure(e -> error.set("Incidents cannot be read: " + e.getMessage()))
                .onFinished(() -> refreshing = false));
    }

    private record Snapshot(List<IncidentRow> rows, IncidentDetail detail) {
    }

    private Snapshot read(String id, boolean closedToo, long now) {
        List<IncidentRow> list = incidents.list().stream()
                .filter(i -> closedToo || i.status() != IncidentStatus.CLOSED)
                .sorted(Comparator.comparing((Incident i) -> !i.open()).thenComparing(Incident::severity)
                        .thenComparing(Comparator.comparingLong(Incident::createdAtMs).reversed()))
                .map(i -> IncidentRow.of(i, now)).toList();
        IncidentDetail d = null;
        if (id != null) {
            Optional<Incident> i = incidents.get(id);
            if (i.isPresent()) {
                ChainVerification v = incidents.verify(id);
                d = new IncidentDetail(i.get(), incidents.timeline(id),
                        incidents.actions(id),
                        List.copyOf(i.get().status().next()), v.intact(), v.describe());
            }
        }
        return new Snapshot(list, d);
    }

    private void apply(Snapshot s) {
        rows.setAll(s.rows());
        detail.set(s.detail());
        if (selected.get() == null && !s.rows().isEmpty()) {
            selected.set(s.rows().getFirst().id());
        }
    }

    /** Runs a command that changes an incident: refused, with the reason, when they are read-only. */
    private <T> void change(String what, Callable<T> command, Consumer<T> done) {
        if (readOnly()) {
            error.set(READ_ONLY);
            return;
        }
        run(what, command, done);
    }

    /** Runs a command off the UI thread, says its outcome, then reads again. */
    private <T> void run(String what, Callable<T> command, Consumer<T> done) {
        if (incidents == null) {
            error.set("Alerting is off, so there are no incidents: start Pharos without --no-alerting.");
            return;
        }
        error.set("");
        executor.execute(BackgroundTask.wrap(what, command)
                .onSuccess(r -> {
                    done.accept(r);
                    refresh();
                })
                .onFailure(e -> error.set(what + " failed: " + e.getMessage())));
    }

    public void create(String title, Severity severity) {
        change("Opening the incident", () -> service.create(title, severity, actor), i -> {
            message.set(i.id() + " opened");
            selected.set(i.id());
        });
    }

    public void moveTo(IncidentStatus status) {
        String id = selected.get();
        change("Moving " + id + " to " + status.id(), () -> service.transition(id, status, actor, null),
                i -> message.set(i.id() + " is " + i.status().id()));
    }

    public void setCommander(String commander) {
        String id = selected.get();
        change("Naming the commander", () -> service.setCommander(id, commander, actor),
                i -> message.set(i.commander() + " commands " + i.id()));
    }

    public void setSeverity(Severity severity, String reason) {
        String id = selected.get();
        change("Changing the severity", () -> service.setSeverity(id, severity, actor, reason),
                i -> message.set(i.id() + " is " + i.severity().name()));
    }

    public void addNote(String text) {
        String id = selected.get();
        change("Adding the note", () -> service.addNote(id, actor, text), i -> message.set("Note added to " + i.id()));
    }

    public void addRunbook(String title, String url) {
        String id = selected.get();
        change("Adding the runbook", () -> service.addRunbook(id, title, url, actor),
                i -> message.set("Runbook added to " + i.id()));
    }

    /** Checks an action first: its expected effect and the policy's verdict, for confirmation. */
    public void check(ResponseAction action) {
        String id = selected.get();
        if (readOnly()) {
            error.set(READ_ONLY);
            return;
        }
        if (responses == null) {
            error.set("No automated responses are configured: run the reference fleet, or give --responses FILE.");
            return;
        }
        change("Checking " + action.describe(), () -> responses.preview(id, action), preview::set);
    }

    /** Proposes the action checked last; it runs at once when the policy allows, else waits for approval. */
    public void confirm() {
        ResponseService.Preview p = preview.get();
        if (p == null) {
            return;
        }
        String id = selected.get();
        preview.set(null);
        change("Running " + p.action().describe(), () -> responses.propose(id, p.action(), actor),
                r -> message.set(r.id() + " " + r.status().id() + (r.error() == null || r.error().isBlank() ? ""
                        : ": " + r.error())));
    }

    public void cancelCheck() {
        preview.set(null);
    }

    /** Approves as {@code approver}: a second person, not the one who proposed it. */
    public void approve(String actionId, String approver) {
        change("Approving " + actionId, () -> responses.approve(actionId, approver),
                r -> message.set(r.id() + " " + r.status().id()));
    }

    public void reject(String actionId, String reason) {
        change("Rejecting " + actionId, () -> responses.reject(actionId, actor, reason),
                r -> message.set(r.id() + " rejected"));
    }

    public void writePostmortem(String summary, String rootCause) {
        String id = selected.get();
        change("Writing the postmortem", () -> service.writePostmortem(id, summary, rootCause, List.of(), actor),
                i -> message.set("Postmortem of " + i.id() + " saved"));
    }

    /** Writes the postmortem as Markdown into the postmortem folder; the message says where. */
    public void exportPostmortem() {
        String id = selected.get();
        run("Exporting the postmortem", () -> {
            Incident i = incidents.require(id);
            String markdown = PostmortemMarkdown.export(incidents, id, impact.apply(i, clock.millis()));
            Files.createDirectories(postmortemDir);
            Path file = postmortemFile(postmortemDir, id);
            Files.writeString(file, markdown);
            return file;
        }, file -> message.set("Postmortem written to " + file));
    }

    /**
     * Where an incident's postmortem goes: ID.md in the folder, the id reduced to letters, digits and
     * dashes (a snapshot's incidents come from someone else: "../x" must not leave the folder).
     */
    static Path postmortemFile(Path dir, String id) {
        String name = id == null ? "" : id.replaceAll("[^A-Za-z0-9-]", "_");
        Path file = dir.resolve((name.isEmpty() ? "incident" : name) + ".md").normalize();
        if (!dir.normalize().equals(file.getParent())) {
            throw new IllegalArgumentException("the incident id '" + id + "' is not a file name");
        }
        return file;
    }

    public ObservableList<IncidentRow> rows() {
        return rows;
    }

    public ObjectProperty<String> selectedProperty() {
        return selected;
    }

    public ReadOnlyObjectProperty<IncidentDetail> detailProperty() {
        return detail.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ResponseService.Preview> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    public BooleanProperty showClosedProperty() {
        return showClosed;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The actions of the incident shown that wait for a person's approval. */
    public List<ActionRecord> waiting() {
        IncidentDetail d = detail.get();
        return d == null ? List.of() : d.actions().stream()
                .filter(a -> a.status() == io.pharos.engine.incident.ActionStatus.PROPOSED).toList();
    }

    /** Where the screen's background work runs (its table export too). */
    TaskExecutor executor() {
        return executor;
    }

    Clock clock() {
        return clock;
    }
}
