package io.pharos.views.shell;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;

/** A screen that counts what the shell asks of it. */
final class FakeScreen implements Screen {
    final String name;
    final ShellContext context;
    int refreshed;
    int disposed;
    int actionsRun;
    private Label root;

    FakeScreen(String name, ShellContext context) {
        this.name = name;
        this.context = context;
    }

    @Override
    public Node root() {
        if (root == null) {
            root = new Label("screen " + name);
            root.setId("screen-" + name);
        }
        return root;
    }

    @Override
    public void refresh() {
        refreshed++;
    }

    @Override
    public List<Shortcut> shortcuts() {
        return List.of(new Shortcut(new KeyCodeCombination(KeyCode.A), "Do " + name + "'s thing", () -> actionsRun++));
    }

    @Override
    public void dispose() {
        disposed++;
    }
}
