package io.pharos.views.alerts;

import io.pharos.engine.PharosEngine;
import io.pharos.engine.pipeline.AlertingState;
import io.pharos.engine.query.QueryService;
import io.pharos.views.common.TaskExecutor;
import io.pharos.views.shell.Screen;
import io.pharos.views.shell.ShellContext;
import io.pharos.views.shell.Shortcut;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;

/** The alert queue in the shell: keyboard first, for whoever is on call. */
public final class AlertsScreen implements Screen {
    public static final String ID = "alerts";
    public static final String TITLE = "Alert queue";

    private final AlertQueueViewModel model;
    private final AlertDetailModel detail;
    private final AlertQueueView view;
    private final AlertQueueFocus focus;

    /**
     * @param focus the severity shown, shared with the shell's notice of new critical alerts
     * @param owner who acknowledges, silences and opens incidents unless changed: the person at the console
     */
    public AlertsScreen(PharosEngine engine, TaskExecutor executor, AlertQueueFocus focus, Clock clock,
                        ShellContext context, String owner) {
        this(engine.alerting(), engine.query(), executor, focus, clock, context, owner);
    }

    /**
     * @param alerting empty when Pharos runs without alerting (the screen says so); a state without a
     *                 runtime (a snapshot's) is shown read-only
     */
    public AlertsScreen(Optional<? extends AlertingState> alerting, QueryService query, TaskExecutor executor,
                        AlertQueueFocus focus, Clock clock, ShellContext context, String owner) {
        this.focus = focus;
        model = new AlertQueueViewModel(alerting, executor, clock, context, owner);
        model.severityProperty().bindBidirectional(focus.severityProperty());
        detail = new AlertDetailModel(alerting, query, executor, clock, context);
        view = new AlertQueueView(model, detail, context);
        model.refresh();
    }

    @Override
    public Node root() {
        return view.root();
    }

    @Override
    public void refresh() {
        model.refresh();
    }

    @Override
    public List<Shortcut> shortcuts() {
        return List.of(
                new Shortcut(new KeyCodeCombination(KeyCode.K), "Acknowledge the selected alerts", view::acknowledge),
                new Shortcut(new KeyCodeCombination(KeyCode.S), "Silence the selected alerts…", view::silence),
                new Shortcut(new KeyCodeCombination(KeyCode.I), "Open an incident from the selected alerts",
                        view::openIncident),
                new Shortcut(new KeyCodeCombination(KeyCode.L), "Show the silences in force, or hide them",
                        view::toggleSilences),
                new Shortcut(new KeyCodeCombination(KeyCode.E), "Expire the chosen silence early…",
                        view::expireSilence),
                new Shortcut(new KeyCodeCombination(KeyCode.SLASH), "Search the alerts", view::focusSearch),
                new Shortcut(new KeyCodeCombination(KeyCode.ENTER), "Show the alert's details (a group: fold it)",
                        view::details),
                new Shortcut(new KeyCodeCombination(KeyCode.ESCAPE),
                        "Close the editor, or leave the silences: back to the queue", view::escape));
    }

    @Override
    public void dispose() {
        view.dispose();
        model.severityProperty().unbindBidirectional(focus.severityProperty());
    }
}
