package io.pharos.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.pharos.client.agent.AgentEndpoint;
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
 * </pre>
 * Every problem names the file and the key; secrets are read from their own files, never written here.
 */
public final class SourcesFile {
    private static final Set<String> TOP = Set.of("agents", "scrape");
    private static final Set<String> SCRAPE = Set.of("name", "url", "interval", "timeout", "labels");
    private static final Set<String> AGENT = Set.of("name", "url", "token-file", "trust", "max-backfill");

    private SourcesFile() {
    }

    /** The sources of a file. */
    public record Sources(List<AgentEndpoint> agents, List<ScrapeTarget> scrapes) {
        public static final Sources NONE = new Sources(List.of(), List.of());
    }

    /** An exporter to scrape. */
    public record ScrapeTarget(String name, HttpUrl url, Duration interval, Duration timeout,
                               java.util.Map<String, String> labels) {
    }

    public static Sources read(Path file) throws ConfigException {
        Path folder = file.toAbsolutePath().getParent();
        YamlConfigReader yaml = new YamlConfigReader(file.toString());
        JsonNode root = yaml.root(YamlConfigReader.read(file));
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
            String trust = yaml.text(a, "trust", where, false);
            if (trust != null) {
                try {
                    endpoint = endpoint.withTrust(TrustedCertificates.fromPem(folder.resolve(trust)));
                } catch (IllegalArgumentException e) {
                    throw yaml.problem(YamlConfigReader.at(where, "trust"), e.getMessage());
                }
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
            java.util.Map<String, String> labels = new java.util.TreeMap<>();
            JsonNode l = a.path("labels");
            if (!l.isMissingNode() && !l.isNull()) {
                if (!l.isObject()) {
                    throw yaml.problem(YamlConfigReader.at(where, "labels"), "must be a mapping of name: value");
                }
                l.properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
                try {
                    io.pharos.engine.model.Labels.of(labels);
                } catch (IllegalArgumentException e) {
                    throw yaml.problem(YamlConfigReader.at(where, "labels"), e.getMessage());
                }
            }
            scrapes.add(new ScrapeTarget(name, url, interval, timeout, java.util.Map.copyOf(labels)));
        }
        return new Sources(List.copyOf(agents), List.copyOf(scrapes));
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
        return url;
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
