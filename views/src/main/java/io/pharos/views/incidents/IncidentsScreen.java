package io.pharos.views.incidents;

import io.pharos.engine.incident.IncidentStatus;
import io.pharos.views.shell.Screen;
import io.pharos.views.shell.ShellContext;
import io.pharos.views.shell.Shortcut;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;

/** The incident workflow in the shell, with its keyboard shortcuts. */
public final class IncidentsScreen implements Screen {
    public static final String ID = "incidents";
    public static final String TITLE = "Incidents";

    private final IncidentsViewModel model;
    private final IncidentsView view;
    private final List<Shortcut> shortcuts;

    public IncidentsScreen(IncidentsViewModel model, ShellContext context) {
        this.model = model;
        this.view = new IncidentsView(model, context);
        shortcuts = List.of(
                new Shortcut(new KeyCodeCombination(KeyCode.N), "Incidents: open a new one (type its title)",
                        () -> view.list().titleField().requestFocus()),
                new Shortcut(new KeyCodeCombination(KeyCode.A), "Incidents: acknowledge the one shown",
                        () -> model.moveTo(IncidentStatus.ACKNOWLEDGED)),
                new Shortcut(new KeyCodeCombination(KeyCode.M), "Incidents: start mitigating",
                        () -> model.moveTo(IncidentStatus.MITIGATING)),
                new Shortcut(new KeyCodeCombination(KeyCode.R), "Incidents: resolve",
                        () -> model.moveTo(IncidentStatus.RESOLVED)),
                new Shortcut(new KeyCodeCombination(KeyCode.O), "Incidents: add a note (type it, Enter)",
                        () -> view.detail().noteField().requestFocus()),
                new Shortcut(new KeyCodeCombination(KeyCode.X),
                        "Incidents: run an automated response (Tab through it, Check, Space confirms)",
                        () -> view.responses().firstField().requestFocus()),
                new Shortcut(new KeyCodeCombination(KeyCode.W),
                        "Incidents: write the postmortem (summary, Enter, root cause, Enter saves)",
                        () -> view.detail().postmortemField().requestFocus()),
                new Shortcut(new KeyCodeCombination(KeyCode.E), "Incidents: export the postmortem as Markdown",
                        model::exportPostmortem),
                new Shortcut(new KeyCodeCombination(KeyCode.L), "Incidents: go to the list",
                        () -> view.list().table().requestFocus()));
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
        return shortcuts;
    }

    @Override
    public void dispose() {
        view.dispose();
    }
}
