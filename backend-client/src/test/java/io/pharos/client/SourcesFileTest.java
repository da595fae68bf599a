package io.pharos.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pharos.client.agent.AgentEndpoint;
import io.pharos.engine.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourcesFileTest {
    @TempDir
    Path dir;

    private Path file(String yaml) throws Exception {
        Files.writeString(dir.resolve("web-1.token"), "token-of-web-1-0123456789\n");
        return Files.writeString(dir.resolve("sources.yaml"), yaml);
    }

    @Test
    void agentsWithTheirTokensReadFromTheirOwnFiles() throws Exception {
        SourcesFile.Sources s = SourcesFile.read(file("""
                agents:
                  - name: web-1
                    url: http://127.0.0.1:9470
                    token-file: web-1.token
                    max-backfill: 6h
                  - name: web-2
                    url: https://web-2.example:9470/
                    token-file: web-1.token
                """));
        assertThat(s.agents()).extracting(AgentEndpoint::name).containsExactly("web-1", "web-2");
        AgentEndpoint first = s.agents().getFirst();
        assertThat(first.token().reveal()).as("trimmed of its line end").isEqualTo("token-of-web-1-0123456789");
        assertThat(first.maxBackfill()).isEqualTo(Duration.ofHours(6));
        assertThat(first.where()).isEqualTo("http://127.0.0.1:9470");
        assertThat(s.agents().get(1).where()).isEqualTo("https://web-2.example:9470");
        assertThat(first.toString()).doesNotContain("token-of-web-1");
    }

    @Test
    void exportersToScrapeWithTheirIntervalAndLabels() throws Exception {
        SourcesFile.Sources s = SourcesFile.read(file("""
                scrape:
                  - name: node
                    url: http://10.0.0.5:9100/metrics
                    labels: {region: eu-west-1, service: web}
                  - name: blackbox
                    url: http://10.0.0.6:9115/probe
                    interval: 30s
                    timeout: 10s
                """));
        assertThat(s.scrapes()).extracting(SourcesFile.ScrapeTarget::name).containsExactly("node", "blackbox");
        assertThat(s.scrapes().get(0).interval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(s.scrapes().get(0).labels()).containsEntry("region", "eu-west-1").containsEntry("service", "web");
        assertThat(s.scrapes().get(1).timeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void anEmptyFileHasNoSources() throws Exception {
        assertThat(SourcesFile.read(file("")).agents()).isEmpty();
    }

    @Test
    void eachProblemNamesItsKey() throws Exception {
        assertProblem("agents:\n  - name: a\n    url: http://x:1\n    token-file: web-1.token\n    tokn: 1\n",
                "agents[0].tokn: unknown key");
        assertProblem("agents:\n  - name: a\n    url: not a url\n    token-file: web-1.token\n",
                "agents[0].url: must be an http:// or https:// address");
        assertProblem("agents:\n  - name: a\n    url: http://x:1\n    token-file: missing.token\n",
                "agents[0].token-file:", "missing.token cannot be read");
        assertProblem("agents:\n  - name: a\n    url: http://x:1\n    token-file: web-1.token\n"
                + "  - name: a\n    url: http://y:1\n    token-file: web-1.token\n", "agents[1].name: 'a' names two");
        assertProblem("agents:\n  - url: http://x:1\n", "agents[0].name: is required");
        assertProblem("agents:\n  - name: a\n    url: http://x:1\n    token-file: web-1.token\n    trust: web-1.token\n",
                "agents[0].trust:", "no readable certificate");
        assertProblem("alertmanagers: []\n", "alertmanagers: unknown key");
        assertProblem("scrape:\n  - name: node\n    url: http://x:9100/metrics\n    interval: 5s\n    timeout: 10s\n",
                "scrape[0].timeout:", "no longer than");
        assertProblem("scrape:\n  - name: node\n    url: http://x:9100/metrics\n    labels: {9a: x}\n",
                "scrape[0].labels:", "9a");
        assertProblem("agents: [\n", "not valid YAML");
        assertProblem("prometheus:\n  - name: p\n    url: http://ops:secret@p:9090\n    queries: [up]\n",
                "prometheus[0].url:", "must not hold credentials");
    }

    private void assertProblem(String yaml, String... parts) throws Exception {
        Path f = file(yaml);
        assertThatThrownBy(() -> SourcesFile.read(f)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("sources.yaml").hasMessageContainingAll(parts);
    }

    @Test
    void prometheusServersWithTheirQueriesAndLabelMapping() throws Exception {
        SourcesFile.Sources s = SourcesFile.read(file("""
                prometheus:
                  - name: prom-eu
                    url: http://prometheus.eu.example:9090/prom/
                    token-file: web-1.token
                    queries:
                      - up
                      - record: instance:node_cpu:busy_ratio
                        expr: 1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[1m]))
                    map-labels: {region: cluster, service: job}
                    labels: {provider: aws}
                    interval: 30s
                    max-backfill: 6h
                """));
        assertThat(s.prometheus()).hasSize(1);
        var p = s.prometheus().getFirst();
        assertThat(p.name()).isEqualTo("prom-eu");
        assertThat(p.endpoint().url().encodedPath()).isEqualTo("/prom/");
        assertThat(p.endpoint().token().reveal()).isEqualTo("token-of-web-1-0123456789");
        assertThat(p.endpoint().timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(p.interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(p.maxBackfill()).isEqualTo(Duration.ofHours(6));
        assertThat(p.queries()).extracting(q -> q.record()).containsExactly(null, "instance:node_cpu:busy_ratio");
        assertThat(p.queries().get(1).expr()).startsWith("1 - avg by (instance)");
        assertThat(p.labels().renamed()).containsEntry("region", "cluster").containsEntry("service", "job");
        assertThat(p.labels().constant()).containsEntry("provider", "aws");
    }

    @Test
    void aPrometheusEntryThatCannotWorkIsRefusedWithItsKey() throws Exception {
        assertThatThrownBy(() -> SourcesFile.read(file("""
                prometheus:
                  - name: p
                    url: http://p:9090
                """))).isInstanceOf(ConfigException.class).hasMessageContaining("prometheus[0].queries")
                .hasMessageContaining("at least one query");
        assertThatThrownBy(() -> SourcesFile.read(file("""
                prometheus:
                  - name: p
                    url: http://p:9090
                    queries: [{record: "not a name", expr: up}]
                """))).isInstanceOf(ConfigException.class).hasMessageContaining("prometheus[0].queries[0]")
                .hasMessageContaining("not a metric name");
        assertThatThrownBy(() -> SourcesFile.read(file("""
                prometheus:
                  - name: p
                    url: http://p:9090
                    queries: [up]
                    interval: 5s
                    timeout: 10s
                """))).isInstanceOf(ConfigException.class).hasMessageContaining("prometheus[0].timeout");
        assertThatThrownBy(() -> SourcesFile.read(file("""
                prometheus:
                  - name: p
                    url: http://p:9090
                    queries: [up]
                    map-labels: {prometheus: cluster}
                """))).isInstanceOf(ConfigException.class).hasMessageContaining("names the source");
    }

    @Test
    void alertmanagersWebhookIsReceivedWhereTheFileSays() throws Exception {
        SourcesFile.Sources s = SourcesFile.read(file("""
                alertmanager:
                  listen: 127.0.0.1:9471
                  token-file: web-1.token
                """));
        assertThat(s.alertmanager().listen().getPort()).isEqualTo(9471);
        assertThat(s.alertmanager().listen().getAddress().isLoopbackAddress()).isTrue();
        assertThat(s.alertmanager().token().reveal()).isEqualTo("token-of-web-1-0123456789");
        assertThat(s.alertmanager().tlsKeyStore()).isNull();
        assertThat(s.alertmanager().staleAfter()).as("the default, chosen by the engine").isNull();
        assertThat(SourcesFile.read(file("alertmanager:\n  listen: 127.0.0.1:9471\n  token-file: web-1.token\n"
                + "  stale-after: 24h30m\n")).alertmanager().staleAfter()).isEqualTo(Duration.ofMinutes(24 * 60 + 30));
        assertThat(SourcesFile.read(file("agents: []\n")).alertmanager()).isNull();

        assertProblem("alertmanager:\n  listen: 9471\n  token-file: web-1.token\n", "alertmanager.listen:",
                "HOST:PORT");
        assertProblem("alertmanager:\n  listen: 127.0.0.1:9471\n", "alertmanager.token-file: is required");
        assertProblem("alertmanager:\n  listen: 127.0.0.1:9471\n  token-file: web-1.token\n  tls-keystore: k.p12\n",
                "alertmanager.tls-password-file:", "go together");
    }
}
