package io.pharos.views.shell;

import io.pharos.styles.StyleClasses;
import io.pharos.styles.StyleSheets;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.css.PseudoClass;
import javafx.event.EventHandler;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

/**
 * The console's frame: navigation on the left, the time range, live/pause, zone and theme switches
 * on top, the screen shown in the middle, the status bar at the bottom; keyboard shortcuts for all
 * of it and a cheat sheet on {@code ?}. Overlays (cheat sheet, custom range) sit above the screen.
 */
public final class ShellView {
    private final ShellViewModel model;
    private final BorderPane root = new BorderPane();
    private final StackPane content = new StackPane();
    private final NavigationBar navigation;
    private final StatusBar statusBar;
    private final RangePicker rangePicker;
    private final CheatSheet cheatSheet = new CheatSheet();
    private final NoticeBar noticeBar;
    private final CustomRangeEditor customRange;
    // The snapshot panels are built when first opened: a start builds only what it shows.
    private final SnapshotExportViewModel exportModel;
    private final SnapshotOpenViewModel openModel;
    private final SnapshotCompareViewModel compareModel;
    private SnapshotExportPanel snapshotExport;
    private SnapshotOpenPanel snapshotOpen;
    private SnapshotComparePanel snapshotCompare;
    private final List<Shortcut> shellShortcuts;
    private final ChangeListener<Screen> screenListener = (obs, o, n) -> showScreen(n);
    private final ChangeListener<StyleSheets.Theme> themeListener = (obs, o, n) -> applyTheme();
    private final EventHandler<KeyEvent> keyPressed = this::onKeyPressed;
    private final EventHandler<KeyEvent> keyTyped = this::onKeyTyped;
    private static final PseudoClass LIVE = PseudoClass.getPseudoClass("live");
    private Label liveState;
    private final ChangeListener<TimeRange> liveListener = (obs, o, n) -> liveState.pseudoClassStateChanged(LIVE, n.live());
    private Scene scene;
    private Node overlay;

    public ShellView(ShellViewModel model) {
        this(model, null, null);
    }

    /** With "Export snapshot" in the top bar and on Ctrl+Shift+E when {@code snapshotExport} is not null. */
    public ShellView(ShellViewModel model, SnapshotExportViewModel snapshotExport) {
        this(model, snapshotExport, null);
    }

    /** And "Open snapshot" on Ctrl+O when {@code snapshotOpen} is not null. */
    public ShellView(ShellViewModel model, SnapshotExportViewModel snapshotExport, SnapshotOpenViewModel snapshotOpen) {
        this(model, snapshotExport, snapshotOpen, null);
    }

    /** And "Compare" on Ctrl+Shift+D (and from the open panel) when {@code snapshotCompare} is not null. */
    public ShellView(ShellViewModel model, SnapshotExportViewModel snapshotExport, SnapshotOpenViewModel snapshotOpen,
                     SnapshotCompareViewModel snapshotCompare) {
        this.model = model;
        this.exportModel = snapshotExport;
        this.openModel = snapshotOpen;
        this.compareModel = snapshotCompare;
        root.getStyleClass().add("shell");
        navigation = new NavigationBar(model);
        statusBar = new StatusBar(model);
        customRange = new CustomRangeEditor(model);
        rangePicker = new RangePicker(model, this::openCustomRange);
        shellShortcuts = shellShortcuts();

        noticeBar = new NoticeBar(model);
        javafx.scene.layout.VBox top = new javafx.scene.layout.VBox(topBar());
        model.snapshot().ifPresent(b -> top.getChildren().add(banner(b)));
        top.getChildren().add(noticeBar.root());
        root.setTop(top);
        root.setLeft(navigation.root());
        content.getStyleClass().add("screen-area");
        root.setCenter(content);
        root.setBottom(statusBar.root());
        model.currentScreenProperty().addListener(screenListener);
        model.themeProperty().addListener(themeListener);
        showScreen(model.currentScreenProperty().get());
    }

