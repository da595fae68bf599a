package io.pharos.views.region;

import io.pharos.views.shell.Screen;
import io.pharos.views.shell.ShellContext;
import io.pharos.views.shell.Shortcut;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;

/**
 * The regional dashboard in the shell, following the shared {@link RegionSelection} (so that another
 * screen can open it on a region), with its keyboard shortcuts.
 */
public final class RegionScreen implements Screen {
    public static final String ID = "region";
    public static final String TITLE = "Regions";

    private final RegionViewModel model;
    private final RegionView view;
    private final RegionSelection selection;
    private final List<Shortcut> shortcuts;

    public RegionScreen(RegionViewModel model, RegionSelection selection, ShellContext context) {
        this.model = model;
        this.selection = selection;
        if (selection.regionProperty().get() == null) {
            selection.regionProperty().set(model.regionProperty().get());
        }
        model.regionProperty().bindBidirectional(selection.regionProperty());
        this.view = new RegionView(model, context);
        shortcuts = List.of(
                new Shortcut(new KeyCodeCombination(KeyCode.CLOSE_BRACKET), "Regions: next region",
                        () -> model.stepRegion(1)),
                new Shortcut(new KeyCodeCombination(KeyCode.OPEN_BRACKET), "Regions: previous region",
                        () -> model.stepRegion(-1)),
                new Shortcut(new KeyCodeCombination(KeyCode.SLASH), "Regions: search hosts (Enter goes to the first)",
                        this::search),
                new Shortcut(new KeyCodeCombination(KeyCode.H), "Regions: go to the host table",
                        () -> view.hosts().table().requestFocus()),
                new Shortcut(new KeyCodeCombination(KeyCode.ENTER), "Regions: open the selected host's detail",
                        this::openSelected),
                new Shortcut(new KeyCodeCombination(KeyCode.ESCAPE), "Regions: clear the search, or close the host detail",
                        this::escape),
                new Shortcut(new KeyCodeCombination(KeyCode.G), "Regions: choose the region in the picker",
                        () -> view.header().picker().requestFocus()));
    }

    private void search() {
        view.hosts().search().requestFocus();
        view.hosts().search().selectAll();
    }

    private void escape() {
        var field = view.hosts().search();
        if (field.isFocused() && !field.getText().isEmpty()) {
            field.clear();
        } else {
            model.closeDetail();
        }
    }

    private void openSelected() {
        if (view.header().picker().isShowing()) {
            view.header().picker().hide(); // Enter in the open picker takes the region chosen
            return;
        }
        HostRow row = view.hosts().table().getSelectionModel().getSelectedItem();
        if (row != null) {
            model.openDetail(row.host());
        }
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
        model.regionProperty().unbindBidirectional(selection.regionProperty());
        view.dispose();
    }
}
