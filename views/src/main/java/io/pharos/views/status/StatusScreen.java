package io.pharos.views.status;

import io.pharos.engine.PharosEngine;
import io.pharos.views.common.TaskExecutor;
import io.pharos.views.shell.Screen;
import io.pharos.views.shell.ShellContext;
import java.time.Clock;
import java.util.List;
import javafx.scene.Node;

/** The engine status screen in the shell: its view model reads the shell's time range. */
public final class StatusScreen implements Screen {
    public static final String ID = "status";
    public static final String TITLE = "Engine status";

    private final EngineStatusViewModel model;
    private final EngineStatusView view;

    public StatusScreen(PharosEngine engine, TaskExecutor executor, Clock clock, List<ChartChoice> choices,
                        ShellContext context) {
        this(engine::status, engine.query(), executor, clock, choices, context);
    }

    /** @param status the engine's status, or a snapshot's */
    public StatusScreen(java.util.function.Supplier<io.pharos.engine.EngineStatus> status,
                        io.pharos.engine.query.QueryService query, TaskExecutor executor, Clock clock,
                        List<ChartChoice> choices, ShellContext context) {
        this(status, query, executor, clock, choices, context, java.util.Optional.empty());
    }

    /** With {@code settings}, the screen adds, edits and removes the console's live sources. */
    public StatusScreen(java.util.function.Supplier<io.pharos.engine.EngineStatus> status,
                        io.pharos.engine.query.QueryService query, TaskExecutor executor, Clock clock,
                        List<ChartChoice> choices, ShellContext context, java.util.Optional<SourceSettings> settings) {
        model = new EngineStatusViewModel(status, query, executor, clock, choices, () -> context.range().getValue());
        view = new EngineStatusView(model, context, settings);
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
    public void dispose() {
        view.dispose();
    }
}
