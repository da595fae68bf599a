package io.pharos.app;

import io.pharos.client.SourcesDocument;
import io.pharos.client.SourcesFile;
import io.pharos.client.StoreNewestSamples;
import io.pharos.client.agent.AgentEndpoint;
import io.pharos.client.agent.AgentSource;
import io.pharos.client.prometheus.PrometheusSource;
import io.pharos.client.scrape.ScrapeSource;
import io.pharos.engine.PharosEngine;
import io.pharos.engine.config.ConfigException;
import io.pharos.engine.ingest.Source;
import io.pharos.engine.pipeline.ReceivedAlerts;
import io.pharos.views.status.SourceSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's live sources as its settings file says, running: started at launch, and when the
 * status screen adds, edits or removes one, the file written first, then what changed stopped and
 * started (an unchanged source keeps running, its connection and counters intact).
 */
final class LiveSources implements SourceSettings {
    private static final Logger LOG = LoggerFactory.getLogger(LiveSources.class);
    private final PharosEngine engine;
    private final ReceivedAlerts received;
    private SourcesDocument document;
    /** By source name: the settings it runs with and the source. */
    private final Map<String, Running> running = new LinkedHashMap<>();

    private record Running(SourcesDocument.Entry entry, Source source) {
    }

    private LiveSources(PharosEngine engine, SourcesDocument document, ReceivedAlerts received) {
        this.engine = engine;
        this.document = document;
        this.received = received;
    }

    /**
     * Starts the sources of {@code file} (none when it does not exist yet).
     *
     * @param received where Alertmanager's alerts go; null when alerting is off
     */
    static LiveSources start(PharosEngine engine, Path file, ReceivedAlerts received) throws ConfigException {
        LiveSources live = new LiveSources(engine, SourcesDocument.load(file), received);
        live.apply(live.document);
        return live;
    }

    /** Stops what ran and starts what the document says; unchanged sources go on. */
    private synchronized void apply(SourcesDocument next) throws ConfigException {
        SourcesFile.Sources sources = next.sources();
        Map<String, SourcesDocument.Entry> wanted = new LinkedHashMap<>();
        for (SourcesDocument.Entry e : next.entries()) {
            wanted.put(sourceName(e), e);
        }
        for (var it = running.entrySet().iterator(); it.hasNext(); ) {
            var r = it.next();
            if (!r.getValue().entry().equals(wanted.get(r.getKey()))) {
                engine.stop(r.getValue().source());
                it.remove();
                LOG.info("Source {} stopped", r.getKey());
            }
        }
        for (var w : wanted.entrySet()) {
            if (!running.containsKey(w.getKey())) {
                Source s = create(w.getValue(), sources);
                engine.start(s);
                running.put(w.getKey(), new Running(w.getValue(), s));
            }
        }
        document = next;
    }

    private static String sourceName(SourcesDocument.Entry e) {
        return e.kind().single() ? AlertReceiverSource.NAME : e.name();
    }

    private Source create(SourcesDocument.Entry e, SourcesFile.Sources sources) {
        String name = e.name();
        Clock clock = Clock.systemUTC();
        return switch (e.kind()) {
            case AGENT -> {
                AgentEndpoint a = sources.agents().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
                yield new AgentSource(a, new StoreNewestSamples(engine.store()), engine.historySink(), clock);
            }
            case SCRAPE -> {
                SourcesFile.ScrapeTarget t = sources.scrapes().stream().filter(x -> x.name().equals(name)).findFirst()
                        .orElseThrow();
                yield new ScrapeSource(t.name(), t.url(), t.interval(), t.timeout(), t.labels(), clock);
            }
            case PROMETHEUS -> {
                PrometheusSource.Settings p = sources.prometheus().stream().filter(x -> x.name().equals(name))
                        .findFirst().orElseThrow();
                yield new PrometheusSource(p, new StoreNewestSamples(engine.store()), engine.historySink(), clock,
                        received);
            }
            case ALERTMANAGER -> new AlertReceiverSource(sources.alertmanager(), received);
        };
    }

    @Override
    public String where() {
        return document.file().toAbsolutePath().toString();
    }

    @Override
    public List<Kind> kinds() {
        List<Kind> out = new ArrayList<>();
        for (SourcesDocument.Kind k : SourcesDocument.Kind.values()) {
            out.add(new Kind(k.key(), k.title(), k.fields().stream()
                    .map(f -> new Field(f.key(), f.required(), f.lines(), f.hint())).toList(), k.single()));
        }
        return out;
    }

    @Override
    public synchronized Optional<Entry> entryOf(String sourceName) {
        Running r = running.get(sourceName);
        return r == null ? Optional.empty() : Optional.of(new Entry(r.entry().kind().key(), r.entry().fields()));
    }

    @Override
    public synchronized Outcome save(Entry original, Entry updated) {
        SourcesDocument.Entry after = toDocument(updated);
        try {
            SourcesDocument next = document.with(original == null ? null : toDocument(original), after);
            next.save();
            apply(next);
            return new Outcome(true, "Saved in " + where() + ": " + sourceName(after) + " "
                    + (original == null ? "started." : "restarted with its new settings."));
        } catch (ConfigException e) {
            return new Outcome(false, e.getMessage());
        } catch (IOException e) {
            return new Outcome(false, "Not saved: " + where() + " cannot be written (" + e.getMessage() + ").");
        }
    }

    @Override
    public synchronized Outcome remove(Entry entry) {
        SourcesDocument.Entry gone = toDocument(entry);
        try {
            SourcesDocument next = document.without(gone);
            next.save();
            apply(next);
            return new Outcome(true, sourceName(gone) + " removed from " + where() + " and stopped; what it took"
                    + " stays in the store.");
        } catch (ConfigException e) {
            return new Outcome(false, e.getMessage());
        } catch (IOException e) {
            return new Outcome(false, "Not removed: " + where() + " cannot be written (" + e.getMessage() + ").");
        }
    }

    private static SourcesDocument.Entry toDocument(Entry e) {
        for (SourcesDocument.Kind k : SourcesDocument.Kind.values()) {
            if (k.key().equals(e.kind())) {
                return new SourcesDocument.Entry(k, e.fields());
            }
        }
        throw new IllegalArgumentException("no kind of source " + e.kind());
    }
}
