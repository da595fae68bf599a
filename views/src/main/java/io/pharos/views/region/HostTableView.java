package io.pharos.views.region;

import io.pharos.styles.StyleClasses;
import io.pharos.views.region.ChartData.Unit;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * Every host of the region in a table that sorts by any column, narrowed by a search field (host or
 * service) and a filter; CPU and memory above the limits are marked. Enter or a double click opens the
 * host's detail; Enter in the search field goes to the first match (and opens it when it is the only
 * one). Rows are the model's, updated in place.
 */
final class HostTableView {
    private final VBox root = new VBox(8);
    private final TableView<HostRow> table;
    private final TextField search = new TextField();
    private final RegionViewModel model;
    private final Label count = new Label();
    private final ListChangeListener<HostRow> countListener = c -> showCount();

    HostTableView(RegionViewModel model, io.pharos.views.shell.ShellContext context) {
        this.model = model;
        HostListModel hosts = model.hosts();
        table = new TableView<>(hosts.shown());
        table.setId("host-table");
        TableColumn<HostRow, String> host = new TableColumn<>("Host");
        host.setCellValueFactory(cd -> new javafx.beans.property.ReadOnlyStringWrapper(cd.getValue().host()));
        host.setPrefWidth(200);
        host.setMinWidth(185);
        // no service column: the host's name starts with its service, and the search matches services
        TableColumn<HostRow, Number> cpu = number("CPU", HostRow::cpuProperty, Unit.RATIO, 0.80);
        TableColumn<HostRow, Number> memory = number("Memory", HostRow::memoryProperty, Unit.RATIO, 0.85);
        table.getColumns().add(host);
        table.getColumns().add(cpu);
        table.getColumns().add(memory);
        table.getColumns().add(number("Req/s", HostRow::requestsProperty, Unit.PER_SECOND, Double.NaN));
        table.getColumns().add(number("Errors/s", HostRow::errorsProperty, Unit.PER_SECOND, Double.NaN));
        table.getColumns().add(number("p99", HostRow::latencyP99Property, Unit.SECONDS, Double.NaN));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        // the sorted list sorts (and keeps sorting as values change); the table only says by what. Set
        // before the first sort order: the default policy refuses a SortedList and undoes the order.
        table.setSortPolicy(t -> true);
        hosts.comparatorProperty().bind(Bindings.createObjectBinding(
                () -> table.getComparator() == null ? HostRow.BY_HOST : table.getComparator(),
                table.comparatorProperty()));
        cpu.setSortType(TableColumn.SortType.DESCENDING);
        table.getSortOrder().add(cpu);
        Label none = new Label("No host matches: clear the search (Esc in the field) or choose All hosts.");
        none.getStyleClass().add(StyleClasses.MUTED);
        table.setPlaceholder(none);
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && table.getSelectionModel().getSelectedItem() != null) {
                model.openDetail(table.getSelectionModel().getSelectedItem().host());
                e.consume();
            }
        });
        table.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2
                    && table.getSelectionModel().getSelectedItem() != null) {
                model.openDetail(table.getSelectionModel().getSelectedItem().host());
            }
        });
        VBox.setVgrow(table, Priority.ALWAYS);

        search.setId("host-search");
        search.setPromptText("Search hosts, services  ( / )");
        search.setPrefWidth(220);
        search.setMinWidth(160);
        search.textProperty().bindBidirectional(hosts.searchProperty());
        search.setOnAction(e -> toFirstMatch());
        HBox.setHgrow(search, Priority.ALWAYS);
        search.setMaxWidth(360);
        ComboBox<HostFilter> filter = new ComboBox<>();
        filter.getItems().setAll(HostFilter.values());
        filter.valueProperty().bindBidirectional(hosts.filterProperty());
        filter.setId("host-filter");
        filter.setPrefWidth(190);
        filter.setMinWidth(120);
        count.getStyleClass().add(StyleClasses.MUTED);
        count.setMinWidth(Region.USE_PREF_SIZE);
        Label title = new Label("Hosts");
        title.getStyleClass().add(StyleClasses.PANEL_TITLE);
        title.setMinWidth(Region.USE_PREF_SIZE);
        Label exported = new Label();
        exported.setId("host-table-export");
        exported.getStyleClass().add(StyleClasses.MUTED);
        exported.setMinWidth(0);
        io.pharos.views.common.TableExportMenu.install(table, () -> "hosts-" + model.regionProperty().get(),
                context.exports(), model.executor(), model.clock(), exported::setText);
        HBox bar = new HBox(10, title, search, filter, count, exported);
        bar.setAlignment(Pos.CENTER_LEFT);
        root.getChildren().addAll(bar, table);
        root.getStyleClass().add(StyleClasses.PANEL);
        root.setMinSize(0, 0);
        hosts.shown().addListener(countListener);
        hosts.all().addListener(countListener);
        showCount();
    }

    private void toFirstMatch() {
        if (table.getItems().isEmpty()) {
            return;
        }
        table.getSelectionModel().clearAndSelect(0);
        table.scrollTo(0);
        table.requestFocus();
        if (table.getItems().size() == 1) {
            model.openDetail(table.getItems().getFirst().host());
        }
    }

    private void showCount() {
        int all = model.hosts().all().size();
        int shown = model.hosts().shown().size();
        count.setText(shown == all ? String.format("%,d hosts", all) : String.format("%,d of %,d hosts", shown, all));
    }

    private static TableColumn<HostRow, Number> number(String name, Function<HostRow, ObservableValue<Number>> value,
                                                       Unit unit, double limit) {
        TableColumn<HostRow, Number> c = new TableColumn<>(name);
        c.setCellValueFactory(cd -> value.apply(cd.getValue()));
        c.setPrefWidth(78);
        c.setComparator((a, b) -> Double.compare(orLowest(a), orLowest(b)));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Number v, boolean empty) {
                super.updateItem(v, empty);
                getStyleClass().remove(StyleClasses.SEVERITY_WARNING);
                if (empty || v == null) {
                    setText(null);
                    return;
                }
                setText(unit.format(v.doubleValue()));
                if (v.doubleValue() > limit) {
                    getStyleClass().add(StyleClasses.SEVERITY_WARNING);
                }
            }
        });
        c.getStyleClass().add(StyleClasses.NUMERIC);
        return c;
    }

    private static double orLowest(Number n) {
        return n == null || Double.isNaN(n.doubleValue()) ? Double.NEGATIVE_INFINITY : n.doubleValue();
    }

    VBox root() {
        return root;
    }

    TableView<HostRow> table() {
        return table;
    }

    TextField search() {
        return search;
    }

    void dispose() {
        model.hosts().comparatorProperty().unbind();
        search.textProperty().unbindBidirectional(model.hosts().searchProperty());
        model.hosts().shown().removeListener(countListener);
        model.hosts().all().removeListener(countListener);
    }
}
