package io.pharos.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pharos.client.SourcesDocument.Entry;
import io.pharos.client.SourcesDocument.Kind;
import io.pharos.engine.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sources.yaml edited as the console edits it: read, changed, checked, written back and read again. */
class SourcesDocumentTest {
    @TempDir
    Path dir;

    private Path file(String yaml) throws Exception {
        Files.writeString(dir.resolve("web-1.token"), "token-of-web-1-0123456789\n");
        return Files.writeString(dir.resolve("sources.yaml"), yaml);
    }

    private static Map<String, String> fields(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void eachSourceIsReadInTheFilesWordsAndAnEditIsWrittenBackAndReadAgain() throws Exception {
        Path f = file("""
                # my sources
                agents:
                  - name: web-1
                    url: http://127.0.0.1:9470
                    token-file: web-1.token
                prometheus:
                  - name: prom-eu
                    url: http://prom:9090
                    queries:
                      - up
                      - record: instance:busy:ratio
                        expr: 1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[1m]))
                    map-labels: {region: cluster}
                """);
        SourcesDocument doc = SourcesDocument.load(f);
        assertThat(doc.entries()).extracting(Entry::name).containsExactly("web-1", "prom-eu");
        Entry prom = doc.entries().get(1);
        assertThat(prom.fields().get("queries")).isEqualTo("up\ninstance:busy:ratio: 1 - avg by (instance)"
                + " (rate(node_cpu_seconds_total{mode=\"idle\"}[1m]))");
        assertThat(prom.fields().get("map-labels")).isEqualTo("region=cluster");

        Map<String, String> changed = new LinkedHashMap<>(prom.fields());
        changed.put("queries", prom.fields().get("queries") + "\nnode_load1{job=\"node\"}");
        changed.put("map-labels", "region=cluster, service=job");
        changed.put("interval", "30s");
        SourcesDocument edited = doc.with(prom, new Entry(Kind.PROMETHEUS, changed));
        edited.save();

        assertThat(Files.readString(dir.resolve("sources.yaml.bak"))).startsWith("# my sources");
        SourcesFile.Sources read = SourcesFile.read(f);
        assertThat(read.agents()).hasSize(1);
        var p = read.prometheus().getFirst();
        assertThat(p.queries()).hasSize(3);
        assertThat(p.queries().get(1).record()).isEqualTo("instance:busy:ratio");
        assertThat(p.queries().get(2).expr()).isEqualTo("node_load1{job=\"node\"}");
        assertThat(p.labels().renamed()).containsEntry("service", "job");
        assertThat(p.interval().toSeconds()).isEqualTo(30);
        assertThat(SourcesDocument.load(f).entries().get(1).fields()).isEqualTo(new Entry(Kind.PROMETHEUS, changed)
                .fields());
    }

    @Test
    void anAdditionThatCannotWorkIsRefusedWithTheFilesOwnMessageAndNothingIsWritten() throws Exception {
        Path f = file("agents: []\n");
        SourcesDocument doc = SourcesDocument.load(f);
        assertThatThrownBy(() -> doc.with(null, new Entry(Kind.AGENT, fields("name", "web-2", "url",
                "http://h:9470", "token-file", "missing.token"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("agents[0].token-file")
                .hasMessageContaining("missing.token cannot be read");
        assertThatThrownBy(() -> doc.with(null, new Entry(Kind.AGENT, fields("name", "web-2", "url", "http://h:9470"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("token-file is required");
        assertThatThrownBy(() -> doc.with(null, new Entry(Kind.SCRAPE, fields("name", "node", "url",
                "http://h:9100/metrics", "labels", "region"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("name=value");
        assertThat(Files.readString(f)).isEqualTo("agents: []\n");
    }

    @Test
    void aSourceIsAddedRenamedAndRemoved() throws Exception {
        Path f = dir.resolve("new/sources.yaml");
        Files.createDirectories(f.getParent());
        Files.writeString(f.getParent().resolve("am.token"), "alertmanager-token-0123456789");
        SourcesDocument doc = SourcesDocument.load(f);
        assertThat(doc.entries()).isEmpty();
        Entry node = new Entry(Kind.SCRAPE, fields("name", "node", "url", "http://127.0.0.1:9100/metrics",
                "labels", "region=eu-west-1"));
        Entry am = new Entry(Kind.ALERTMANAGER, fields("listen", "127.0.0.1:9471", "token-file", "am.token"));
        doc = doc.with(null, node).with(null, am);
        Entry renamed = new Entry(Kind.SCRAPE, fields("name", "node-exporter", "url", "http://127.0.0.1:9100/metrics"));
        doc = doc.with(node, renamed);
        doc.save();
        SourcesFile.Sources read = SourcesFile.read(f);
        assertThat(read.scrapes()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("node-exporter");
            assertThat(s.labels()).isEmpty();
        });
        assertThat(read.alertmanager().listen().getPort()).isEqualTo(9471);
        SourcesDocument twice = doc;
        assertThatThrownBy(() -> twice.with(null, am)).hasMessageContaining("one Alertmanager webhook already");

        doc = SourcesDocument.load(f).without(renamed).without(am);
        doc.save();
        assertThat(SourcesFile.read(f)).isEqualTo(SourcesFile.Sources.NONE);
    }

    @Test
    void whatTheFormCannotSayPlainlyStillComesBackAsItWas() throws Exception {
        Path f = file("""
                prometheus:
                  - name: p
                    url: http://p:9090
                    queries:
                      - expr: up
                      - record: a:b
                        expr: |
                          sum by (job) (
                            up
                          )
                    labels: {rack: "01", version: "1.10", team: "core, infra", note: ' padded '}
                """);
        SourcesDocument doc = SourcesDocument.load(f);
        Entry p = doc.entries().getFirst();
        assertThat(p.fields().get("queries")).isEqualTo("up\na:b: sum by (job) ( up )");
        doc.with(p, p).save();
        var read = SourcesFile.read(f).prometheus().getFirst();
        assertThat(read.queries()).extracting(q -> q.record()).containsExactly(null, "a:b");
        assertThat(read.labels().constant()).containsEntry("rack", "01").containsEntry("version", "1.10")
                .containsEntry("team", "core, infra").containsEntry("note", " padded ");
        assertThat(Files.readString(f)).contains("rack: \"01\"", "version: \"1.10\"");
        assertThat(SourcesDocument.load(f).entries().getFirst()).isEqualTo(p);
    }
}
