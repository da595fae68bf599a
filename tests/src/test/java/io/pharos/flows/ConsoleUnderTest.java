package io.pharos.flows;

import io.pharos.app.ConsoleWindow;
import io.pharos.engine.PharosEngine;
import io.pharos.engine.alerting.notify.NotificationConfig;
import io.pharos.engine.alerting.notify.Receiver;
import io.pharos.engine.fleet.FleetHistoryGenerator;
import io.pharos.engine.fleet.FleetRegion;
import io.pharos.engine.fleet.FleetService;
import io.pharos.engine.fleet.HistoryProgress;
import io.pharos.engine.fleet.ReferenceFleet;
import io.pharos.engine.fleet.Scenario;
import io.pharos.engine.incident.AutomatedResponses;
import io.pharos.engine.incident.ResponseConfig;
import io.pharos.engine.pipeline.AlertingRuntime;
import io.pharos.engine.rules.DefaultRules;
import io.pharos.engine.store.HistoryWriter;
import io.pharos.engine.store.StoreOptions;
import io.pharos.views.shell.ConsolePreferences;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The console as a user opens it, in a window of JavaFX's headless platform: the real engine on a
 * temporary data directory, the default rules, automated responses on the simulated fleet. Its
 * history is three hours of a small simulated fleet (20 hosts a region) in which eu-west-1 fails
 * and checkout slows down in ap-northeast-1 half an hour before {@link #END}; alerting ran through
 * the last twenty minutes of it, so the queue holds what an engineer on call would find. The clock
 * then stays at {@link #END}: what the screens show does not depend on when the test runs.
 */
final class ConsoleUnderTest implements AutoCloseable {
    /** A Wednesday afternoon, a normal working day for the simulated fleet. */
    static final Instant END = Instant.parse("2026-03-04T16:00:00Z");
    static final Instant TROUBLE = END.minus(Duration.ofMinutes(30));

    final Path dataDir;
    final SettableClock clock = new SettableClock(END);
    final ReferenceFleet fleet = new ReferenceFleet(7, 20);
    final PharosEngine engine;
    final AlertingRuntime alerting;
    private Stage stage;

    ConsoleUnderTest(Path dataDir) throws InterruptedException {
        this.dataDir = dataDir;
        fleet.inject(Scenario.regionOutage(FleetRegion.EU_WEST_1, TROUBLE, Duration.ofHours(2)).withMagnitude(0.6));
        fleet.inject(Scenario.latencyDegradation(FleetRegion.AP_NORTHEAST_1, FleetService.CHECKOUT, TROUBLE,
                Duration.ofHours(2)).withMagnitude(3));
        engine = PharosEngine.open(dataDir, StoreOptions.defaults().withClock(clock)
                .withRetention(Duration.ofDays(36_500), Duration.ofDays(36_500)));
        try (HistoryWriter w = engine.store().historyWriter()) {
            new FleetHistoryGenerator(fleet, Duration.ofSeconds(15), Duration.ofHours(2), 1)
                    .generate(END.minus(Duration.ofHours(3)), END, w, HistoryProgress.NONE);
        }
        alerting = engine.openAlerting(DefaultRules.load(),
                NotificationConfig.simple(List.of(new Receiver.Desktop("desktop"))),
                new AutomatedResponses(ResponseConfig.defaults(), fleet));
        for (Instant t = TROUBLE.plus(Duration.ofMinutes(10)); !t.isAfter(END); t = t.plusSeconds(15)) {
            clock.set(t);
            alerting.pass(t.toEpochMilli());
        }
    }

    /** Opens the console's window as the launcher does, and waits until it is on screen. */
    ConsoleUnderTest open() throws Exception {
        // Where the window was left last time: on the headless platform's 1000x1000 screen, whole,
        // so that the robot's pointer reaches every part of it.
        ConsolePreferences.defaults().withWindow(new ConsolePreferences.Window(0, 0, 1000, 760, false)).save(dataDir);
        stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupFixture(() -> ConsoleWindow.show(new ConsoleWindow.Setup(engine, fleet, List.of(), dataDir, clock,
                ZoneOffset.UTC, null), stage, () -> { }));
        WaitForAsyncUtils.waitForFxEvents();
        return this;
    }

    /** Runs {@code read} on the FX thread, where the nodes live, and returns its result. */
    static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }

    /**
     * Waits (30 s at most) until {@code condition} holds; it reads the window through {@link #text}
     * and the like. Screens load in the background, as they do for the user.
     */
    static void await(String what, Check condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, condition::holds);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("waited 30 s for " + what, e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    @FunctionalInterface
    interface Check {
        boolean holds() throws Exception;
    }

    /** The text of the labelled node {@code #id} in the console, or null when it is not there. */
    String text(String id) throws Exception {
        return fx(() -> {
            Node n = stage.getScene().lookup("#" + id);
            return n instanceof Labeled l ? l.getText() : null;
        });
    }

    Node lookup(String id) throws Exception {
        return fx(() -> stage.getScene().lookup("#" + id));
    }

    Node focused() throws Exception {
        return fx(() -> stage.getScene().getFocusOwner());
    }

    @Override
    public void close() throws Exception {
        if (stage != null) {
            FxToolkit.setupFixture(() -> stage.hide());
            WaitForAsyncUtils.waitForFxEvents();
        }
        engine.close();
    }
}
