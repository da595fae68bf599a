package io.pharos.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.pharos.client.agent.AgentEndpoint;
import io.pharos.client.prometheus.LabelMapping;
import io.pharos.client.prometheus.PrometheusEndpoint;
import io.pharos.client.prometheus.PrometheusQuery;
import io.pharos.client.prometheus.PrometheusSource;
import io.pharos.engine.config.ConfigException;
import io.pharos.engine.config.YamlConfigReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import okhttp3.HttpUrl;

/**
 * The console's live sources, from a YAML file (docs/sources.md):
 * <pre>
 * agents:
 *   - name: web-1
 *     url: https://web-1.example:9470
 *     token-file: web-1.token        # relative to this file's folder
 *     trust: web-1.crt               # optional: PEM certificates to trust for TLS
 *     max-backfill: 1d               # optional: how far back a console with nothing asks
 * scrape:
 *   - name: node                     # the series' job label
 *     url: http://10.0.0.5:9100/metrics
 *     interval: 15s                  # optional (15s); timeout: optional, the interval at most
 *     labels: {region: eu-west-1}    # optional
 * prometheus:
 *   - name: prom-eu                  # its series get prometheus="prom-eu"
 *     url: http://prometheus.eu.example:9090
 *     queries:                       # a selector keeps its series' names; an expression needs a record
 *       - up
 *       - record: instance:node_cpu:busy_ratio
 *         expr: 1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[1m]))
 *     map-labels: {region: cluster}  # optional: the console's label: the server's label it comes from
 *     labels: {provider: aws}        # optional: set on every series that lacks it
 *     interval: 15s                  # optional (15s): how often, and the step of its series
 *     timeout: 10s                   # optional (10s, the interval at most)
 *     max-backfill: 1h               # optional (1h): how far back a console with nothing asks
 *     token-file: prom.token         # optional: a bearer token
 *     trust: prom.crt                # optional: PEM certificates to trust
 *     alerts: true                   # optional: its firing alerts join the console's queue
 * alertmanager:                      # receive Alertmanager's webhook into the alert queue
 *   listen: 0.0.0.0:9471
 *   token-file: alertmanager.token   # what Alertmanager sends as its bearer credentials
 *   tls-keystore: console.p12        # optional, with tls-password-file
 *   tls-password-file: console.pass
 *   stale-after: 4h10m               # optional: more than Alertmanager's repeat_interval + group_interval
 * </pre>
 * Every problem names the file and the key; secrets are read from their own files, never written here.
 */
public final class SourcesFile {
    private static final Set<String> TOP = Set.of("agents", "scrape", "prometheus", "alertmanager");
    private static final Set<String> RECEIVER = Set.of("listen", "token-file", "tls-keystore", "tls-password-file",
            "stale-after");
    private static final Set<String> PROMETHEUS = Set.of("name", "url", "queries", "map-labels", "labels", "interval",
            "timeout", "max-backfill", "token-file", "trust", "alerts");
    private static final Set<String> SCRAPE = Set.of("name", "url", "interval", "timeout", "labels");
    private static final Set<String> AGENT = Set.of("name", "url", "token-file", "trust", "max-backfill");

    private SourcesFile() {
    }

    /** The sources of a file. */
    public record Sources(List<AgentEndpoint> agents, List<ScrapeTarget> scrapes,
                          List<PrometheusSource.Settings> prometheus, AlertReceiver alertmanager) {
        public static final Sources NONE = new Sources(List.of(), List.of(), List.of(), null);
    }

    /**
     * Where the console listens for Alertmanager's webhook.
     *
     * @param tlsKeyStore a PKCS#12 key store for https, or null for plain http
     * @param staleAfter  how long a firing alert stays firing unheard of (null: the default, 4 h 10 min)
     */
    public record AlertReceiver(java.net.InetSocketAddress listen, Secret token, Path tlsKeyStore,
                                Secret tlsPassword, Duration staleAfter) {
    }

