package io.pharos.views.alerts;

import io.pharos.engine.model.Labels;
import io.pharos.styles.StyleClasses;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The queue as a table of groups (alertname and region) with their alerts beneath. Rebuilt when the
 * queue changes, keeping what was selected, folded and focused.
 */
final class AlertTable {
    private final AlertQueueViewModel model;
    private final TreeTableView<Object> table = new TreeTableView<>(new TreeItem<>());
    private final Set<String> folded = new HashSet<>();
    private final ListChangeListener<AlertGroup> groupsListener = c -> rebuild();
    private boolean rebuilding;
    private boolean shownOnce;

    AlertTable(AlertQueueViewModel model) {
        this.model = model;
        table.setId("alert-table");
        table.getStyleClass().add(StyleClasses.ALERT_TABLE);
        table.setShowRoot(false);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(alertColumn());
        for (Text t : TEXTS.subList(1, TEXTS.size())) {
            table.getColumns().add(column(t.title(), t.width(), t.group(), t.item()));
        }
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<TreeItem<Object>>) c -> select());
        model.groups().addListener(groupsListener);
        rebuild();
    }

    TreeTableView<Object> node() {
        return table;
    }

    /** A column's text for a group row and for an alert row: what the cells show and what an export writes. */
    private record Text(String title, double width, Function<AlertGroup, String> group, Function<AlertItem, String> item) {
    }

    private static final List<Text> TEXTS = List.of(
            new Text("Alert", 270, g -> g.name() + " (" + g.items().size() + ")" + (g.region().isEmpty() ? ""
                    : " · " + g.region()), i -> i.instance().isEmpty() ? i.name() + (i.region().isEmpty() ? ""
                    : " · " + i.region()) : i.instance()),
            new Text("Severity", 96, g -> g.first().severity(), AlertItem::severity),
            new Text("State", 92, g -> g.first().stateText(), i -> i.stateText() + (i.flapping() ? " · flapping" : "")),
            new Text("Age", 78, g -> g.first().age(), AlertItem::age),
            new Text("Owner", 72, g -> "", AlertItem::owner),
            new Text("Summary", 200, AlertGroup::summary, i -> i.mutedBy().isEmpty() ? i.summary() : i.mutedBy()));

    /** The rows as shown (groups and their expanded alerts), as the cells write them. */
    io.pharos.views.common.TableData data() {
        List<List<Object>> rows = new java.util.ArrayList<>();
        for (int r = 0; r < table.getExpandedItemCount(); r++) {
            Object v = table.getTreeItem(r).getValue();
            if (v instanceof AlertGroup g) {
                rows.add(TEXTS.stream().<Object>map(t -> t.group().apply(g)).toList());
            } else if (v instanceof AlertItem i) {
                rows.add(TEXTS.stream().<Object>map(t -> t.item().apply(i)).toList());
            }
        }
        return new io.pharos.views.common.TableData(TEXTS.stream().map(Text::title).toList(), rows);
    }

    private TreeTableColumn<Object, Object> alertColumn() {
        TreeTableColumn<Object, Object> c = new TreeTableColumn<>("Alert");
        c.setPrefWidth(270);
        c.setMinWidth(200);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue().getValue()));
        c.setCellFactory(col -> new TreeTableCell<>() {
            private final Label text = new Label();
            private final Label simulated = simulatedBadge();
            private final HBox box = new HBox(8, text, simulated);
            // A group takes two lines: its name whole on the first, its region and badge under it (on
            // one line, the badge and the count left a 1,280 px window "RegionP99La…").
            private final Label groupName = new Label();
            private final Label groupRegion = new Label();
            private final Label groupSimulated = simulatedBadge();
            private final VBox groupBox = new VBox(1, groupName, new HBox(8, groupRegion, groupSimulated));

            {
                box.setAlignment(Pos.CENTER_LEFT);
                text.setMinWidth(0);
                groupName.setMinWidth(0);
                groupName.getStyleClass().add(StyleClasses.ALERT_GROUP_TITLE);
                groupRegion.getStyleClass().add(StyleClasses.MUTED);
                ((HBox) groupBox.getChildren().get(1)).setAlignment(Pos.CENTER_LEFT);
            }

            @Override
            protected void updateItem(Object item, boolean empty) {
                super.updateItem(item, empty);
                setText(null);
                if (empty || item == null) {
                    setGraphic(null);
                    return;
                }
                if (item instanceof AlertGroup g) {
                    groupName.setText(g.name() + "  (" + g.items().size() + ")");
                    groupRegion.setText(g.region().isEmpty() ? "no region" : g.region());
                    groupSimulated.setVisible(g.items().stream().allMatch(AlertItem::simulated));
                    groupSimulated.setManaged(groupSimulated.isVisible());
                    setGraphic(groupBox);
                } else if (item instanceof AlertItem i) {
                    text.setText(TEXTS.getFirst().item().apply(i));
                    // A group of simulated alerts says so once, on its own row.
                    TreeItem<Object> parent = getTableRow() == null || getTableRow().getTreeItem() == null ? null
                            : getTableRow().getTreeItem().getParent();
                    boolean groupSays = parent != null && parent.getValue() instanceof AlertGroup g
                            && g.items().stream().allMatch(AlertItem::simulated);
                    simulated.setVisible(i.simulated() && !groupSays);
                    simulated.setManaged(simulated.isVisible());
                    setGraphic(box);
                }
            }
        });
        return c;
    }

    static Label simulatedBadge() {
        Label l = new Label("SIMULATED");
        l.getStyleClass().add(StyleClasses.SIMULATED_BADGE);
        l.setMinWidth(Label.USE_PREF_SIZE);
        return l;
    }

    private static TreeTableColumn<Object, Object> column(String title, double width, Function<AlertGroup, String> group,
                                                          Function<AlertItem, String> item) {
        TreeTableColumn<Object, Object> c = new TreeTableColumn<>(title);
        c.setPrefWidth(width);
        c.setMinWidth(Math.min(width, 66));
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue().getValue()));
        c.setCellFactory(col -> new TreeTableCell<>() {
            @Override
            protected void updateItem(Object value, boolean empty) {
                super.updateItem(value, empty);
                getStyleClass().removeAll(StyleClasses.SEVERITY_CRITICAL, StyleClasses.SEVERITY_WARNING,
                        StyleClasses.SEVERITY_INFO, StyleClasses.MUTED, StyleClasses.ALERT_FLAPPING);
                if (empty || value == null) {
                    setText(null);
                    return;
                }
                setText(value instanceof AlertGroup g ? group.apply(g) : item.apply((AlertItem) value));
                AlertItem i = value instanceof AlertGroup g ? g.first() : (AlertItem) value;
                if ("Severity".equals(title)) {
                    getStyleClass().add(switch (i.severity()) {
                        case "critical" -> StyleClasses.SEVERITY_CRITICAL;
                        case "warning" -> StyleClasses.SEVERITY_WARNING;
                        default -> StyleClasses.SEVERITY_INFO;
                    });
                } else if ("State".equals(title) && value instanceof AlertItem a && a.flapping()) {
                    getStyleClass().add(StyleClasses.ALERT_FLAPPING);
                } else if ("State".equals(title) && i.state() != QueueState.FIRING) {
                    getStyleClass().add(StyleClasses.MUTED);
                }
            }
        });
        return c;
    }

    /** Replaces the rows, keeping the selection (by the alerts' labels), the folded groups and the focus. */
    private void rebuild() {
        rebuilding = true;
        try {
            Set<Object> keep = new HashSet<>();
            for (TreeItem<Object> t : table.getSelectionModel().getSelectedItems()) {
                if (t != null) {
                    keep.add(key(t.getValue()));
                }
            }
            TreeItem<Object> focusedItem = table.getFocusModel().getFocusedItem();
            Object focusKey = focusedItem == null ? null : key(focusedItem.getValue());
            for (TreeItem<Object> g : table.getRoot().getChildren()) {
                if (!g.isExpanded() && g.getValue() instanceof AlertGroup ag) {
                    folded.add(ag.title());
                } else if (g.getValue() instanceof AlertGroup ag) {
                    folded.remove(ag.title());
                }
            }
            List<TreeItem<Object>> rows = new ArrayList<>();
            for (AlertGroup g : model.groups()) {
                TreeItem<Object> gi = new TreeItem<>(g);
                for (AlertItem i : g.items()) {
                    gi.getChildren().add(new TreeItem<>(i));
                }
                gi.setExpanded(!folded.contains(g.title()));
                rows.add(gi);
            }
            table.getSelectionModel().clearSelection();
            table.getRoot().getChildren().setAll(rows);
            for (int r = 0; r < table.getExpandedItemCount(); r++) {
                TreeItem<Object> t = table.getTreeItem(r);
                Object k = key(t.getValue());
                if (keep.contains(k)) {
                    table.getSelectionModel().select(r);
                }
                if (k.equals(focusKey)) {
                    table.getFocusModel().focus(r);
                }
            }
        } finally {
            rebuilding = false;
        }
        if (!shownOnce && !model.groups().isEmpty()) {
            shownOnce = true; // the first alerts arrive: the top one is chosen, so keys act at once
            selectFirstIfNone();
        }
        select();
    }

    /** What identifies a row across rebuilds: a group's title, an alert's labels. */
    private static Object key(Object row) {
        return row instanceof AlertGroup g ? g.title() : row instanceof AlertItem i ? i.labels() : row;
    }

    /** Hands the selection to the model: a group stands for all its alerts. */
    private void select() {
        if (rebuilding) {
            return;
        }
        List<AlertItem> chosen = new ArrayList<>();
        Set<Labels> seen = new HashSet<>();
        for (TreeItem<Object> t : List.copyOf(table.getSelectionModel().getSelectedItems())) {
            if (t == null) {
                continue;
            }
            List<AlertItem> items = t.getValue() instanceof AlertGroup g ? g.items() : List.of((AlertItem) t.getValue());
            for (AlertItem i : items) {
                if (seen.add(i.labels())) {
                    chosen.add(i);
                }
            }
        }
        if (!chosen.equals(model.selection())) {
            model.selection().setAll(chosen);
        }
        TreeItem<Object> lead = table.getSelectionModel().getSelectedItem();
        AlertItem focus = lead == null ? null
                : lead.getValue() instanceof AlertGroup g ? g.first() : (AlertItem) lead.getValue();
        if (focus == null ? model.focusedProperty().get() != null : !focus.equals(model.focusedProperty().get())) {
            model.focusedProperty().set(focus);
        }
    }

    /** Enter on a group folds or unfolds it; on an alert, true: the caller shows its details. */
    boolean enter() {
        TreeItem<Object> t = table.getFocusModel().getFocusedItem();
        if (t != null && t.getValue() instanceof AlertGroup) {
            t.setExpanded(!t.isExpanded());
            return false;
        }
        return t != null;
    }

    /** Selects the first alert when nothing is selected, so that the arrows start from the top. */
    void selectFirstIfNone() {
        if (!table.getSelectionModel().isEmpty()) {
            return;
        }
        for (int r = 0; r < table.getExpandedItemCount(); r++) {
            if (table.getTreeItem(r).getValue() instanceof AlertItem) {
                table.getSelectionModel().select(r);
                table.getFocusModel().focus(r);
                return;
            }
        }
    }

    void dispose() {
        model.groups().removeListener(groupsListener);
    }}
