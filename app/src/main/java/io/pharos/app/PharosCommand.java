package io.pharos.app;

import io.pharos.client.SourcesFile;
import io.pharos.engine.config.ConfigException;
import io.pharos.engine.store.StoreException;
import io.pharos.engine.store.StoreOptions;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** The command line. Without a subcommand it opens the console on the embedded engine. */
@Command(name = "pharos", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
            "Pharos, an operations console with an embedded monitoring engine.",
            "Without a command: opens the console on this machine's metrics and the simulated reference fleet.",
        })
public final class PharosCommand implements Callable<Integer> {
    /**
     * The subcommands, added by {@link #commandLine()}: picocli reads every command's annotations when
     * it is added, a quarter of a second at each start, which the console's own start does without.
     */
    private static final List<Class<?>> SUBCOMMANDS = List.of(GenerateCommand.class, ImportCommand.class,
            RulesCommand.class, BacktestCommand.class, CapacityCommand.class, ResponsesCommand.class, SnapshotCommand.class,
            OpenCommand.class, AgentCommand.class, CommandLine.HelpCommand.class);

    /** Where the console's window goes; not an option. */
    private final FxToolkit toolkit;

    PharosCommand(FxToolkit toolkit) {
        this.toolkit = toolkit;
    }

    FxToolkit toolkit() {
        return toolkit;
    }

    @Option(names = "--data-dir", paramLabel = "DIR", scope = CommandLine.ScopeType.INHERIT,
            description = "Where the store lives (default: ${DEFAULT-VALUE}).")
    Path dataDir = DataDirectory.defaultForThisUser();

    @Option(names = "--raw-retention", paramLabel = "DURATION", converter = DurationConverter.class,
            scope = CommandLine.ScopeType.INHERIT,
            description = "How long raw samples are kept (default: ${DEFAULT-VALUE}).")
    Duration rawRetention = StoreOptions.defaults().rawRetention();

    @Option(names = "--rollup-retention", paramLabel = "DURATION", converter = DurationConverter.class,
            scope = CommandLine.ScopeType.INHERIT,
            description = "How long per-minute rollups are kept (default: ${DEFAULT-VALUE}).")
    Duration rollupRetention = StoreOptions.defaults().rollupRetention();

    @Option(names = "--no-fleet", description = "Do not run the simulated reference fleet.")
    boolean noFleet;

