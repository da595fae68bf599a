package io.pharos.views.executive;

import io.pharos.styles.StyleClasses;
import io.pharos.views.common.BackgroundTask;
import io.pharos.views.common.TaskExecutor;
import io.pharos.views.shell.Screen;
import io.pharos.views.shell.ShellContext;
import io.pharos.views.shell.Shortcut;
import io.pharos.engine.dashboard.ExecutiveSummary;
import io.pharos.engine.incident.Incident;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.HBox;

/** The executive dashboard in the shell, with its export. */
public final class ExecutiveScreen implements Screen {
    public static final String ID = "executive";
    public static final String TITLE = "Executive";

    private final ExecutiveViewModel model;
    private final ExecutiveView view;
    private final TaskExecutor executor;
    private final Clock clock;
    private final Path exportDir;
    private final Label exported = new Label();
    private final List<Shortcut> shortcuts;
    private final Button png;
    private final Button pdf;
    private final ShellContext context;
    private final Supplier<List<Incident>> incidents;

    /**
     * @param openRegion opens the regional dashboard on a region (a click on the map); exports go where
     *                   the shell context says
     */
    public ExecutiveScreen(ExecutiveViewModel model, ShellContext context, Consumer<String> openRegion,
                           Supplier<List<Incident>> incidents, TaskExecutor executor, Clock clock) {
        this.model = model;
        this.context = context;
        this.incidents = incidents;
        this.executor = executor;
        this.clock = clock;
        this.exportDir = context.exports();
        this.view = new ExecutiveView(model, context, openRegion);
        png = new Button("Export PNG");
        png.setId("export-png");
        png.setOnAction(e -> exportPng());
        exported.setId("export-result");
        exported.getStyleClass().add(StyleClasses.MUTED);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        pdf = new Button("Export PDF report");
        pdf.setId("export-pdf");
        pdf.setOnAction(e -> exportPdf());
        // The buttons keep their size in a narrow window; the message gives way, its full text in a tooltip.
        png.setMinWidth(Region.USE_PREF_SIZE);
        pdf.setMinWidth(Region.USE_PREF_SIZE);
        exported.setMinWidth(0);
        exported.setMaxWidth(360);
        exported.textProperty().addListener((obs, o, n) -> exported.setTooltip(n == null || n.isEmpty() ? null
                : new javafx.scene.control.Tooltip(n)));
        view.header().getChildren().addAll(spacer, exported, png, pdf);
        shortcuts = List.of(
                new Shortcut(new KeyCodeCombination(KeyCode.P), "Executive: export the dashboard as PNG", this::exportPng),
                new Shortcut(new KeyCodeCombination(KeyCode.D), "Executive: export the PDF report", this::exportPdf));
    }

    /** Snapshots the dashboard on the UI thread; the file is written in the background. */
    void exportPng() {
        // The header says which period the figures are of; its buttons have no place in the picture.
        List<Node> controls = List.of(png, pdf, exported);
        controls.forEach(n -> n.setVisible(false));
        WritableImage image;
        try {
            view.flushPending();
            image = DashboardExport.stacked(view.header(), view.content());
        } finally {
            controls.forEach(n -> n.setVisible(true));
        }
        Path file = exportDir.resolve(DashboardExport.fileName("executive", clock.instant(), "png"));
        executor.execute(BackgroundTask.wrap("Export the dashboard", () -> DashboardExport.write(image, file))
                .onSuccess(f -> exported.setText("Saved " + f))
                .onFailure(e -> exported.setText("Export failed: " + e.getMessage())));
    }

    /** The report of what the dashboard shows now, written in the background. */
    void exportPdf() {
        ExecutiveSummary summary = model.summaryProperty().get();
        if (summary == null) {
            exported.setText("Nothing to report yet: the figures are still being read.");
            return;
        }
        ZoneId zone = context.zone().getValue();
        String zoneName = context.zoneName().getValue();
        Instant now = clock.instant();
        Path file = exportDir.resolve(DashboardExport.fileName("executive-report", now, "pdf"));
        executor.execute(BackgroundTask.wrap("Export the executive report", () -> {
            byte[] bytes = ExecutiveReport.pdf(summary, incidents.get(), zone, zoneName, now);
            Files.createDirectories(exportDir);
            Files.write(file, bytes);
            return file;
        }).onSuccess(f -> exported.setText("Saved " + f))
                .onFailure(e -> exported.setText("Report failed: " + e.getMessage())));
    }

    @Override
    public Node root() {
        return view.root();
    }

    @Override
    public void refresh() {
        model.refresh();
    }

    /** Applies updates waiting for a frame (tests read the screen in the same FX task). */
    void flushPending() {
        view.flushPending();
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
