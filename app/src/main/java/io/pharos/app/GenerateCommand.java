package io.pharos.app;

import io.pharos.engine.fleet.FleetHistoryGenerator;
import io.pharos.engine.fleet.ReferenceFleet;
import io.pharos.engine.store.HistoryWriter;
import io.pharos.engine.store.TimeSeriesStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Fills the store with history of the simulated reference fleet. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {
            "Fills history from the simulated reference fleet (6 regions, 3 providers, 20 metrics per host),",
            "ending now or at --end. Every series carries source=\"simulated\". Running it again rewrites the same values.",
        })
final class GenerateCommand implements Callable<Integer> {
    @CommandLine.ParentCommand
    PharosCommand parent;

    @Option(names = "--days", paramLabel = "N", description = "Days of history (default: ${DEFAULT-VALUE}).")
    double days = 7;

    @Option(names = "--step", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Time between samples (default: ${DEFAULT-VALUE}).")
    Duration step = FleetHistoryGenerator.DEFAULT_STEP;

    @Option(names = "--hosts", paramLabel = "N", description = "Hosts per region (default: ${DEFAULT-VALUE}).")
    int hosts = ReferenceFleet.DEFAULT_HOSTS_PER_REGION;

    @Option(names = "--seed", description = "Seed of the simulation (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--scenario", paramLabel = "FILE",
            description = "A YAML file of scenarios (outage, surge, leak, latency, cost spike) to inject.")
    Path scenario;

    @Option(names = "--end", paramLabel = "INSTANT",
            description = "Last sample's time, ISO-8601 (2026-11-23T22:30:00Z); default: now.")
    Instant end;

    @Option(names = "--threads", description = "Threads computing values (default: ${DEFAULT-VALUE}).")
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (days <= 0 || hosts <= 0) {
            throw new UserFacingException("--days and --hosts must be positive");
        }
        Instant to = end != null ? end : Instant.now();
        Instant from = to.minusMillis((long) (days * 86_400_000L));
        ReferenceFleet fleet = new ReferenceFleet(seed, hosts);
        if (scenario != null) {
            fleet.injectAll(Scenarios.load(scenario, from));
        }
        FleetHistoryGenerator generator = new FleetHistoryGenerator(fleet, step, FleetHistoryGenerator.DEFAULT_BLOCK,
                threads);
        long total = generator.samplesBetween(from, to);
        long started;
        long written;
        double seconds;
        try (TimeSeriesStore store = TimeSeriesStore.open(parent.dataDir, parent.storeOptions())) {
            try (HistoryWriter writer = store.historyWriter()) {
                err.printf("Generating %,d simulated samples: %d series, %s to %s every %s, into %s%n", total,
                        fleet.size(), from, to, step, parent.dataDir);
                started = System.nanoTime();
                Progress progress = new Progress(err, started);
                written = generator.generate(from, to, writer, progress::update);
            }
            seconds = (System.nanoTime() - started) / 1e9;
            err.printf("%nDone: %,d samples in %.1f s (%,.0f samples/s).%n", written, seconds, written / seconds);
            DayRollupStep.run(store, err);
        }
        return 0;
    }

    /** Prints at most one progress line a second. */
    private static final class Progress {
        private final PrintWriter err;
        private final long started;
        private long lastPrint;

        Progress(PrintWriter err, long started) {
            this.err = err;
            this.started = started;
        }

        void update(long done, long total) {
            long now = System.nanoTime();
            if (now - lastPrint < 1_000_000_000L && done < total) {
                return;
            }
            lastPrint = now;
            double s = Math.max(1e-3, (now - started) / 1e9);
            err.printf("\r  %5.1f %%  %,d of %,d samples  %,.0f/s   ", total == 0 ? 100 : 100.0 * done / total, done,
                    total, done / s);
            err.flush();
        }
    }
}
