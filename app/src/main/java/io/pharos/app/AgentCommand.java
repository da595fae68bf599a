package io.pharos.app;

import io.pharos.engine.alerting.notify.NotificationConfig;
import io.pharos.engine.incident.AutomatedResponses;
import io.pharos.engine.rules.LoadedRules;
import io.pharos.engine.PharosEngine;
import io.pharos.client.scrape.ScrapeSource;
import io.pharos.engine.agent.AgentData;
import io.pharos.engine.agent.AgentOptions;
import io.pharos.engine.agent.AgentServer;
import io.pharos.engine.agent.AgentTls;
import io.pharos.engine.agent.BearerToken;
import io.pharos.engine.agent.SampleFeed;
import io.pharos.engine.host.LocalHostSource;
import io.pharos.engine.ingest.LabelledSource;
import io.pharos.engine.ingest.Source;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the engine headless on a host and serves its data to consoles (docs/agent.md). */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = {
            "Runs Pharos as an agent: reads this host's metrics into its own store and serves them over HTTP",
            "(JSON, a stream of new samples, /metrics for Prometheus) to consoles that hold its token.",
        })
final class AgentCommand implements Callable<Integer> {
    /** An agent's alerts go nowhere unless told: consoles read them from its API. */
    private static final NotificationConfig NO_NOTIFICATIONS = new NotificationConfig(java.util.List.of(),
            java.util.List.of(), java.util.List.of(), null, "");
    /** Samples the feed keeps for streams that lag: minutes of a busy agent, about 40 MB at most. */
    private static final long FEED_SAMPLES = 1_000_000;