    /** An exporter to scrape. */
    public record ScrapeTarget(String name, HttpUrl url, Duration interval, Duration timeout,
                               java.util.Map<String, String> labels) {
    }

    public static Sources read(Path file) throws ConfigException {
        return read(YamlConfigReader.read(file), file);
    }

    /** The sources of {@code text} as if it were the file {@code file} (its folder resolves relative paths). */
    public static Sources read(String text, Path file) throws ConfigException {
        Path folder = file.toAbsolutePath().getParent();
        YamlConfigReader yaml = new YamlConfigReader(file.toString());
        JsonNode root = yaml.root(text);
        yaml.keys(root, "", TOP);
        List<AgentEndpoint> agents = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int i = 0;
        for (JsonNode a : yaml.list(root, "agents", "")) {
            String where = "agents[" + i++ + "]";
            yaml.keys(a, where, AGENT);
            String name = name(yaml, a, where, names);
            HttpUrl url = url(yaml, a, where, "https://web-1.example:9470");
            Secret token = secret(yaml, folder, yaml.text(a, "token-file", where, true),
                    YamlConfigReader.at(where, "token-file"));
            AgentEndpoint endpoint = AgentEndpoint.of(name, url, token);
            TrustedCertificates trust = trust(yaml, folder, a, where);
            if (trust != null) {
                endpoint = endpoint.withTrust(trust);
            }
            Duration backfill = yaml.optionalDuration(a, "max-backfill", where);
            if (backfill != null) {
                endpoint = endpoint.withMaxBackfill(backfill);
            }
            agents.add(endpoint);
        }
        List<ScrapeTarget> scrapes = new ArrayList<>();
        i = 0;
        for (JsonNode a : yaml.list(root, "scrape", "")) {
            String where = "scrape[" + i++ + "]";
            yaml.keys(a, where, SCRAPE);
            String name = name(yaml, a, where, names);
            HttpUrl url = url(yaml, a, where, "http://10.0.0.5:9100/metrics");
            Duration interval = yaml.optionalDuration(a, "interval", where);
            interval = interval == null ? Duration.ofSeconds(15) : interval;
            Duration timeout = yaml.optionalDuration(a, "timeout", where);
            timeout = timeout == null ? interval : timeout;
            if (interval.isZero() || interval.isNegative() || timeout.isZero() || timeout.compareTo(interval) > 0) {
                throw yaml.problem(YamlConfigReader.at(where, "timeout"), "the interval must be positive and the"
                        + " timeout positive and no longer than it");
            }
            scrapes.add(new ScrapeTarget(name, url, interval, timeout, labels(yaml, a, "labels", where)));
        }
        List<PrometheusSource.Settings> proms = new ArrayList<>();
        i = 0;
        for (JsonNode a : yaml.list(root, "prometheus", "")) {
            String where = "prometheus[" + i++ + "]";
            yaml.keys(a, where, PROMETHEUS);
            proms.add(prometheus(yaml, folder, a, where, name(yaml, a, where, names)));
        }
        AlertReceiver receiver = null;
        JsonNode am = root.path("alertmanager");
        if (!am.isMissingNode() && !am.isNull()) {
            receiver = receiver(yaml, folder, am);
        }
        return new Sources(List.copyOf(agents), List.copyOf(scrapes), List.copyOf(proms), receiver);
    }

