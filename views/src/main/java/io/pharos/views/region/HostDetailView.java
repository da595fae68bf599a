package io.pharos.views.region;

import io.pharos.styles.StyleClasses;
import io.pharos.views.shell.ShellContext;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import javafx.beans.InvalidationListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * One host in detail: name, service, provider, its every latest figure and its CPU and memory over
 * the range. Until a host is opened it says how to open one.
 */
final class HostDetailView {
    private final StackPane root = new StackPane();
    private final Label title = new Label();
    private final Label subtitle = new Label();
    private final Label exported = new Label();
    private final GridPane figures = new GridPane();
    private final RegionChart cpu = new RegionChart("CPU");
    private final RegionChart memory = new RegionChart("Memory");
    private final VBox content;
    private final Label hint = new Label("Select a host and press Enter (or double-click it) to see all its figures"
            + " and its CPU and memory over the range.");
    private final RegionViewModel model;
    private final ShellContext context;
    private final InvalidationListener listener = o -> show();

    HostDetailView(RegionViewModel model, ShellContext context) {
        this.model = model;
        this.context = context;
        title.setId("host-detail-title");
        title.getStyleClass().add(StyleClasses.PANEL_TITLE);
        title.setMinWidth(0);
        subtitle.getStyleClass().add(StyleClasses.MUTED);
        subtitle.setMinWidth(0);
        subtitle.setWrapText(true);
        Button close = new Button("Close");
        close.setOnAction(e -> model.closeDetail());
        close.setMinWidth(Region.USE_PREF_SIZE);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        exported.setId("host-chart-export");
        exported.getStyleClass().add(StyleClasses.MUTED);
        exported.setMinWidth(0);
        HBox head = new HBox(8, title, grow, exported, close);
        head.setAlignment(Pos.CENTER_LEFT);
        figures.setId("host-figures");
        figures.setHgap(16);
        figures.setVgap(3);
        ScrollPane figuresScroll = new ScrollPane(figures);
        figuresScroll.setFitToWidth(true);
        figuresScroll.setMinHeight(0);
        figuresScroll.getStyleClass().add("host-figures");
        HBox charts = new HBox(8, cpu.root(), memory.root());
        HBox.setHgrow(cpu.root(), Priority.ALWAYS);
        HBox.setHgrow(memory.root(), Priority.ALWAYS);
        charts.setPrefHeight(150);
        charts.setMinHeight(120);
        for (RegionChart c : List.of(cpu, memory)) {
            io.pharos.views.common.TableExportMenu.installOn(c.root(), c::data,
                    () -> io.pharos.views.common.TableExportMenu.fileName(c.title() + " " + title.getText()),
                    context.exports(), model.executor(), model.clock(), exported::setText);
        }
        content = new VBox(6, head, subtitle, figuresScroll, charts);
        VBox.setVgrow(figuresScroll, Priority.ALWAYS);
        hint.setWrapText(true);
        hint.getStyleClass().add(StyleClasses.MUTED);
        hint.setId("host-detail-hint");
        root.getChildren().addAll(hint, content);
        root.getStyleClass().add(StyleClasses.PANEL);
        root.setMinSize(0, 0);
        StackPane.setAlignment(hint, Pos.CENTER);
        model.detailProperty().addListener(listener);
        model.detailHostProperty().addListener(listener);
        context.zone().addListener(listener);
        show();
    }

    private void show() {
        HostDetail d = model.detailProperty().get();
        String wanted = model.detailHostProperty().get();
        content.setVisible(wanted != null);
        hint.setVisible(wanted == null);
        if (wanted == null) {
            return;
        }
        title.setText(wanted);
        if (d == null) {
            subtitle.setText("Reading its figures…");
            figures.getChildren().clear();
            return;
        }
        String zone = context.zoneName().getValue();
        String last = d.lastSampleMs() == 0 ? "no samples in the store"
                : "latest sample " + DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
                .withZone(context.zone().getValue()).format(Instant.ofEpochMilli(d.lastSampleMs())) + " " + zone;
        subtitle.setText(String.join(" · ", d.service(), d.region(), d.provider(), last)
                + (d.simulated() ? " · simulated" : ""));
        figures.getChildren().clear();
        int row = 0;
        for (HostDetail.Figure f : d.figures()) {
            Label name = new Label(f.metric());
            name.getStyleClass().add(StyleClasses.MUTED);
            Label value = new Label(f.value());
            value.setMinWidth(Region.USE_PREF_SIZE);
            figures.add(name, 0, row);
            figures.add(value, 1, row);
            row++;
        }
        cpu.zone(context.zone().getValue(), zone);
        memory.zone(context.zone().getValue(), zone);
        if (d.charts().size() == 2) {
            cpu.show(d.charts().get(0));
            memory.show(d.charts().get(1));
        }
    }

    StackPane root() {
        return root;
    }

    void dispose() {
        model.detailProperty().removeListener(listener);
        model.detailHostProperty().removeListener(listener);
        context.zone().removeListener(listener);
    }
}