    @CommandLine.ParentCommand
    PharosCommand parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:9470",
            description = "Where to listen (default: ${DEFAULT-VALUE}; 0.0.0.0:9470 for every interface).")
    String listen;

    @Option(names = "--token-file", paramLabel = "FILE", required = true,
            description = "A file holding the secret consoles must send (16 characters at least), readable by this"
                    + " user only. Make one: head -c 32 /dev/urandom | base64 > agent.token; chmod 600 agent.token")
    Path tokenFile;

    @Option(names = "--tls-keystore", paramLabel = "FILE",
            description = "Serve HTTPS with the key and certificate of this PKCS#12 key store.")
    Path tlsKeyStore;

    @Option(names = "--tls-password-file", paramLabel = "FILE",
            description = "The key store's password, in a file (with --tls-keystore).")
    Path tlsPasswordFile;

    @Option(names = "--name", paramLabel = "NAME", description = "The agent's name (default: this host's name).")
    String name;

    @Option(names = "--label", paramLabel = "NAME=VALUE",
            description = "A label for every series of this agent, e.g. --label region=eu-west-1 --label"
                    + " provider=aws --label service=checkout. A label a series has keeps its value.")
    Map<String, String> labels = new LinkedHashMap<>();

    @Option(names = "--interval", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How often this host's metrics are read (default: ${DEFAULT-VALUE}).")
    Duration interval = Duration.ofSeconds(5);

    @Option(names = "--no-host-metrics", description = "Do not read this host's metrics (scrape exporters only).")
    boolean noHostMetrics;

    @Option(names = "--scrape", paramLabel = "JOB=URL",
            description = "A local Prometheus exporter to scrape, e.g. --scrape node=http://127.0.0.1:9100/metrics"
                    + " (repeat for several); its series get the agent's labels and job=JOB.")
    Map<String, String> scrapes = new LinkedHashMap<>();

    @Option(names = "--rules", paramLabel = "FILE",
            description = {"Alerting rule files (Prometheus format; repeat for several) this agent evaluates over its own"
                + " data: its alerts and incidents are then served (/alerts, /incidents). Without, it evaluates none."})
    java.util.List<Path> rules;

    @Option(names = "--notifications", paramLabel = "FILE",
            description = "Where the agent's own alerts are notified (with --rules; docs/alerting.md). Default: nowhere,"
                    + " consoles read them.")
    Path notifications;

    @Option(names = "--scrape-interval", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How often the exporters are scraped (default: ${DEFAULT-VALUE}).")
    Duration scrapeInterval = Duration.ofSeconds(15);

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        BearerToken token = readToken(err);
        AgentOptions options = AgentOptions.of(address(), token, agentName(), labels);
        // The JDK's server reads these once, at its first use: connections at most, seconds to receive a
        // request, headers and their bytes. Its defaults let a client that never finishes a request, or
        // thousands of them, hold connections before any gate of ours sees a request.
        System.getProperties().putIfAbsent("jdk.httpserver.maxConnections", "256");
        System.getProperties().putIfAbsent("sun.net.httpserver.maxReqTime", "10");
        System.getProperties().putIfAbsent("sun.net.httpserver.maxReqHeaders", "64");
        System.getProperties().putIfAbsent("sun.net.httpserver.maxReqHeaderSize", "16384");
        if (tlsKeyStore != null) {
            options = options.withTls(tls());
        } else if (tlsPasswordFile != null) {
            throw new UserFacingException("--tls-password-file goes with --tls-keystore, which is missing.");
        } else if (!options.listen().getAddress().isLoopbackAddress()) {
            err.println("pharos agent: warning: listening on " + listen + " without TLS: the token and the data cross"
                    + " the network in clear text. Give --tls-keystore, or listen on 127.0.0.1 behind a TLS proxy.");
        }
        // The console's own store is not the agent's: both may run on one machine.
        LabelledSource host = labelled(new LocalHostSource(interval, Clock.systemUTC(), Duration.ZERO),
                options.labels());
        java.util.List<Source> exporters = new java.util.ArrayList<>();
        for (var e : scrapes.entrySet()) {
            okhttp3.HttpUrl url = okhttp3.HttpUrl.parse(e.getValue());
            if (url == null || scrapeInterval.isNegative() || scrapeInterval.isZero()) {
                throw new UserFacingException("--scrape " + e.getKey() + "=" + e.getValue() + ": the address must be"
                        + " http:// or https://, e.g. http://127.0.0.1:9100/metrics, and the interval positive.");
            }
            exporters.add(new LabelledSource(new ScrapeSource(e.getKey(), url, scrapeInterval, scrapeInterval,
                    Map.of(), Clock.systemUTC()), options.labels()));
        }
        Path dataDir = parent.dataDir.equals(DataDirectory.defaultForThisUser())
                ? parent.dataDir.resolve("agent") : parent.dataDir;
        CountDownLatch stopRequested = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            stopRequested.countDown();
            try {
                // the main thread closes the server and the store; the process ends when it is done
                // longer than the store's own close may take (it waits up to 30 s for a compaction running)
                closed.await(Duration.ofSeconds(60).toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        try (PharosEngine engine = PharosEngine.open(dataDir, parent.storeOptions())) {
            SampleFeed feed = new SampleFeed(FEED_SAMPLES);
            engine.ingest().addCommitListener(feed);
            if (!noHostMetrics) {
                engine.start(host);
            }
            exporters.forEach(engine::start);
            if (rules != null && !rules.isEmpty()) {
                LoadedRules loaded = RuleFiles.load(rules);
                loaded.problems().forEach(p -> err.println("pharos agent: warning: " + p + " (rule left out)"));
                engine.startAlerting(loaded, notifications == null ? NO_NOTIFICATIONS
                        : RuleFiles.notifications(notifications), AutomatedResponses.none());
            } else if (notifications != null) {
                throw new UserFacingException("--notifications goes with --rules: without rules there is nothing to"
                        + " notify.");
            }
            AgentServer server;
            try {
                server = AgentServer.start(options, new AgentData(engine.store(), feed, engine::status,
                        Clock.systemUTC(), VersionProvider.version(), engine::alerting));
            } catch (BindException e) {
                throw new UserFacingException("Cannot listen on " + listen + ": " + e.getMessage()
                        + ". Is another agent running there? Choose another port with --listen.");
            }
            try (server) {
                InetSocketAddress bound = server.address();
                spec.commandLine().getOut().printf("Pharos agent %s listening on %s://%s:%d, data in %s%n",
                        options.name(), options.tls() == null ? "http" : "https", bound.getHostString(),
                        bound.getPort(), dataDir);
                spec.commandLine().getOut().flush();
                stopRequested.await();
            }
        } finally {
            closed.countDown();
        }
        return 0;
    }

    private static LabelledSource labelled(LocalHostSource source, Map<String, String> labels) {
        try {
            return new LabelledSource(source, labels);
        } catch (IllegalArgumentException e) {
            throw new UserFacingException("--label: " + e.getMessage() + " (a name is letters, digits and _, not"
                    + " starting with a digit).");
        }
    }

    private InetSocketAddress address() {
        int colon = listen.lastIndexOf(':');
        if (colon <= 0 || colon == listen.length() - 1) {
            throw new UserFacingException("--listen wants HOST:PORT, e.g. 127.0.0.1:9470, got '" + listen + "'.");
        }
        String host = listen.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(listen.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65_535) {
            throw new UserFacingException("--listen: the port must be a number from 0 to 65535, got '"
                    + listen.substring(colon + 1) + "'.");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new UserFacingException("--listen: this machine does not know the address '" + host + "'.");
        }
    }

    private BearerToken readToken(PrintWriter err) {
        String secret = readSecret(tokenFile, "--token-file");
        try {
            if (!Files.getPosixFilePermissions(tokenFile).stream().noneMatch(OTHERS::contains)) {
                err.println("pharos agent: warning: " + tokenFile + " can be read by other users of this machine;"
                        + " chmod 600 it.");
            }
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: nothing to check
        }
        try {
            return BearerToken.of(secret);
        } catch (IllegalArgumentException e) {
            throw new UserFacingException("--token-file " + tokenFile + ": " + e.getMessage());
        }
    }

    private static final Set<PosixFilePermission> OTHERS = Set.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.OTHERS_READ);

    private SSLContext tls() {
        if (tlsPasswordFile == null) {
            throw new UserFacingException("--tls-keystore needs --tls-password-file, the file of its password.");
        }
        char[] password = readSecret(tlsPasswordFile, "--tls-password-file").strip().toCharArray();
        try {
            return AgentTls.serverContext(tlsKeyStore, password);
        } catch (IllegalArgumentException e) {
            throw new UserFacingException(e.getMessage());
        }
    }

    private static String readSecret(Path file, String option) {
        try {
            if (Files.size(file) > 4096) {
                throw new UserFacingException(option + " " + file + " is larger than a secret (4 KiB at most).");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UserFacingException(option + ": " + file + " does not exist.");
        } catch (IOException e) {
            throw new UserFacingException(option + ": " + file + " cannot be read: " + e.getMessage());
        }
    }

    private String agentName() {
        if (name != null && !name.isBlank()) {
            return name;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "agent";
        }
    }
}
