package io.pharos.views.alerts;

import io.pharos.engine.alerting.Alert;
import io.pharos.engine.alerting.Silence;
import io.pharos.engine.model.Durations;
import io.pharos.engine.model.Labels;
import io.pharos.engine.model.Matcher;
import io.pharos.engine.pipeline.AlertingRuntime;
import io.pharos.engine.rules.Expr;
import io.pharos.engine.rules.Parser;
import io.pharos.views.common.BackgroundTask;
import io.pharos.views.common.TaskExecutor;
import io.pharos.views.shell.ShellContext;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The silence being written: matchers (as in a selector: {@code alertname="HostCpuHigh", region="eu-west-1"}),
 * a duration, a reason, and the preview of the alerts it would mute, read again as the matchers change.
 */
public final class SilenceEditorModel {
    /** Labels left out of the matchers a selection suggests: the alert name already implies them. */
    private static final Set<String> NOT_SUGGESTED = Set.of("severity");

    private final Optional<AlertingRuntime> alerting;
    private final TaskExecutor executor;
    private final Clock clock;
    private final ShellContext context;
    private final StringProperty author;
    private final Runnable afterSave;
    private final StringProperty matchers = new SimpleStringProperty("");
    private final StringProperty duration = new SimpleStringProperty("2h");
    private final StringProperty reason = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper previewText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper saved = new ReadOnlyStringWrapper("");
    private final ObservableList<String> preview = FXCollections.observableArrayList();
    private BackgroundTask<List<Alert>> previewing;

    SilenceEditorModel(Optional<AlertingRuntime> alerting, TaskExecutor executor, Clock clock, ShellContext context,
                       StringProperty author, Runnable afterSave) {
        this.alerting = alerting;
        this.executor = executor;
        this.clock = clock;
        this.context = context;
        this.author = author;
        this.afterSave = afterSave;
        matchers.addListener(o -> updatePreview());
    }

    /** Starts a silence for {@code alerts}: matchers on the labels they all share, no reason yet. */
    public void startFor(List<AlertItem> alerts) {
        reason.set("");
        problem.set("");
        saved.set("");
        duration.set("2h");
        if (alerts.isEmpty()) {
            matchers.set("");
            updatePreview();
            return;
        }
        Map<String, String> common = new LinkedHashMap<>(alerts.getFirst().labels().toMap());
        for (AlertItem a : alerts) {
            common.entrySet().removeIf(e -> !e.getValue().equals(a.labels().get(e.getKey())));
        }
        NOT_SUGGESTED.forEach(common::remove);
        List<String> parts = new ArrayList<>();
        String name = common.remove("alertname");
        if (name != null) {
            parts.add("alertname=\"" + name + "\"");
        }
        common.forEach((k, v) -> parts.add(k + "=\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\""));
        String text = String.join(", ", parts);
        if (text.equals(matchers.get())) {
            updatePreview();
        }
        matchers.set(text);
    }

    /** The matchers as written, or a message saying what is wrong with them. */
    static List<Matcher> parseMatchers(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("Write at least one matcher, e.g. alertname=\"HostCpuHigh\"");
        }
        if (!t.startsWith("{")) {
            t = "{" + t + "}";
        }
        Expr e;
        try {
            e = Parser.parse(t);
        } catch (RuntimeException ex) {
            throw new IllegalArgumentException("The matchers do not read: " + ex.getMessage()
                    + ". Write them as label=\"value\", label=~\"regex\", separated by commas.");
        }
        if (!(e instanceof Expr.VectorSelector vs) || vs.name() != null || vs.offsetMs() != 0) {
            throw new IllegalArgumentException("Write only label matchers, e.g. alertname=\"HostCpuHigh\", region=\"eu-west-1\"");
        }
        return vs.matchers();
    }

    private void updatePreview() {
        if (previewing != null) {
            previewing.cancel();
        }
                List<Matcher> parsed;
        try {
            parsed = parseMatchers(matchers.get());
        } catch (IllegalArgumentException e) {
            problem.set(e.getMessage());
            preview.clear();
            previewText.set("Matches nothing yet");
            return;
        }
        problem.set("");
        if (alerting.isEmpty()) {
            return;
        }
        long now = clock.millis();
        Silence probe = new Silence("preview", parsed, now, now + 1, "preview", "", null);
        previewing = executor.execute(BackgroundTask.wrap("Preview a silence",
                () -> alerting.get().pipeline().preview(probe)).onSuccess(this::showPreview)
                .onFailure(e -> problem.set("Could not preview: " + e.getMessage())));
    }

    private void showPreview(List<Alert> matched) {
        List<String> lines = new ArrayList<>();
        for (Alert a : matched) {
            lines.add(describe(a.labels()) + " · " + a.state().name().toLowerCase(java.util.Locale.ROOT));
        }
        preview.setAll(lines);
        previewText.set(matched.isEmpty() ? "Matches no alert now (it will mute alerts that match later)"
                : "Will mute " + AlertQueueViewModel.alerts(matched.size()) + " now:");
    }

    private static String describe(Labels l) {
        Labels rest = l.without("alertname").without("severity");
        return l.get("alertname") + " " + rest;
    }

    /** Saves the silence, starting now; says what is missing instead when something is. */
    public void save() {
        List<Matcher> parsed;
        Duration d;
        try {
            parsed = parseMatchers(matchers.get());
            d = Durations.parse(duration.get());
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException("A silence must last longer than zero");
            }
        } catch (IllegalArgumentException e) {
            problem.set(e.getMessage());
            return;
        }
        String who = author.get() == null ? "" : author.get().strip();
        String why = reason.get() == null ? "" : reason.get().strip();
        if (why.isEmpty() || who.isEmpty()) {
            problem.set(why.isEmpty() ? "Say why: a silence needs a reason, so the next person on call knows."
                    : "A silence needs an author: type your name as owner.");
            return;
        }
        if (alerting.isEmpty()) {
            return;
        }
        executor.execute(BackgroundTask.wrap("Save a silence", () -> {
            long now = clock.millis();
            Silence s = new Silence("silence-" + UUID.randomUUID(), parsed, now, now + d.toMillis(), who, why, null);
            alerting.get().pipeline().silence(s, now);
            return s;
        }).onSuccess(s -> {
            problem.set("");
            saved.set("Silenced " + AlertQueueViewModel.alerts(preview.size()) + " until "
                    + AlertTimes.at(s.endMs(), clock.millis(), context.zone().getValue(), context.zoneName().getValue())
                    + ": " + s.reason());
            afterSave.run();
        }).onFailure(e -> problem.set("Could not save the silence: " + e.getMessage())));
    }

    public StringProperty matchersProperty() {
        return matchers;
    }

    /** How long, as written: 30m, 2h, 1d. */
    public StringProperty durationProperty() {
        return duration;
    }

    public StringProperty reasonProperty() {
        return reason;
    }

    /** What stops the silence from being saved; "" when nothing does. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** "Will mute 3 alerts now:", above {@link #preview()}. */
    public ReadOnlyStringProperty previewTextProperty() {
        return previewText.getReadOnlyProperty();
    }

    /** One line per alert the silence would mute now. */
    public ObservableList<String> preview() {
        return preview;
    }

    /** What the last save did, for people; "" before. */
    public ReadOnlyStringProperty savedProperty() {
        return saved.getReadOnlyProperty();
    }
}