    private static AlertReceiver receiver(YamlConfigReader yaml, Path folder, JsonNode am) throws ConfigException {
        String where = "alertmanager";
        if (!am.isObject()) {
            throw yaml.problem(where, "must be a mapping with listen: and token-file:");
        }
        yaml.keys(am, where, RECEIVER);
        String listen = yaml.text(am, "listen", where, true).strip();
        int colon = listen.lastIndexOf(':');
        java.net.InetSocketAddress address;
        try {
            int port = Integer.parseInt(listen.substring(colon + 1));
            String host = listen.substring(0, Math.max(0, colon)).replace("[", "").replace("]", "");
            if (colon < 0 || port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            address = new java.net.InetSocketAddress(host.isEmpty() ? "0.0.0.0" : host, port);
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw yaml.problem(YamlConfigReader.at(where, "listen"), "must be HOST:PORT, such as 0.0.0.0:9471");
        }
        if (address.isUnresolved()) {
            throw yaml.problem(YamlConfigReader.at(where, "listen"), "'" + listen + "' is not an address of this machine");
        }
        Secret token = secret(yaml, folder, yaml.text(am, "token-file", where, true),
                YamlConfigReader.at(where, "token-file"));
        String keyStore = yaml.text(am, "tls-keystore", where, false);
        String password = yaml.text(am, "tls-password-file", where, false);
        if ((keyStore == null) != (password == null)) {
            throw yaml.problem(YamlConfigReader.at(where, keyStore == null ? "tls-keystore" : "tls-password-file"),
                    "tls-keystore and tls-password-file go together");
        }
        Duration stale = yaml.optionalDuration(am, "stale-after", where);
        if (stale != null && (stale.isZero() || stale.isNegative())) {
            throw yaml.problem(YamlConfigReader.at(where, "stale-after"), "must be positive");
        }
        return new AlertReceiver(address, token, keyStore == null ? null : folder.resolve(keyStore),
                password == null ? null : secret(yaml, folder, password, YamlConfigReader.at(where, "tls-password-file")),
                stale);
    }

    private static PrometheusSource.Settings prometheus(YamlConfigReader yaml, Path folder, JsonNode a, String where,
                                                        String name) throws ConfigException {
        PrometheusEndpoint endpoint = PrometheusEndpoint.of(url(yaml, a, where, "http://prometheus.example:9090"));
        String tokenFile = yaml.text(a, "token-file", where, false);
        if (tokenFile != null) {
            endpoint = endpoint.withToken(secret(yaml, folder, tokenFile, YamlConfigReader.at(where, "token-file")));
        }
        TrustedCertificates trust = trust(yaml, folder, a, where);
        if (trust != null) {
            endpoint = endpoint.withTrust(trust);
        }
        Duration interval = yaml.optionalDuration(a, "interval", where);
        interval = interval == null ? Duration.ofSeconds(15) : interval;
        if (interval.toMillis() < 1000 || interval.toMillis() % 1000 != 0) {
            throw yaml.problem(YamlConfigReader.at(where, "interval"), "must be whole seconds, 1s or more");
        }
        Duration timeout = yaml.optionalDuration(a, "timeout", where);
        timeout = timeout == null ? (interval.compareTo(Duration.ofSeconds(10)) < 0 ? interval : Duration.ofSeconds(10))
                : timeout;
        if (timeout.isZero() || timeout.isNegative() || timeout.compareTo(interval) > 0) {
            throw yaml.problem(YamlConfigReader.at(where, "timeout"), "must be positive and no longer than the"
                    + " interval (" + interval.toSeconds() + "s)");
        }
        endpoint = endpoint.withTimeout(timeout);
        Duration backfill = yaml.optionalDuration(a, "max-backfill", where);
        backfill = backfill == null ? Duration.ofHours(1) : backfill;
        List<PrometheusQuery> queries = new ArrayList<>();
        int q = 0;
        for (JsonNode query : yaml.list(a, "queries", where)) {
            String at = YamlConfigReader.at(where, "queries") + "[" + q++ + "]";
            try {
                if (query.isTextual()) {
                    queries.add(PrometheusQuery.of(query.asText()));
                } else if (query.isObject()) {
                    yaml.keys(query, at, Set.of("record", "expr"));
                    queries.add(new PrometheusQuery(yaml.text(query, "record", at, false),
                            yaml.text(query, "expr", at, true)));
                } else {
                    throw yaml.problem(at, "must be an expression, or a mapping of record: and expr:");
                }
            } catch (IllegalArgumentException e) {
                throw yaml.problem(at, e.getMessage());
            }
        }
        if (queries.isEmpty()) {
            throw yaml.problem(YamlConfigReader.at(where, "queries"), "needs at least one query, such as 'up'");
        }
        LabelMapping mapping;
        try {
            mapping = new LabelMapping(labels(yaml, a, "map-labels", where), labels(yaml, a, "labels", where));
        } catch (IllegalArgumentException e) {
            throw yaml.problem(YamlConfigReader.at(where, "map-labels"), e.getMessage());
        }
        String alerts = yaml.text(a, "alerts", where, false);
        if (alerts != null && !alerts.equals("true") && !alerts.equals("false")) {
            throw yaml.problem(YamlConfigReader.at(where, "alerts"), "is true or false");
        }
        return new PrometheusSource.Settings(name, endpoint, queries, interval, backfill, mapping,
                "true".equals(alerts));
    }

    /** A mapping of label names to strings, its names checked. */
    private static java.util.Map<String, String> labels(YamlConfigReader yaml, JsonNode source, String key,
                                                        String where) throws ConfigException {
        java.util.Map<String, String> labels = new java.util.TreeMap<>();
        JsonNode l = source.path(key);
        if (!l.isMissingNode() && !l.isNull()) {
            if (!l.isObject()) {
                throw yaml.problem(YamlConfigReader.at(where, key), "must be a mapping of name: value");
            }
            l.properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
            try {
                io.pharos.engine.model.Labels.of(labels);
            } catch (IllegalArgumentException e) {
                throw yaml.problem(YamlConfigReader.at(where, key), e.getMessage());
            }
        }
        return java.util.Map.copyOf(labels);
    }

    /** A source's name: not empty, and no other source's (it labels their series). */
    private static String name(YamlConfigReader yaml, JsonNode source, String where, Set<String> taken)
            throws ConfigException {
        String name = yaml.text(source, "name", where, true).strip();
        if (name.isEmpty() || !taken.add(name)) {
            throw yaml.problem(YamlConfigReader.at(where, "name"), name.isEmpty() ? "must not be empty"
                    : "'" + name + "' names two sources; each needs its own (it labels their series)");
        }
        return name;
    }

    private static HttpUrl url(YamlConfigReader yaml, JsonNode source, String where, String example)
            throws ConfigException {
        HttpUrl url = HttpUrl.parse(yaml.text(source, "url", where, true));
        if (url == null) {
            throw yaml.problem(YamlConfigReader.at(where, "url"), "must be an http:// or https:// address, such as "
                    + example);
        }
        if (!url.username().isEmpty() || !url.password().isEmpty()) {
            throw yaml.problem(YamlConfigReader.at(where, "url"), "must not hold credentials (user:password@):"
                    + " an address is shown in messages; put a token in a token-file");
        }
        return url;
    }

    /** The certificates of a source's {@code trust:} file, or null when it has none. */
    private static TrustedCertificates trust(YamlConfigReader yaml, Path folder, JsonNode source, String where)
            throws ConfigException {
        String file = yaml.text(source, "trust", where, false);
        if (file == null) {
            return null;
        }
        try {
            return TrustedCertificates.fromPem(folder.resolve(file));
        } catch (IllegalArgumentException e) {
            throw yaml.problem(YamlConfigReader.at(where, "trust"), e.getMessage());
        }
    }

    private static Secret secret(YamlConfigReader yaml, Path folder, String name, String where) throws ConfigException {
        Path file = folder.resolve(name);
        try {
            if (Files.size(file) > 4096) {
                throw yaml.problem(where, file + " is larger than a secret (4 KiB at most)");
            }
            return Secret.of(Files.readString(file));
        } catch (IOException e) {
            throw yaml.problem(where, file + " cannot be read (" + e.getClass().getSimpleName() + ")");
        } catch (IllegalArgumentException e) {
            throw yaml.problem(where, file + ": " + e.getMessage());
        }
    }
}
