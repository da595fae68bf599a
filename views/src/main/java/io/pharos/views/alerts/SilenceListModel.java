package io.pharos.views.alerts;

import io.pharos.engine.alerting.Silence;
import io.pharos.engine.model.Matcher;
import io.pharos.engine.pipeline.AlertingRuntime;
import io.pharos.views.common.BackgroundTask;
import io.pharos.views.common.TaskExecutor;
import io.pharos.views.shell.ShellContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The silences in force beside the queue: what each matches and mutes, who made it and why, when it
 * ends; and expiring one early. Read in the queue's own background read and applied in its one hand-off
 * ({@link AlertQueueViewModel#refresh()}), so the list and the queue always show the same moment.
 *
 * <p>Ended silences leave the list rather than stay in it muted: the list answers "what is silenced
 * now?", an ended silence mutes nothing, the message line names the one just expired, and the engine
 * keeps ended silences for history.
 */
public final class SilenceListModel {
    /** How many alerts a confirmation names before "and 3 more". */
    private static final int NAMED = 5;

    private final Optional<AlertingRuntime> alerting;
    private final TaskExecutor executor;
    private final Clock clock;
    private final ShellContext context;
    private final Consumer<String> message;
    private final Consumer<String> error;
    private final Runnable afterChange;
    private final ObservableList<SilenceRow> silences = FXCollections.observableArrayList();
    private final ObjectProperty<SilenceRow> selected = new SimpleObjectProperty<>();
    private final BooleanProperty shown = new SimpleBooleanProperty(false);

    /**
     * @param message where the outcome of a command goes (the queue's message line)
     * @param error where a failure goes (the queue's error line)
     * @param afterChange reads the queue again, after a silence was expired
     */
    SilenceListModel(Optional<AlertingRuntime> alerting, TaskExecutor executor, Clock clock, ShellContext context,
                     Consumer<String> message, Consumer<String> error, Runnable afterChange) {
        this.alerting = alerting;
        this.executor = executor;
        this.clock = clock;
        this.context = context;
        this.message = message;
        this.error = error;
        this.afterChange = afterChange;
    }

    /** A silence in force as read off the UI thread; its times are written on the UI thread, in the zone shown. */
    record Active(Silence silence, int mutes, List<String> unmutedByEnding) {
    }

    /** The silences that have not ended at {@code nowMs}, the soonest to end first, with the alerts each mutes. */
    static List<Active> read(List<Silence> all, List<AlertItem> items, long nowMs) {
        List<Silence> inForce = all.stream().filter(s -> s.endMs() > nowMs)
                .sorted(Comparator.comparingLong(Silence::endMs).thenComparingLong(Silence::startMs)).toList();
        List<AlertItem> live = items.stream().filter(i -> i.state() != QueueState.RESOLVED).toList();
        List<Active> out = new ArrayList<>(inForce.size());
        for (Silence s : inForce) {
            int mutes = 0;
            List<String> unmuted = new ArrayList<>();
            if (s.activeAt(nowMs)) {
                for (AlertItem i : live) {
                    if (!s.matches(i.labels())) {
                        continue;
                    }
                    mutes++;
                    // An alert another silence also matches stays quiet when this one ends. An inhibition may
                    // hold it too; the engine names only the first muter, so that is not told here.
                    boolean held = inForce.stream().anyMatch(o -> o != s && o.activeAt(nowMs) && o.matches(i.labels()));
                    if (!held) {
                        unmuted.add(describe(i));
                    }
                }
            }
            unmuted.sort(null);
            out.add(new Active(s, mutes, List.copyOf(unmuted)));
        }
        return List.copyOf(out);
    }

    /** "HostCpuHigh · eu-west-1 host=a (firing)". */
    private static String describe(AlertItem i) {
        return i.name() + (i.region().isEmpty() ? "" : " · " + i.region())
                + (i.instance().isEmpty() ? "" : " " + i.instance())
                + " (" + i.row().alert().alert().state().name().toLowerCase(Locale.ROOT) + ")";
    }

    /** Shows what {@link #read} found; leaves the list alone when nothing shown changed. */
    void apply(List<Active> read, long nowMs) {
        var zone = context.zone().getValue();
        String zoneName = context.zoneName().getValue();
        List<SilenceRow> rows = new ArrayList<>(read.size());
        for (Active a : read) {
            Silence s = a.silence();
            String start = AlertTimes.at(s.startMs(), nowMs, zone, zoneName);
            rows.add(new SilenceRow(s.id(), matchersText(s.matchers()), s.author(), s.reason(),
                    s.startMs() > nowMs ? "starts " + start : start,
                    "in " + AlertItem.age(s.endMs() - nowMs) + " · " + AlertTimes.at(s.endMs(), nowMs, zone, zoneName),
                    a.mutes(), a.unmutedByEnding()));
        }
        if (!rows.equals(silences)) {
            silences.setAll(rows);
        }
    }

    /** {@code service="checkout", region=~"eu-.*"}: as typed in the silence editor. */
    static String matchersText(List<Matcher> matchers) {
        return matchers.stream().map(Matcher::toString).collect(Collectors.joining(", "));
    }

    /** The question before expiring {@code row}: which silence, whose, why. */
    public String confirmation(SilenceRow row) {
        return "Expire the silence " + row.matchers() + " (" + row.author() + ": " + row.reason() + ") now?";
    }

    /** What expiring {@code row} does to the queue: the alerts that start notifying again, by name. */
    public String effect(SilenceRow row) {
        List<String> back = row.unmutedByEnding();
        if (back.isEmpty()) {
            return row.mutes() == 0 ? "It mutes no alert now: nothing starts notifying."
                    : "Another silence still mutes its alerts: nothing starts notifying.";
        }
        String named = String.join("; ", back.subList(0, Math.min(NAMED, back.size())));
        return AlertQueueViewModel.alerts(back.size()) + (back.size() == 1 ? " starts" : " start")
                + " notifying again: " + named
                + (back.size() > NAMED ? " and " + (back.size() - NAMED) + " more" : "");
    }

    /** Ends {@code row}'s silence now; the list and the queue are read again once the engine has it. */
    public void expire(SilenceRow row) {
        if (alerting.isEmpty() || row == null) {
            return;
        }
        AlertingRuntime runtime = alerting.get();
        executor.execute(BackgroundTask.wrap("Expire a silence",
                () -> runtime.pipeline().expireSilence(row.id(), clock.millis())).onSuccess(ended -> {
                    if (ended.isEmpty()) {
                        message.accept("That silence was gone already (expired elsewhere): the list is read again.");
                    } else {
                        message.accept("Expired the silence " + row.matchers() + " by " + row.author()
                                + (row.unmutedByEnding().isEmpty() ? ""
                                : ": " + AlertQueueViewModel.alerts(row.unmutedByEnding().size())
                                + (row.unmutedByEnding().size() == 1 ? " notifies" : " notify") + " again"));
                    }
                    afterChange.run();
                }).onFailure(e -> error.accept("Could not expire the silence: " + e.getMessage()
                        + ". It still mutes its alerts; try again.")));
    }

    /** Says that expiring needs a silence chosen in the list first. */
    void expireNothing() {
        message.accept(silences.isEmpty() ? "No active silences to expire."
                : "Choose a silence first: L shows the silences, arrows move, E expires the one chosen.");
    }

    /** The silences in force, the soonest to end first. */
    public ObservableList<SilenceRow> silences() {
        return silences;
    }

    /** The silence the commands act on; the view keeps it in step with the list's selection. */
    public ObjectProperty<SilenceRow> selectedProperty() {
        return selected;
    }

    /** Whether the list is shown beside the queue. */
    public BooleanProperty shownProperty() {
        return shown;
    }
}
