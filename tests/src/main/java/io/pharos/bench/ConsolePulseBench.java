package io.pharos.bench;

import io.pharos.app.ConsoleWindow;
import io.pharos.engine.PharosEngine;
import io.pharos.engine.alerting.notify.NotificationConfig;
import io.pharos.engine.alerting.notify.Receiver;
import io.pharos.engine.fleet.FleetRegion;
import io.pharos.engine.fleet.ReferenceFleet;
import io.pharos.engine.fleet.ReferenceFleetSource;
import io.pharos.engine.fleet.Scenario;
import io.pharos.engine.incident.AutomatedResponses;
import io.pharos.engine.incident.ResponseConfig;
import io.pharos.engine.rules.DefaultRules;
import io.pharos.engine.store.StoreOptions;
import io.pharos.views.shell.ConsolePreferences;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;

/**
 * How long the FX thread works per frame while the console shows the reference fleet live: 1,200
 * hosts reporting every second (eu-west-1 failing, so alerts and an incident exist), the default
 * rules evaluated, each screen shown in turn for {@code --seconds} after {@code --warmup}.
 *
 * Per pulse it measures the FX thread's time from the start of the pulse's animation phase (an
 * AnimationTimer, which also keeps pulses coming at 60 Hz) to the end of the scene's CSS and layout
 * pass (a post-layout pulse listener); and the interval between pulses, which grows past 16.7 ms
 * whenever the FX thread was busy elsewhere (the screens' hand-offs of data run between pulses).
 * Run it under a display (xvfb-run) for real rendering.
 *
 * Usage: ConsolePulseBench [--seconds 60] [--warmup 30] [--hosts 200] [--screens 5 (the first N of the navigation)]
 */
public final class ConsolePulseBench {
    private static final String[] SCREENS = {"Executive", "Regions", "Alert queue", "Incidents", "Engine status"};

    private ConsolePulseBench() {
    }

    public static void main(String[] args) throws Exception {
        long seconds = BenchSupport.arg(args, "seconds", 60);
        long warmup = BenchSupport.arg(args, "warmup", 30);
        int hosts = (int) BenchSupport.arg(args, "hosts", ReferenceFleet.DEFAULT_HOSTS_PER_REGION);
        int screens = (int) Math.min(SCREENS.length, BenchSupport.arg(args, "screens", SCREENS.length));
        Path dir = BenchSupport.tempDir("pharos-pulse-");
        ReferenceFleet fleet = new ReferenceFleet(42, hosts);
        fleet.inject(Scenario.regionOutage(FleetRegion.EU_WEST_1, Instant.now(), Duration.ofHours(2)).withMagnitude(0.6));
        PharosEngine engine = PharosEngine.open(dir, StoreOptions.defaults());
        engine.start(new ReferenceFleetSource(fleet, Duration.ofSeconds(1), InstantSource.system()));
        engine.startAlerting(DefaultRules.load(), NotificationConfig.simple(List.of(new Receiver.Desktop("desktop"))),
                new AutomatedResponses(ResponseConfig.defaults(), fleet));
        ConsolePreferences.defaults().save(dir);

        Meter meter = new Meter();
        Stage[] stage = new Stage[1];
        CountDownLatch shown = new CountDownLatch(1);
        Platform.startup(() -> {
            stage[0] = new Stage();
            ConsoleWindow.show(new ConsoleWindow.Setup(engine, fleet, List.of(), dir, Clock.systemUTC(),
                    ZoneOffset.UTC, null), stage[0], () -> { });
            meter.attach(stage[0].getScene());
            shown.countDown();
        });
        shown.await();
        System.out.printf(Locale.ROOT, "%d hosts every 1 s, default rules; %d s a screen after %d s of warm-up%n%n",
                hosts * FleetRegion.values().length, seconds, warmup);
        System.out.println("| Screen | Pulses | FX time per pulse, median | p99 | max | pulses over 16 ms |"
                + " intervals over 33 ms | longest interval |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (int s = 0; s < screens; s++) {
            int index = s;
            onFx(() -> ctrlDigit(stage[0].getScene(), index + 1));
            Thread.sleep(TimeUnit.SECONDS.toMillis(warmup));
            onFx(meter::reset);
            Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
            Meter.Result r = onFxGet(meter::result);
            System.out.printf(Locale.ROOT, "| %s | %d | %.2f ms | %.2f ms | %.1f ms | %d | %d | %.1f ms |%n",
                    SCREENS[s], r.pulses(), r.median(), r.p99(), r.max(), r.over16(), r.intervalsOver33(),
                    r.longestInterval());
        }
        onFx(() -> stage[0].hide());
        engine.close();
        Platform.exit();
        System.exit(0);
    }

    /** Ctrl+N, as the person at the keyboard switches screens. */
    private static void ctrlDigit(Scene scene, int n) {
        Node target = scene.getFocusOwner() != null ? scene.getFocusOwner() : scene.getRoot();
        KeyCode code = KeyCode.getKeyCode(Integer.toString(n));
        Event.fireEvent(target, new KeyEvent(KeyEvent.KEY_PRESSED, "", "", code, false, true, false, false));
    }

    private static void onFx(Runnable r) throws Exception {
        onFxGet(() -> {
            r.run();
            return null;
        });
    }

    private static <T> T onFxGet(java.util.function.Supplier<T> s) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(s.get());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f.get(30, TimeUnit.SECONDS);
    }

    /** Pulse work and pulse intervals, on the FX thread. */
    private static final class Meter {
        private final List<Double> work = new ArrayList<>();
        private final List<Double> intervals = new ArrayList<>();
        private long pulseStart = -1;
        private long lastPulse = -1;

        void attach(Scene scene) {
            new AnimationTimer() {
                @Override
                public void handle(long now) {
                    long t = System.nanoTime();
                    if (lastPulse >= 0) {
                        intervals.add((t - lastPulse) / 1e6);
                    }
                    lastPulse = t;
                    pulseStart = t;
                }
            }.start();
            scene.addPostLayoutPulseListener(() -> {
                if (pulseStart >= 0) {
                    work.add((System.nanoTime() - pulseStart) / 1e6);
                    pulseStart = -1;
                }
            });
        }

        void reset() {
            work.clear();
            intervals.clear();
        }

        record Result(int pulses, double median, double p99, double max, long over16, long intervalsOver33,
                      double longestInterval) {
        }

        Result result() {
            double[] w = work.stream().mapToDouble(Double::doubleValue).toArray();
            double[] iv = intervals.stream().mapToDouble(Double::doubleValue).toArray();
            return new Result(w.length, BenchSupport.percentile(w, w.length, 0.5),
                    BenchSupport.percentile(w, w.length, 0.99), BenchSupport.percentile(w, w.length, 1.0),
                    work.stream().filter(x -> x > 16).count(), intervals.stream().filter(x -> x > 33).count(),
                    BenchSupport.percentile(iv, iv.length, 1.0));
        }
    }
}
