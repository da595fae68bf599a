package io.pharos.app;

import io.pharos.client.SourcesFile;
import io.pharos.client.agent.AgentEndpoint;
import io.pharos.client.prometheus.PrometheusSource;
import io.pharos.engine.pipeline.AlertingRuntime;
import io.pharos.engine.pipeline.ReceivedAlerts;
import io.pharos.client.scrape.ScrapeSource;
import io.pharos.client.agent.AgentSource;
import io.pharos.client.StoreNewestSamples;
import io.pharos.engine.PharosEngine;
import io.pharos.engine.fleet.ReferenceFleet;
import io.pharos.engine.fleet.ReferenceFleetSource;
import io.pharos.engine.host.LocalHostSource;
import io.pharos.engine.incident.AutomatedResponses;
import io.pharos.engine.model.Matcher;
import io.pharos.views.status.ChartChoice;
import java.time.Clock;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import javafx.application.Platform;

/** Opens the console: the engine with its default sources, then the window. Wiring only. */
final class ConsoleLauncher {
    /** Seed of the reference fleet the console runs, so every console shows the same simulation. */
    static final long FLEET_SEED = 42;
    /**
     * Forecasts learn two days of history when alerting starts, seconds of CPU: on a small machine
     * that would double the time to the first figures, so they wait until the window is up.
     */
    static final java.time.Duration FORECAST_WARMUP_DELAY = java.time.Duration.ofSeconds(20);

    /**
     * This machine's first reading (OSHI walks /proc, udev and the network interfaces first: 0.1-0.2 s
     * of CPU) waits until the window is up: on two cores it delayed JavaFX's start by as much.
     */
    static final java.time.Duration HOST_FIRST_READ_DELAY = java.time.Duration.ofSeconds(5);

    /** The engine status screen's charts of the simulated fleet: live, or in a snapshot of it. */
    static final List<ChartChoice> FLEET_CHARTS = List.of(
            new ChartChoice("Reference fleet — requests/s, us-east-1",
                    List.of(Matcher.metric("region_requests_per_second"), Matcher.eq("region", "us-east-1"))),
            new ChartChoice("Reference fleet — CPU of eu-west-1 hosts (average)",
                    List.of(Matcher.metric("node_cpu_utilization_ratio"), Matcher.eq("region", "eu-west-1"))));

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ConsoleLauncher.class);

    private ConsoleLauncher() {
    }

    static int launch(PharosCommand.ConsoleOptions options, FxToolkit toolkit) throws InterruptedException {
        requireDisplay();
        long jvmStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        StringBuilder steps = new StringBuilder("Start, in ms after the JVM's: command line ")
                .append(System.currentTimeMillis() - jvmStart);
        PharosEngine engine = PharosEngine.open(options.dataDir(), options.store());
        steps.append(", store open ").append(System.currentTimeMillis() - jvmStart);
        Thread closer = new Thread(engine::close, "pharos-shutdown");
        Runtime.getRuntime().addShutdownHook(closer);
        List<ChartChoice> choices = new ArrayList<>();
        ReferenceFleet fleet = null;
        if (options.fleet()) {
            fleet = new ReferenceFleet(FLEET_SEED);
            if (options.scenario() != null) {
                fleet.injectAll(Scenarios.load(options.scenario(), java.time.Instant.now()));
            }
            engine.start(new ReferenceFleetSource(fleet, options.fleetInterval(), InstantSource.system()));
            choices.addAll(FLEET_CHARTS);
        }
        if (options.hostMetrics()) {
            engine.start(new LocalHostSource(options.hostInterval(), Clock.systemUTC(), HOST_FIRST_READ_DELAY));
            choices.add(new ChartChoice("This machine — CPU utilisation",
                    List.of(Matcher.metric("node_cpu_utilization_ratio"), Matcher.eq("source", "local"),
                            Matcher.eq(AgentSource.INSTANCE_LABEL, "")) /* not an agent's host */));
        }
        ReceivedAlerts received = null;
        if (options.rules() != null) {
            options.rules().problems().forEach(p -> System.err.println("pharos: warning: " + p + " (rule left out)"));
            AlertingRuntime alerting = engine.openAlerting(options.rules(), options.notifications(),
                    new AutomatedResponses(options.responses(), fleet));
            alerting.start(FORECAST_WARMUP_DELAY);
            received = alerting.received();
        }
        LiveSources live;
        try {
            live = LiveSources.start(engine, options.sourcesFile(), received);
        } catch (io.pharos.engine.config.ConfigException e) {
            engine.close();
            throw new UserFacingException(e.getMessage());
        }
        steps.append(", sources and alerting ").append(System.currentTimeMillis() - jvmStart);
        CountDownLatch closed = new CountDownLatch(1);
        ReferenceFleet simulated = fleet;
        ConsoleWindow.Setup setup = new ConsoleWindow.Setup(engine, simulated, choices, options.dataDir(),
                Clock.systemUTC(), java.time.ZoneId.systemDefault(), live);
        toolkit.run(() -> {
            steps.append(", JavaFX started ").append(System.currentTimeMillis() - jvmStart);
            ConsoleWindow.show(setup, new javafx.stage.Stage(), closed::countDown);
            steps.append(", window built ").append(System.currentTimeMillis() - jvmStart);
            Platform.runLater(() -> LOG.info("{}, window up {}", steps, System.currentTimeMillis() - jvmStart));
        });
        closed.await();
        Platform.exit();
        live.close();
        engine.close();
        Runtime.getRuntime().removeShutdownHook(closer);
        return 0;
    }

    /** On Linux without a display JavaFX fails deep inside GTK; say it plainly instead. */
    static void requireDisplay() {
        if (!FxToolkit.hasDisplay()) {
            throw new UserFacingException("No display to open the console on (DISPLAY is not set). Run Pharos in a"
                    + " desktop session, or under a virtual display: xvfb-run -a ./pharos. The command-line tools work"
                    + " without one: ./pharos --help.");
        }
    }
}