    private HBox topBar() {
        Label app = new Label("Pharos");
        app.getStyleClass().add("app-title");
        Label screenTitle = new Label();
        screenTitle.setId("screen-title");
        screenTitle.getStyleClass().add(StyleClasses.SCREEN_TITLE);
        screenTitle.textProperty().bind(Bindings.createStringBinding(() -> model.currentProperty().get() == null ? ""
                : model.currentProperty().get().title(), model.currentProperty()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button live = new Button();
        live.setId("live-toggle");
        live.textProperty().bind(Bindings.createStringBinding(() -> model.rangeProperty().get().live()
                ? "Pause" : "Live", model.rangeProperty()));
        live.setOnAction(e -> model.toggleLive());
        liveState = new Label();
        liveState.setId("live-state");
        liveState.textProperty().bind(Bindings.createStringBinding(() -> model.rangeProperty().get().live()
                ? "● LIVE" : "❚❚ PAUSED", model.rangeProperty()));
        liveState.getStyleClass().add("live-state");
        liveState.pseudoClassStateChanged(LIVE, model.rangeProperty().get().live());
        model.rangeProperty().addListener(liveListener);
        Button zone = new Button();
        zone.setId("zone-toggle");
        zone.textProperty().bind(Bindings.createStringBinding(() -> model.zoneChoiceProperty().get() == ZoneChoice.UTC
                ? "Times: UTC" : "Times: local (" + model.zoneNameProperty().get() + ")", model.zoneChoiceProperty(),
                model.zoneNameProperty()));
        zone.setOnAction(e -> model.toggleZone());
        Button theme = new Button();
        theme.setId("theme-toggle");
        theme.textProperty().bind(Bindings.createStringBinding(() -> model.themeProperty().get() == StyleSheets.Theme.DARK
                ? "Light theme" : "Dark theme", model.themeProperty()));
        theme.setOnAction(e -> model.toggleTheme());
        Button help = new Button("?");
        help.setId("help");
        help.setOnAction(e -> toggleCheatSheet());
        HBox bar = new HBox(12, app, screenTitle, spacer, liveState, rangePicker.root(), live, zone, theme, help);
        if (model.snapshot().isPresent()) {
            // A snapshot's time is its range: said in words, with nothing to change it.
            Label range = new Label();
            range.setId("snapshot-range");
            range.textProperty().bind(model.rangeTextProperty());
            bar.getChildren().removeAll(liveState, rangePicker.root(), live);
            bar.getChildren().add(bar.getChildren().indexOf(zone), range);
        }
        if (openModel != null) {
            Button open = new Button("Open snapshot");
            open.setId("open-snapshot");
            open.setOnAction(e -> openSnapshotOpen());
            bar.getChildren().add(bar.getChildren().indexOf(help), open);
        }
        if (exportModel != null) {
            Button export = new Button("Export snapshot");
            export.setId("export-snapshot");
            export.setOnAction(e -> openSnapshotExport());
            bar.getChildren().add(bar.getChildren().indexOf(help), export);
        }
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("top-bar");
        return bar;
    }

    /** "Snapshot — read-only", its file, and what it holds, above every screen. */
    private static HBox banner(SnapshotBanner b) {
        Label flag = new Label("SNAPSHOT · READ-ONLY");
        flag.getStyleClass().add("snapshot-banner-title");
        flag.setMinWidth(Region.USE_PREF_SIZE);
        Label title = new Label(b.title());
        title.setId("snapshot-title");
        title.getStyleClass().add("snapshot-banner-title");
        title.setMinWidth(Region.USE_PREF_SIZE);
        Label details = new Label(b.details());
        details.setId("snapshot-details");
        details.setMinWidth(0);
        details.setTooltip(new javafx.scene.control.Tooltip(b.details()));
        HBox.setHgrow(details, Priority.ALWAYS);
        HBox banner = new HBox(flag, title, details);
        banner.setId("snapshot-banner");
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.getStyleClass().add(StyleClasses.SNAPSHOT_BANNER);
        return banner;
    }

    private List<Shortcut> shellShortcuts() {
        List<Shortcut> out = new ArrayList<>();
        List<ScreenDefinition> screens = model.screens();
        for (int i = 0; i < Math.min(9, screens.size()); i++) {
            int index = i;
            out.add(new Shortcut(new KeyCodeCombination(KeyCode.getKeyCode(Integer.toString(i + 1)),
                    KeyCombination.SHORTCUT_DOWN), "Show " + screens.get(i).title(), () -> model.show(index)));
        }
        if (model.snapshot().isEmpty()) {
            out.add(new Shortcut(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN),
                    "Choose the time range", () -> {
                        rangePicker.root().requestFocus();
                        rangePicker.root().show();
                    }));
            out.add(new Shortcut(new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN),
                    "Pause the time range, or go live again", model::toggleLive));
        }
        out.add(new Shortcut(new KeyCodeCombination(KeyCode.U, KeyCombination.SHORTCUT_DOWN),
                "Show times in UTC, or in local time", model::toggleZone));
        out.add(new Shortcut(new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
                "Switch between the light and the dark theme", model::toggleTheme));
        if (exportModel != null) {
            out.add(new Shortcut(new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
                    "Export a snapshot of the time range to a file", this::openSnapshotExport));
        }
        if (openModel != null) {
            out.add(new Shortcut(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN),
                    "Open a snapshot file read-only, in a window of its own", this::openSnapshotOpen));
        }
        if (compareModel != null) {
            out.add(new Shortcut(new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
                    "Compare a snapshot with the live data or another snapshot", this::openSnapshotCompare));
        }
        out.add(new Shortcut(new KeyCodeCombination(KeyCode.F5), "Refresh now", model::refresh));
        out.add(new Shortcut(new KeyCodeCombination(KeyCode.F1), "Show or hide these shortcuts (also ?)",
                this::toggleCheatSheet));
        return List.copyOf(out);
    }

    /** The shortcuts in force: the shell's, then the shown screen's. */
    public List<Shortcut> shortcuts() {
        List<Shortcut> all = new ArrayList<>(shellShortcuts);
        Screen s = model.currentScreenProperty().get();
        if (s != null) {
            all.addAll(s.shortcuts());
        }
        return all;
    }

    /** Puts the shell in its scene: the theme's stylesheets and the keyboard. */
    public void attach(Scene s) {
        this.scene = s;
        s.addEventFilter(KeyEvent.KEY_PRESSED, keyPressed);
        s.addEventFilter(KeyEvent.KEY_TYPED, keyTyped);
        applyTheme();
    }

    private void applyTheme() {
        if (scene != null) {
            scene.getStylesheets().setAll(StyleSheets.forTheme(model.themeProperty().get()));
        }
    }

    private void onKeyPressed(KeyEvent e) {
        if (e.getCode() == KeyCode.ESCAPE && overlay != null) {
            closeOverlay();
            e.consume();
            return;
        }
        boolean typing = scene != null && scene.getFocusOwner() instanceof TextInputControl;
        for (Shortcut s : shortcuts()) {
            if (typing && plain(s.keys())) {
                continue; // a letter typed into a field is text, not a command
            }
            if (s.keys().match(e)) {
                s.action().run();
                e.consume();
                return;
            }
        }
    }

    /** A key without Ctrl, Alt or Meta that is not a function key: a letter, a digit, a sign. */
    private static boolean plain(KeyCombination k) {
        boolean modified = k.getShortcut() == KeyCombination.ModifierValue.DOWN
                || k.getControl() == KeyCombination.ModifierValue.DOWN || k.getAlt() == KeyCombination.ModifierValue.DOWN
                || k.getMeta() == KeyCombination.ModifierValue.DOWN;
        boolean functionKey = k instanceof KeyCodeCombination c && (c.getCode().isFunctionKey()
                || c.getCode() == KeyCode.ESCAPE);
        return !modified && !functionKey;
    }

    /** "?" is a character, not a key (Shift and a layout-dependent key): it is matched as typed. */
    private void onKeyTyped(KeyEvent e) {
        boolean typing = scene != null && scene.getFocusOwner() instanceof TextInputControl;
        if ("?".equals(e.getCharacter()) && !typing) {
            toggleCheatSheet();
            e.consume();
        }
    }

    private void showScreen(Screen s) {
        content.getChildren().removeIf(n -> n != overlay);
        if (s != null) {
            content.getChildren().addFirst(s.root());
        }
    }

    private void toggleCheatSheet() {
        if (overlay == cheatSheet.root()) {
            closeOverlay();
            return;
        }
        cheatSheet.show(shortcuts());
        openOverlay(cheatSheet.root());
    }

    private void openCustomRange() {
        openOverlay(customRange.root());
        customRange.open(this::closeOverlay);
    }

    private void openSnapshotExport() {
        if (snapshotExport == null) {
            snapshotExport = new SnapshotExportPanel(exportModel);
        }
        openOverlay(snapshotExport.root());
        snapshotExport.open(this::closeOverlay);
    }

    private void openSnapshotOpen() {
        if (snapshotOpen == null) {
            snapshotOpen = new SnapshotOpenPanel(openModel);
            if (compareModel != null) {
                snapshotOpen.onCompare(path -> {
                    compareModel.pathAProperty().set(path);
                    openSnapshotCompare();
                });
            }
        }
        openOverlay(snapshotOpen.root());
        snapshotOpen.open(this::closeOverlay);
    }

    private void openSnapshotCompare() {
        if (snapshotCompare == null) {
            snapshotCompare = new SnapshotComparePanel(compareModel);
        }
        openOverlay(snapshotCompare.root());
        snapshotCompare.open(this::closeOverlay);
    }

    private void openOverlay(Node n) {
        closeOverlay();
        overlay = n;
        StackPane.setAlignment(n, Pos.CENTER);
        content.getChildren().add(n);
    }

    private void closeOverlay() {
        if (overlay != null) {
            content.getChildren().remove(overlay);
            overlay = null;
        }
    }

    /** Whether an overlay (cheat sheet, custom range) is open, for tests. */
    Node overlay() {
        return overlay;
    }

    public Parent root() {
        return root;
    }

    public void dispose() {
        model.currentScreenProperty().removeListener(screenListener);
        model.themeProperty().removeListener(themeListener);
        model.rangeProperty().removeListener(liveListener);
        if (scene != null) {
            scene.removeEventFilter(KeyEvent.KEY_PRESSED, keyPressed);
            scene.removeEventFilter(KeyEvent.KEY_TYPED, keyTyped);
        }
        navigation.dispose();
        if (snapshotExport != null) {
            snapshotExport.dispose();
        }
        if (snapshotOpen != null) {
            snapshotOpen.dispose();
        }
        if (snapshotCompare != null) {
            snapshotCompare.dispose();
        }
        statusBar.dispose();
        rangePicker.dispose();
        noticeBar.dispose();
    }
}