    @Option(names = "--fleet-interval", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How often the simulated fleet reports in real time (default: ${DEFAULT-VALUE}; "
                    + "1s is the full reference load of 24,000 samples/s).")
    Duration fleetInterval = Duration.ofSeconds(10);

    @Option(names = "--scenario", paramLabel = "FILE",
            description = "A YAML file of scenarios for the live simulated fleet (times like +10m count from now).")
    Path scenario;

    @Option(names = "--host-interval", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How often this machine's metrics are read (default: ${DEFAULT-VALUE}).")
    Duration hostInterval = Duration.ofSeconds(5);

    @Option(names = "--rules", paramLabel = "FILE",
            description = "Alerting rule files (Prometheus format; repeat for several). Default: the default rules.")
    java.util.List<Path> rules = new java.util.ArrayList<>();

    @Option(names = "--notifications", paramLabel = "FILE",
            description = "Notification receivers, routes and escalation (docs/alerting.md). Default: desktop only.")
    Path notifications;

    @Option(names = "--responses", paramLabel = "FILE",
            description = "Automated responses of incidents: the command that acts on real systems, the policy's"
                    + " limits, metric queries (docs/incidents.md). Default: act on the simulated fleet when it runs.")
    Path responses;

    @Option(names = "--sources", paramLabel = "FILE",
            description = "Live sources: agents, exporters, Prometheus servers, Alertmanager's webhook"
                    + " (docs/sources.md). Default: sources.yaml in the data directory, when there is one.")
    Path sources;

    @Option(names = "--no-alerting", description = "Do not evaluate alerting rules.")
    boolean noAlerting;

    @Option(names = "--no-host-metrics", description = "Do not read this machine's metrics.")
    boolean noHostMetrics;

    /** The whole command line, every subcommand included. */
    public static CommandLine commandLine() {
        return commandLine(FxToolkit.onDemand());
    }

    /** The whole command line; {@code open}'s windows go on {@code toolkit}, begun early for it. */
    static CommandLine commandLine(FxToolkit toolkit) {
        CommandLine cl = consoleOnly(toolkit);
        for (Class<?> sub : SUBCOMMANDS) {
            cl.addSubcommand(sub);
        }
        return cl;
    }

    /**
     * Runs the arguments: a plain console start (options only, no help) is parsed without the
     * subcommands; anything else, an error included, by the whole command line, so that help lists
     * every command and a mistyped one gets its suggestion.
     */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        return execute(out, err, FxToolkit.onDemand(), args);
    }

    /** As {@link #execute(PrintWriter, PrintWriter, String...)}, the console on the given toolkit. */
    static int execute(PrintWriter out, PrintWriter err, FxToolkit toolkit, String... args) {
        CommandLine console = writingTo(consoleOnly(toolkit), out, err);
        try {
            CommandLine.ParseResult parsed = console.parseArgs(args);
            if (!parsed.isUsageHelpRequested() && !parsed.isVersionHelpRequested()) {
                return console.execute(args);
            }
        } catch (CommandLine.ParameterException notForTheConsole) {
            // a subcommand, or a mistake: the whole command line says which
        }
        return writingTo(commandLine(toolkit), out, err).execute(args);
    }

    private static CommandLine writingTo(CommandLine cl, PrintWriter out, PrintWriter err) {
        cl.setOut(out);
        cl.setErr(err);
        return cl;
    }

    private static CommandLine consoleOnly(FxToolkit toolkit) {
        CommandLine cl = new CommandLine(new PharosCommand(toolkit));
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof StoreException || e instanceof UserFacingException
                    || e instanceof io.pharos.engine.store.SnapshotFileException) {
                commandLine.getErr().println("pharos: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cl;
    }

    /** Store settings from the command line, shared by every command. */
    StoreOptions storeOptions() {
        if (rawRetention.isNegative() || rawRetention.isZero() || rollupRetention.compareTo(rawRetention) < 0) {
            throw new UserFacingException("Retention must be positive, and rollups kept at least as long as raw samples"
                    + " (got --raw-retention " + rawRetention + ", --rollup-retention " + rollupRetention + ").");
        }
        return StoreOptions.defaults().withRetention(rawRetention, rollupRetention);
    }

    @Override
    public Integer call() throws Exception {
        if (noAlerting && responses != null) {
            throw new UserFacingException("--responses needs alerting: automated responses act on incidents, which"
                    + " alerting keeps. Leave out --no-alerting, or --responses.");
        }
        ConsoleOptions options = new ConsoleOptions(dataDir, storeOptions(), !noFleet, fleetInterval, scenario,
                !noHostMetrics, hostInterval, noAlerting ? null : RuleFiles.load(rules),
                noAlerting ? null : RuleFiles.notifications(notifications), RuleFiles.responses(responses),
                liveSources());
        return ConsoleLauncher.launch(options, toolkit);
    }

    /**
     * The file of the live sources: --sources, or the data directory's sources.yaml (which the console
     * creates when a source is added); checked here, so that a mistake in it stops the start with its place.
     */
    Path liveSources() {
        Path file = sources != null ? sources : dataDir.resolve("sources.yaml");
        if (sources != null || Files.exists(file)) {
            try {
                SourcesFile.read(file);
            } catch (ConfigException e) {
                throw new UserFacingException(e.getMessage());
            }
        }
        return file;
    }

    /** What the console starts with. */
    record ConsoleOptions(Path dataDir, StoreOptions store, boolean fleet, Duration fleetInterval, Path scenario,
                          boolean hostMetrics, Duration hostInterval,
                          io.pharos.engine.rules.LoadedRules rules,
                          io.pharos.engine.alerting.notify.NotificationConfig notifications,
                          io.pharos.engine.incident.ResponseConfig responses,
                          Path sourcesFile) {
    }
}
